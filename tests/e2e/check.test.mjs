// Journey 2: check my settings. A CenturyLink user who sends on port 25 without authentication sees both
// problems next to their fields, applies the fixes, and ends with "These settings will work".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, findings, axe, fillInCenturyLink } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

/** Types one server's settings as a person copies them from their mail app (outgoing is always SMTP: the
 * form asks no account type for it). */
async function enter(page, side, { protocol, host, port, security, username, auth }) {
  if (protocol) await page.locator(`#${side}-protocol`).selectOption(protocol);
  await page.locator(`#${side}-host`).fill(host);
  await page.locator(`#${side}-port`).fill(port);
  await page.locator(`#${side}-security`).selectOption(security);
  await page.locator(`#${side}-username`).fill(username);
  await page.locator(`#${side}-auth`).selectOption(auth);
}

test('SMTP on port 25 without authentication: both problems found, both fixed', async () => {
  const s = await open(browser);
  const { page } = s;
  const summary = page.getByTestId('check-summary');
  await typeAddress(page, 'jane@centurylink.net');
  await show(page, 'check');
  assert.match(await summary.textContent(), /Nothing to check yet/);
  assert.equal(await page.locator('li.finding').count(), 0, 'no problems listed before any server field');
  assert.equal(await page.locator('input[type=password]').count(), 0, 'no password field');

  await enter(page, 'incoming', {
    protocol: 'pop3', host: 'pop.centurylink.net', port: '995', security: 'tls',
    username: 'jane@centurylink.net', auth: 'password',
  });
  await enter(page, 'outgoing', {
    host: 'smtp.centurylink.net', port: '25', security: 'starttls',
    username: 'jane@centurylink.net', auth: 'none',
  });
  assert.deepEqual(await findings(page, 'outgoing-port'), ['smtp.port-25']);
  assert.deepEqual(await findings(page, 'outgoing-auth'), ['auth.smtp-off']);
  assert.equal(await page.locator('li.finding').count(), 2, 'nothing else is flagged');
  assert.equal(await page.locator('#outgoing-auth').getAttribute('aria-invalid'), 'true');
  assert.equal(
    await summary.textContent(),
    '✗ These settings will not work yet: 1 problem to fix, and 1 warning worth a look.',
  );
  // Said in words, not by colour alone.
  assert.match(await page.locator('li.finding[data-code="auth.smtp-off"]').textContent(), /^Problem: /);
  assert.match(await page.locator('li.finding[data-code="smtp.port-25"]').textContent(), /^Warning: .*port 587/);
  await axe(page, 'the Check screen with two findings');

  await page.locator('li.finding[data-code="smtp.port-25"]').getByRole('button', { name: /^Apply fix/ }).click();
  assert.equal(await page.locator('#outgoing-port').inputValue(), '587');
  assert.deepEqual(await findings(page, 'outgoing-port'), []);
  await page.locator('li.finding[data-code="auth.smtp-off"]').getByRole('button', { name: /^Apply fix/ }).click();
  assert.equal(await page.locator('#outgoing-auth').inputValue(), 'password');
  assert.equal(await page.locator('li.finding').count(), 0);
  assert.equal(await summary.textContent(), '✓ These settings will work.');
  await close(s);
});

test('the recommended settings can be filled in with one button, and then pass', async () => {
  const s = await open(browser);
  const { page } = s;
  await fillInCenturyLink(page);
  assert.equal(await page.locator('#incoming-host').inputValue(), 'pop.centurylink.net');
  assert.equal(await page.locator('#outgoing-host').inputValue(), 'smtp.centurylink.net');
  assert.equal(await page.getByTestId('check-summary').textContent(), '✓ These settings will work.');
  await close(s);
});

test('a web address pasted as the server gets a message and a fix, not a blank page', async () => {
  const s = await open(browser, { viewport: { width: 375, height: 700 } });
  const { page } = s;
  await fillInCenturyLink(page);
  await page.locator('#incoming-host').fill('https://pop.centurylink.net/');
  assert.deepEqual(await findings(page, 'incoming-host'), ['host.invalid']);
  assert.match(await page.locator('#incoming-host-findings').textContent(), /web address, not a server name/);
  await page.locator('#incoming-host-findings .fix').click();
  assert.equal(await page.locator('#incoming-host').inputValue(), 'pop.centurylink.net');
  await close(s);
});
