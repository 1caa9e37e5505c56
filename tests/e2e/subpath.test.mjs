// dist/ on a plain static file server under a sub-path, as on a help site at /help/mail/: the app loads
// every file from under that path, runs a journey under the README's CSP without a violation, and its
// probe button asks relative to the page (there is no probe here, and it says so).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { show, fillInCenturyLink, SCREENS } from './app.mjs';
import { serveStatic } from './static-server.mjs';

let browser;
let host;
before(async () => {
  browser = await launch();
  host = await serveStatic({ prefix: '/help/mail/' });
});
after(async () => {
  await browser?.close();
  host?.close();
});

test('the app works from a static host under /help/mail/', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(host.url);
  await page.locator('#address').waitFor();

  await fillInCenturyLink(page);
  await page.locator('#incoming-security').waitFor();
  assert.match(await page.locator('.summary').first().textContent(), /./);
  for (const screen of SCREENS) await show(page, screen);
  assert.deepEqual(problems, [], `errors (CSP violations are errors too); asked for ${host.requests.join(' ')}`);

  // "Test connection" posts to api/probe next to the page, which a static host does not have.
  await show(page, 'check');
  const probe = page.waitForRequest((r) => r.method() === 'POST');
  await page.locator('#probe-incoming').click();
  assert.equal(new URL((await probe).url()).pathname, '/help/mail/api/probe');
  await page.getByText("could not reach mailcheck's server").first().waitFor();

  const outside = host.requests.filter((p) => !p.startsWith('/help/mail/'));
  assert.deepEqual(outside, [], 'requests outside the sub-path');
  assert.ok(host.requests.some((p) => p.endsWith('_bg.wasm')), host.requests.join(' '));
  await context.close();
});
