// The installable, offline app: a copy of dist/ on a plain static host under /app/. After one visit the
// service worker has every file; offline, a reload opens the app and a whole journey works, and the probe
// button says it needs a connection. Then a new build is deployed: the app offers "Reload to update", and
// after it only the new build's cache is left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { show, typeAddress, fillInCenturyLink, findings, openEveryScreenLoadedLater } from './app.mjs';
import { DIST, serveStatic } from './static-server.mjs';

let browser;
let copy;
let host;
before(async () => {
  browser = await launch();
  copy = await mkdtemp(join(tmpdir(), 'mailcheck-dist-'));
  await cp(DIST, copy, { recursive: true });
  host = await serveStatic({ dist: copy, prefix: '/app/' });
});
after(async () => {
  await browser?.close();
  host?.close();
  if (copy) await rm(copy, { recursive: true, force: true });
});

/** The size in the IHDR of a PNG. */
const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

test('the manifest makes the app installable from any folder', async () => {
  const html = await (await fetch(host.url)).text();
  const href = html.match(/<link[^>]*rel=["']?manifest[^>]*>/)?.[0].match(/href=["']?([^"' >]+)/)?.[1];
  assert.ok(href, 'index.html links the manifest');
  const manifestUrl = new URL(href, host.url);
  const manifest = await (await fetch(manifestUrl)).json();
  assert.equal(manifest.short_name, 'mailcheck');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  for (const size of [192, 512]) {
    for (const purpose of ['any', 'maskable']) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
      assert.ok(icon, `a ${size} px icon for ${purpose}`);
      const file = await fetch(new URL(icon.src, manifestUrl));
      assert.equal(file.headers.get('content-type'), 'image/png');
      assert.deepEqual(pngSize(Buffer.from(await file.arrayBuffer())), [size, size], icon.src);
    }
  }
});

test('offline after one visit: a whole journey, the probe says it needs a connection, then an update', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(host.url);
  await page.locator('#address').waitFor();
  const cachesBefore = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return caches.keys();
  });
  assert.equal(cachesBefore.length, 1, `one cache after the first visit: ${cachesBefore}`);
  const version = cachesBefore[0].replace(/^mailcheck-/, '');

  // Offline: the browser says so, and the host is gone too (so nothing can come from the network).
  await context.setOffline(true);
  host.down = true;
  await page.reload();
  await page.locator('#address').waitFor();
  await fillInCenturyLink(page);
  await page.locator('#incoming-port').fill('1');
  assert.notDeepEqual(await findings(page, 'incoming-port'), [], 'the check works offline');
  const probe = page.locator('#probe-incoming');
  assert.equal(await probe.isDisabled(), true, 'no connection test offline');
  assert.match(await page.locator('.probe').first().textContent(), /You are offline: testing a connection needs one/);
  // The decoder works offline, and the screens whose code is loaded later come from the cache too.
  await openEveryScreenLoadedLater(page);
  await typeAddress(page, 'someone@example.org');
  await show(page, 'settings');
  // The provider list came from the cache too: an ISPDB address still shows its provider.
  await typeAddress(page, 'jane@gmx.de');
  await page.getByTestId('provider-name').filter({ hasText: 'GMX' }).waitFor();
  assert.deepEqual(problems, []);

  // Back online, a new build is deployed (its service worker differs): the page offers the update.
  await context.setOffline(false);
  host.down = false;
  const sw = join(copy, 'sw.js');
  const code = await readFile(sw, 'utf8');
  // The build's version, wherever the minifier left it.
  const next = code.replaceAll(version, 'feedfacefeedface');
  assert.notEqual(next, code, `sw.js names its version ${version}`);
  await writeFile(sw, next);
  await page.reload();
  const offer = page.getByRole('button', { name: 'Reload to update' });
  await offer.waitFor();
  assert.match(await page.locator('#update').textContent(), /A new version of mailcheck is ready/);
  await Promise.all([page.waitForEvent('load'), offer.click()]);
  await page.locator('#address').waitFor();
  assert.deepEqual(await page.evaluate(() => caches.keys()), ['mailcheck-feedfacefeedface'], 'old caches removed');
  assert.equal(await page.locator('#update').count(), 0, 'no offer after the update');
  assert.deepEqual(problems, []);
  await context.close();
});
