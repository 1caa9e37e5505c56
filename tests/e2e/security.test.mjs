// The app under `mailcheck serve`'s strict Content-Security-Policy: the headers are there, a whole journey
// runs without a single violation, an inline script injected into the page is blocked (so the watch for
// violations is known to work), and a changed wasm file is refused by its integrity digest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, url, show, typeAddress, fillInCenturyLink, SCREENS } from './app.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Records every CSP violation the page reports, as events and as console messages, from the first byte. */
async function watchViolations(session) {
  const seen = [];
  session.page.on('console', (m) => /Content[- ]Security[- ]Policy/i.test(m.text()) && seen.push(m.text()));
  await session.page.exposeFunction('reportViolation', (v) => seen.push(v));
  await session.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`),
    );
  });
  await session.page.reload();
  await session.page.locator('#address').waitFor();
  return seen;
}

test('the page and its files carry the security and cache headers', async () => {
  const page = await fetch(url);
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(csp, /style-src 'self';/);
  assert.match(csp, /frame-ancestors 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const html = await page.text();
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script in index.html');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style in index.html');
  const wasm = html.match(/href=["']?([^"' >]+_bg\.wasm)/)?.[1];
  assert.ok(wasm, 'index.html preloads the wasm');
  const asset = await fetch(new URL(wasm, url));
  assert.equal(asset.headers.get('content-type'), 'application/wasm');
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

test('a whole journey runs under the policy without one violation', async () => {
  const session = await open(browser);
  const violations = await watchViolations(session);
  const { page } = session;
  await fillInCenturyLink(page);
  await page.locator('#incoming-port').fill('1');
  await page.locator('#incoming-port-findings li.finding').first().waitFor();
  await show(page, 'decode');
  await page.getByLabel('Error message').fill('0x800CCC0E');
  for (const screen of SCREENS) await show(page, screen);
  await typeAddress(page, 'someone@example.org');
  assert.deepEqual(violations, []);

  // The near miss: code injected inline is blocked and reported, so an empty list above means something.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.head.append(script);
    return window.injected === true;
  });
  assert.equal(ran, false, 'the inline script ran');
  await assertEventually(() => violations.some((v) => v.includes('script-src')), () => violations.join(' | '));
  session.errors.length = 0; // the blocked script is logged as an error, on purpose
  await close(session);
});

test('a wasm file that does not match its digest never runs', async () => {
  // No service worker: it would answer the reload below from its cache, past page.route.
  const session = await open(browser, { serviceWorkers: 'block' });
  const { page } = session;
  await page.route('**/*_bg.wasm', async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 0xff;
    return route.fulfill({ response, body });
  });
  const integrity = page.waitForEvent('console', (m) => /integrity/i.test(m.text()));
  await page.reload();
  await integrity;
  // The refusal is logged as errors, on purpose, ending with the start script's failed fetch; wait for that
  // last one before clearing them, or it lands after the clearing and fails the check in `close`. The route
  // stays until then: the preload fails first, and the start script's own fetch of the wasm, if it came
  // after an unroute, would get the real file and start the app.
  await assertEventually(
    () => session.errors.some((e) => /Failed to fetch/.test(e)),
    () => session.errors.join(' | '),
  );
  assert.equal(await page.locator('#address').count(), 0, 'the app started from a changed wasm');
  await page.unroute('**/*_bg.wasm');
  session.errors.length = 0;
  await close(session);
});

async function assertEventually(check, describe) {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), describe());
}
