// End to end: the release build, served by `mailcheck serve`, in Debian's Chromium via Playwright.
// `cargo xtask test` starts the server and passes its URL in MAILCHECK_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch } from './browser.mjs';

const url = process.env.MAILCHECK_URL;
let browser;

before(async () => {
  assert.ok(url, 'MAILCHECK_URL names the running server (cargo xtask test sets it)');
  browser = await launch();
});
after(async () => browser?.close());

test('typing a q.com address shows CenturyLink and its servers', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await assert.doesNotReject(page.getByLabel('Your email address').waitFor());
  assert.equal(await page.title(), 'mailcheck');
  await page.getByLabel('Your email address').fill('jane@q.com');
  await page.getByTestId('provider-name').waitFor();
  assert.equal(await page.getByTestId('provider-name').textContent(), 'CenturyLink');
  assert.match(await page.locator('.provider').textContent(), /smtp\.centurylink\.net/);
  mkdirSync('target/screenshots', { recursive: true });
  await page.screenshot({ path: 'target/screenshots/lookup-centurylink-1280.png', fullPage: true });
  await page.close();
});

test('an unknown domain is said plainly, at phone width', async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 700 } });
  await page.goto(url);
  await page.getByLabel('Your email address').fill('jane@example.org');
  const unknown = page.getByTestId('provider-unknown');
  await unknown.waitFor();
  assert.match(await unknown.textContent(), /don't know the provider of example\.org/);
  await page.screenshot({ path: 'target/screenshots/lookup-unknown-375.png', fullPage: true });
  await page.close();
});

test('the page loads without console errors or failed requests', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  await page.getByLabel('Your email address').fill('jane@qwestoffice.net');
  await page.getByTestId('provider-name').waitFor();
  assert.equal(await page.getByTestId('provider-name').textContent(), 'CenturyLink (Qwest Office)');
  assert.deepEqual(problems, []);
  await page.close();
});
