// A benchmark, not a test: how long the app takes from the provider data's arrival to a resolved lookup, in
// Chromium. An address is typed while the data file is held back; then the file is let through, and the time
// from its last byte (the Resource Timing entry's responseEnd) to the provider's name on screen is taken,
// seven times. Run against any served build: `node tools/bench-data.mjs http://127.0.0.1:8080/`.
// Figures: docs/benchmarks.md.
import { launch } from '../tests/e2e/browser.mjs';

if (!process.argv[2]) throw new Error('usage: node tools/bench-data.mjs <url of the app>');
const url = process.argv[2];
const browser = await launch();
const results = [];
for (let i = 0; i < 7; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/knowledge-[0-9a-f]+\.txt$/, async (route) => { await held; await route.continue(); });
  await page.goto(url);
  await page.getByLabel('Your email address').fill('jane@yahoo.com');
  await page.getByTestId('provider-loading').waitFor();
  // In the page: the moment the data response has been read, and the moment the provider's name shows.
  await page.evaluate(() => {
    window.__t = {};
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (/knowledge-/.test(e.name)) window.__t.data = e.responseEnd; }).observe({ type: 'resource', buffered: true });
    new MutationObserver(() => { if (!window.__t.shown && document.querySelector('[data-testid=provider-name]')) window.__t.shown = performance.now(); }).observe(document.body, { subtree: true, childList: true });
  });
  release();
  await page.getByTestId('provider-name').waitFor();
  const t = await page.evaluate(() => window.__t);
  results.push(t.shown - t.data);
  await context.close();
}
await browser.close();
results.sort((a, b) => a - b);
console.log('data arrival to resolved lookup (ms):', results.map((r) => r.toFixed(1)).join(' '), 'median', results[3].toFixed(1));
