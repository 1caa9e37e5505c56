// The app in a frame on a help site of another origin, embedded as static/embed-demo.html shows: it opens
// in its compact layout with the options of its address, the frame grows with its content, the page ignores
// height messages from anyone but the app, and the app's frame-ancestors keep it out of frames on sites that
// were not allowed. (The widget on the same page: widget.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { launch } from './browser.mjs';
import { CSP, serveStatic } from './static-server.mjs';

const DEMO = new URL('../../static/embed-demo.html', import.meta.url);
const PLACEHOLDER = 'https://mail.example.com/help/mail/';

let browser;
let site;
let app;
let unlisted;
before(async () => {
  browser = await launch();
  // The help site: the demo page, with the placeholder replaced by the app's address from `?app=`.
  site = http.createServer(async (req, res) => {
    const target = new URL(req.url, 'http://site').searchParams.get('app') ?? PLACEHOLDER;
    const page = (await readFile(DEMO, 'utf8')).replaceAll(PLACEHOLDER, target);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteOrigin = `http://127.0.0.1:${site.address().port}`;
  app = await serveStatic({ prefix: '/help/mail/', csp: CSP.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${siteOrigin}`) });
  unlisted = await serveStatic({ prefix: '/help/mail/' });
});
after(async () => {
  await browser?.close();
  site?.close();
  app?.close();
  unlisted?.close();
});

const demo = (appUrl) => `http://127.0.0.1:${site.address().port}/?app=${encodeURIComponent(appUrl)}`;

/** The frame's height on the help page and the height of the app's content inside it. */
async function heights(page) {
  const frame = page.frames().find((f) => f.url().startsWith(app.url));
  const outer = await page.locator('#mailcheck').evaluate((f) => Math.round(f.getBoundingClientRect().height));
  const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  return { outer, inner, frame };
}

async function settled(page) {
  for (let i = 0; i < 100; i++) {
    const h = await heights(page);
    if (h.outer === h.inner) return h;
    await new Promise((r) => setTimeout(r, 50));
  }
  const h = await heights(page);
  assert.equal(h.outer, h.inner, 'the frame is as tall as its content');
  return h;
}

test('a help page on another origin embeds the app, and the frame grows with its content', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // The frame alone: the widget on the same page has its own test.
  await page.route('**/mailcheck-widget.js', (route) => route.abort());
  await page.goto(demo(app.url));
  const inside = page.frameLocator('#mailcheck');
  await inside.locator('#address').waitFor();
  const before = await settled(page);
  assert.notEqual(before.outer, 480, 'the frame left its first height of 30rem');
  assert.equal(await inside.locator('main.app.compact').count(), 1, 'the compact layout');
  assert.equal(await inside.locator('.tagline').isVisible(), false, 'the compact layout has no tagline');
  assert.equal(await inside.getByTestId('provider-name').textContent(), 'CenturyLink', '?provider= preselects');

  await inside.locator('#nav-guide').click();
  await inside.getByTestId('guide').locator('ol.steps').waitFor();
  assert.equal(await inside.locator('#client-outlook-windows').getAttribute('aria-pressed'), 'true', '?client= preselects');
  const grown = await settled(page);
  assert.ok(grown.outer > before.outer, `the frame grew: ${before.outer} -> ${grown.outer} px`);

  // The near miss: a height message from the help page itself (not the app's origin) changes nothing.
  await page.evaluate(() => postMessage({ mailcheck: 'height', height: 5 }, '*'));
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await heights(page)).outer, grown.outer);
  assert.deepEqual(errors.filter((e) => !/ERR_FAILED/.test(e)), []);
  await context.close();
});

test('a site not named in frame-ancestors cannot frame the app', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
  await page.goto(demo(unlisted.url));
  await refused;
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.equal(await frame.locator('#address').count(), 0, 'the app opened in a frame it was not allowed in');
  await context.close();
});
