// A benchmark, not a test: how soon the app can be used, beside a bare Yew app built by the same toolchain,
// and how long a screen whose code is loaded later (src/later.rs) takes to open when nothing of it has been
// fetched yet. Figures: docs/benchmarks.md.
//
//   (cd bench/bare-yew && trunk build --release)   # the bare Yew app, once
//   trunk build --release                          # mailcheck (or cargo xtask run)
//   node tools/bench-load.mjs dist bench/bare-yew/dist [other builds…]
//
// Each build is served from loopback by the same small static server. Time to interactive: from the
// navigation's start to the moment the app's first control is on the page (mailcheck's address field, the
// bare app's button), drawn by the wasm with its handlers; a fresh browser context each time (a cold cache),
// the builds taking turns, eleven runs each, with the CPU slowed down 4x (Chromium's throttling) and without,
// and with the CPU slowed down on a slow connection too (Lighthouse's "slow 4G": 150 ms, 1.6 Mbit/s), where
// the first load's bytes count.
// Opening a screen loaded later: a click on its tab to its code's first drawing, in the first build, with the
// provider data held back so that nothing is prefetched.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { launch } from '../tests/e2e/browser.mjs';

const dists = process.argv.slice(2).map((d) => resolve(d));
if (dists.length < 2) throw new Error('usage: node tools/bench-load.mjs <mailcheck dist> <bare Yew dist> [more dists]');
const RUNS = 11;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.txt': 'text/plain' };
/** Serves `dir` on a free loopback port; resolves to its URL. */
function serve(dir) {
  const server = http.createServer(async (req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(dir + sep) && path !== dir + sep) return res.writeHead(403).end();
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

/** The first control each kind of build draws. */
const FIRST_CONTROL = '#address, #count';

/** Lighthouse's "slow 4G". */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

async function timeToInteractive(browser, url, rate, network) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.addInitScript((selector) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector)) {
        window.__interactive = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  }, FIRST_CONTROL);
  await page.goto(url);
  await page.locator(FIRST_CONTROL).first().waitFor();
  const ms = await page.evaluate(() => window.__interactive);
  await context.close();
  return ms;
}

async function openLater(browser, url, screen, rate) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // The provider data held back: the app prefetches nothing before it has it.
  await page.route(/knowledge-[0-9a-f]+\.txt$/, () => {});
  await page.goto(url);
  await page.locator('#address').waitFor();
  const section = page.locator(`#screen-${screen}`);
  const ms = await page.evaluate(
    (screen) =>
      new Promise((done) => {
        const start = performance.now();
        new MutationObserver((_, observer) => {
          const shown = document.querySelector(`#screen-${screen}`);
          if (shown && !shown.textContent.includes('Loading this screen…')) {
            observer.disconnect();
            done(performance.now() - start);
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
        document.querySelector(`#nav-${screen}`).click();
      }),
    screen,
  );
  await section.waitFor();
  await context.close();
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const servers = await Promise.all(dists.map(serve));
const browser = await launch();
for (const [rate, network, name] of [[1], [4], [4, SLOW_4G, ', slow 4G']]) {
  const times = servers.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (const [i, { url }] of servers.entries()) times[i].push(await timeToInteractive(browser, url, rate, network));
  }
  console.log(`time to interactive, CPU ${rate}x${name ?? ''}, median of ${RUNS} (ms):`);
  for (const [i, dist] of dists.entries()) {
    console.log(`  ${median(times[i]).toFixed(0).padStart(6)}  ${dist}   (${times[i].map((t) => t.toFixed(0)).join(' ')})`);
  }
  const ratio = median(times[0]) / median(times[1]);
  console.log(`  ratio ${ratio.toFixed(2)} (${dists[0]} over ${dists[1]})`);
}
for (const rate of [1, 4]) {
  console.log(`opening a screen whose code is not fetched yet, CPU ${rate}x, median of 5 (ms):`);
  for (const screen of ['check', 'decode', 'protocol', 'guide', 'take-away']) {
    const times = [];
    for (let run = 0; run < 5; run++) times.push(await openLater(browser, servers[0].url, screen, rate));
    console.log(`  ${median(times).toFixed(0).padStart(6)}  ${screen}   (${times.map((t) => t.toFixed(0)).join(' ')})`);
  }
}
await browser.close();
for (const { server } of servers) server.close();
