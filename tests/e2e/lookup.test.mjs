// Journey 1: start with the address. The provider, its recommended settings with where they come from (the
// official source and the date checked), and its notes; an unknown domain gets honest generic guidance.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, axe, screenshot } from './app.mjs';

const CENTURYLINK_SOURCE =
  'https://www.centurylink.com/home/help/internet/email/how-to-set-up-your-email-server-settings-to-go-through-pop-and-smtp.html';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test('a first visit asks for the address', async () => {
  const s = await open(browser);
  assert.equal(await s.page.title(), 'mailcheck');
  assert.match(await s.page.locator('#screen-settings').textContent(), /Type your email address above/);
  await axe(s.page, 'the empty start');
  await close(s);
});

test('a CenturyLink address shows CenturyLink, its servers, notes, source and date checked', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await page.getByTestId('provider-name').waitFor();
  assert.equal(await page.getByTestId('provider-name').textContent(), 'CenturyLink');

  const rows = await page.locator('.server-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((td) => td.textContent)),
  );
  assert.deepEqual(rows, [
    ['Incoming (POP3), recommended', 'pop.centurylink.net', '995', 'SSL/TLS'],
    ['Incoming (IMAP), self-help only', 'mail.centurylink.net', '993', 'SSL/TLS'],
    ['Outgoing (SMTP), recommended', 'smtp.centurylink.net', '587', 'STARTTLS'],
  ]);
  const provider = page.locator('.provider');
  assert.match(await provider.textContent(), /not the same as your My CenturyLink account password/);
  const source = page.locator('.provider .source');
  assert.equal(await source.locator('a').getAttribute('href'), CENTURYLINK_SOURCE);
  assert.match(await page.getByTestId('provenance').textContent(), /^Checked.*CenturyLink's own page on 2026-11-26\./);
  await close(s);
});

test('qwestoffice.net gets its own servers, not the centurylink.net ones', async () => {
  const s = await open(browser);
  await typeAddress(s.page, 'jane@qwestoffice.net');
  await s.page.getByTestId('provider-name').waitFor();
  assert.equal(await s.page.getByTestId('provider-name').textContent(), 'CenturyLink (Qwest Office)');
  const text = await s.page.locator('.server-table').textContent();
  assert.match(text, /pop\.qwestoffice\.net/);
  assert.doesNotMatch(text, /centurylink\.net/);
  await close(s);
});

test('an unknown domain is said plainly, with generic guidance, at phone width', async () => {
  const s = await open(browser, { viewport: { width: 375, height: 700 } });
  const { page } = s;
  await typeAddress(page, 'jane@example.org');
  const unknown = page.getByTestId('provider-unknown');
  await unknown.waitFor();
  assert.match(await unknown.textContent(), /don't know the provider of example\.org/);
  assert.equal(await page.getByTestId('provider-name').count(), 0);
  const guidance = await page.locator('.guidance li').allTextContents();
  assert.ok(guidance.some((g) => /port 993/.test(g)), guidance.join('\n'));
  await screenshot(page, 'settings-unknown-375');
  await axe(page, 'an unknown domain');
  await close(s);
});
