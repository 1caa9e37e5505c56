// `mailcheck serve` sends the build's precompressed files (tools/compress.mjs writes .br and .gz beside
// each text and wasm file): Chromium asks for brotli and gets it, with Vary: Accept-Encoding, and the first
// load over the wire (what the page needs before it is interactive: not the provider data that follows,
// the icons or the service worker) fits the budget (size-budget.toml) that the size report checks file by
// file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './browser.mjs';
import { open, close, url } from './app.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const budgetKb = Number(
  readFileSync(new URL('../../size-budget.toml', import.meta.url), 'utf8').match(/^first_load_kb\s*=\s*(\d+)/m)[1],
);

test('Chromium receives brotli, and the first load fits the budget over the wire', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = [];
  page.on('response', (response) => seen.push(response));
  const data = page.waitForResponse(/knowledge-[0-9a-f]+\.txt$/);
  await page.goto(url);
  await page.locator('#address').waitFor();
  await data;
  const files = [];
  for (const response of seen) {
    const path = new URL(response.url()).pathname;
    const headers = await response.allHeaders();
    const sizes = await response.request().sizes();
    files.push({ path, encoding: headers['content-encoding'], vary: headers.vary ?? '', bytes: sizes.responseBodySize });
  }
  const find = (pattern) => files.find((f) => pattern.test(f.path)) ?? assert.fail(`no ${pattern} in ${files.map((f) => f.path)}`);
  for (const pattern of [/^\/$/, /_bg\.wasm$/, /mailcheck-app-[0-9a-f]+\.js$/, /style-[0-9a-f]+\.css$/, /start-[0-9a-f]+\.js$/, /knowledge-[0-9a-f]+\.txt$/]) {
    const file = find(pattern);
    assert.equal(file.encoding, 'br', `${file.path} came as ${file.encoding ?? 'plain'}`);
    assert.match(file.vary, /accept-encoding/i, file.path);
  }
  // Fetched after the first paint: the provider data, the pieces of the app loaded later (src/later.rs).
  const later = /knowledge-|icons\/|manifest\.webmanifest$|sw\.js$|\/(split|chunk)_[a-z_0-9]+-[0-9a-f]{16}\.wasm$/;
  const total = files.filter((f) => !later.test(f.path)).reduce((sum, f) => sum + f.bytes, 0);
  assert.ok(total > 10 * 1024, `${total} bytes: the page did load`);
  assert.ok(total <= budgetKb * 1024, `first load ${(total / 1024).toFixed(1)} KiB over the wire, budget ${budgetKb} KB`);
  console.log(`first load: ${(total / 1024).toFixed(1)} KiB over the wire in ${files.length} responses`);
  // The near miss: a client that accepts no encoding gets the plain file.
  const wasm = find(/_bg\.wasm$/).path;
  const plain = await fetch(new URL(wasm, url), { headers: { 'Accept-Encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(plain.headers.get('content-type'), 'application/wasm');
  await context.close();
});
