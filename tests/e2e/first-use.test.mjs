// What a first-time user meets on a phone and on a desktop (issue 14), one test for each part: navigation that
// stays put, a check that guides, guides that follow the advice, warnings before files made from wrong
// settings, addresses that cannot be real, copy buttons, the decoder's new wording, one vocabulary, and files
// of either incoming protocol.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as plist from 'plist';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, findings, axe, screenshot, fitsTheWidth, url, SCREENS, fillInCenturyLink } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1280, height: 800 };

/** Where each navigation button is on the page, and whether it is on screen. */
async function navButtons(page) {
  return page.locator('nav.screens button').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      const row = b.closest('ul');
      return { x: Math.round(r.left + row.scrollLeft), y: Math.round(r.top + window.scrollY), top: r.top, width: r.width };
    }),
  );
}

/** Clicks a download button and returns the file's name and text. */
async function download(page, id) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#download-${id}`).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('1. navigation stays put on a phone and takes one row on a desktop', async () => {
  const s = await open(browser, { viewport: PHONE });
  const { page } = s;
  await fillInCenturyLink(page);
  const first = await navButtons(page);
  // Two rows of three on a phone, every label whole (issue 21; it was one row that scrolled sideways).
  assert.equal(new Set(first.map((b) => b.y)).size, 2, `two rows: ${JSON.stringify(first)}`);
  for (const screen of SCREENS) {
    await show(page, screen);
    const now = await navButtons(page);
    assert.deepEqual(now.map((b) => [b.x, b.y, b.width]), first.map((b) => [b.x, b.y, b.width]), `no button moves on ${screen}`);
  }
  // Far down a long screen the navigation is still at the top of the window, and the next screen starts at
  // its title, not where the last one was scrolled to.
  await show(page, 'check');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const stuck = await page.locator('nav.screens').evaluate((n) => n.getBoundingClientRect().top);
  assert.ok(Math.abs(stuck) < 1, `the navigation sticks to the top: ${stuck}`);
  await page.locator('#nav-decode').click();
  await page.waitForFunction(() => window.scrollY === 0);
  const title = await page.locator('#screen-title').evaluate((h) => h.getBoundingClientRect().top);
  assert.ok(title > 0 && title < 667, `the decoder's title is in view: ${title}`);
  await screenshot(page, 'first-use-nav-375');
  await close(s);

  const wide = await open(browser, { viewport: DESKTOP });
  const buttons = await navButtons(wide.page);
  assert.equal(new Set(buttons.map((b) => b.y)).size, 1, 'one row at 1280 px');
  const fits = await wide.page.locator('nav.screens ul').evaluate((ul) => ul.scrollWidth <= ul.clientWidth);
  assert.ok(fits, 'all six buttons fit without scrolling');
  // The width is used: the guide stands beside the list of apps.
  await typeAddress(wide.page, 'jane@q.com');
  await show(wide.page, 'guide');
  await wide.page.locator('#client-thunderbird').click();
  const picker = await wide.page.locator('.guide-picker').boundingBox();
  const guide = await wide.page.getByTestId('guide').boundingBox();
  assert.ok(guide.x >= picker.x + picker.width, `the guide is beside the picker: ${JSON.stringify({ picker, guide })}`);
  assert.ok(Math.abs(guide.y - picker.y) < 40, 'side by side, at the same height');
  await close(wide);
});

test('2. the check guides instead of shouting: empty fields wait, problems are marked, hints fit', async () => {
  const s = await open(browser, { viewport: PHONE });
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'check');
  await page.locator('#incoming-host').fill('pop.centurylink.net');
  const summary = page.getByTestId('check-summary');
  assert.match(await summary.textContent(), /^10 fields are still empty: fill them in .*CenturyLink's settings/);
  assert.equal(await page.locator('li.finding').count(), 0, 'no problem under a field not reached yet');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 3200, `the page is ${height} px tall at 375 px`);

  // A field typed wrong is marked at once, a text field just like a drop-down.
  await page.locator('#incoming-port').fill('99999');
  assert.deepEqual(await findings(page, 'incoming-port'), ['port.invalid']);
  await page.locator('#outgoing-auth').selectOption('none');
  const border = (id) => page.locator(id).evaluate((e) => {
    const c = getComputedStyle(e);
    return [c.borderTopWidth, c.borderTopColor];
  });
  assert.deepEqual(await border('#incoming-port'), await border('#outgoing-auth'));
  assert.equal((await border('#incoming-port'))[0], '2px');
  assert.match(await page.getByTestId('check-waiting').textContent(), /^8 fields are still empty/);

  // The port's example is the usual port of that server.
  assert.equal(await page.locator('#outgoing-port').getAttribute('placeholder'), '587');
  assert.equal(await page.locator('#incoming-port').getAttribute('placeholder'), '993');
  await page.locator('#incoming-protocol').selectOption('pop3');
  assert.equal(await page.locator('#incoming-port').getAttribute('placeholder'), '995');
  await page.locator('#outgoing-security').selectOption('tls');
  assert.equal(await page.locator('#outgoing-port').getAttribute('placeholder'), '465');
  await axe(page, 'the check with waiting fields');
  await screenshot(page, 'first-use-check-375');

  // On a desktop the two "Test connection" buttons line up.
  await page.setViewportSize(DESKTOP);
  const [a, b] = await Promise.all(['#probe-incoming', '#probe-outgoing'].map((id) => page.locator(id).boundingBox()));
  assert.ok(b.x > a.x + a.width, 'side by side');
  assert.equal(Math.round(a.y), Math.round(b.y), 'at the same height');
  await close(s);
});

test('3. a chosen guide comes into view on a phone, follows the IMAP-or-POP3 advice and names its source in words', async () => {
  const s = await open(browser, { viewport: PHONE });
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'protocol');
  await page.locator('#devices').selectOption('2');
  assert.equal(await page.getByTestId('recommendation').locator('h3').textContent(), 'We recommend IMAP');
  await show(page, 'guide');
  await page.locator('#client-thunderbird').click();
  const guide = page.getByTestId('guide');
  await guide.locator('ol.steps').waitFor();
  await page.waitForFunction(() => {
    const top = document.querySelector('[data-testid=guide]').getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight / 2;
  });
  assert.ok(await guide.evaluate((g) => g === document.activeElement), 'the focus moves to the guide');
  const values = await guide.locator('code.value').allTextContents();
  assert.ok(values.includes('mail.centurylink.net') && values.includes('993'), values.join(', '));
  assert.ok(!values.includes('pop.centurylink.net'), 'the recommendation says IMAP: no POP3 server');
  assert.doesNotMatch(await guide.textContent(), /With POP, accept the option/, 'no POP note in an IMAP guide');

  // The person may choose the other protocol for the guide and the files.
  await page.locator('#use-pop3').check();
  assert.ok((await guide.locator('code.value').allTextContents()).includes('pop.centurylink.net'));
  await page.locator('#use-imap').check();

  const source = guide.locator('p.muted a');
  const words = await source.textContent();
  assert.doesNotMatch(words, /^https?:/, `the link has words: ${words}`);
  assert.ok(words.length < 60, words);
  assert.match(await source.getAttribute('href'), /^https:\/\//);
  await screenshot(page, 'first-use-guide-375');
  await close(s);
});

test('4. Save & share warns about files from wrong settings, offers the corrected ones and a .txt, and Clear asks', async () => {
  const s = await open(browser);
  const { page } = s;
  await fillInCenturyLink(page);
  await page.locator('#incoming-host').fill('pop.centurytel.net');
  await page.locator('#outgoing-auth').selectOption('none');
  await show(page, 'take-away');
  await page.locator('#values-mine').check();
  const warning = page.getByTestId('files-warning');
  assert.match(await warning.textContent(), /The check finds 2 problems in the settings you entered/);
  await axe(page, 'Save & share with a warning');
  await screenshot(page, 'first-use-take-away-warning-1280');
  await page.locator('#use-corrected').click();
  assert.equal(await warning.count(), 0, 'the corrected settings pass');
  const profile = plist.parse((await download(page, 'mobileconfig')).text);
  assert.equal(profile.PayloadContent[0].IncomingMailServerHostName, 'pop.centurylink.net');
  assert.equal(profile.PayloadContent[0].OutgoingMailServerAuthentication, 'EmailAuthPassword');

  // The other way out: the provider's recommended settings.
  await show(page, 'check');
  await page.locator('#outgoing-host').fill('smtp.example.com');
  await show(page, 'take-away');
  assert.match(await warning.textContent(), /1 problem in/);
  await page.locator('#use-recommended').click();
  assert.ok(await page.locator('#values-recommended').isChecked());

  const text = await download(page, 'text');
  assert.equal(text.name, 'mail-settings.txt');
  assert.match(text.text, /^Email settings for jane@q\.com \(CenturyLink\)/);
  assert.equal(text.text, await page.getByTestId('summary-text').textContent());

  page.once('dialog', (d) => {
    assert.match(d.message(), /cannot be undone/);
    d.dismiss();
  });
  await page.locator('#clear').click();
  assert.equal(await page.locator('#address').inputValue(), 'jane@q.com', 'nothing cleared without a yes');
  await close(s);
});

test('5. what cannot be an address is said so, briefly', async () => {
  const s = await open(browser, { viewport: PHONE });
  const { page } = s;
  const said = page.getByTestId('not-an-address');
  await typeAddress(page, `jane@${'a'.repeat(10_000)}.com`);
  assert.match(await said.textContent(), /is not an email address/);
  assert.ok((await said.textContent()).length < 200, 'the address is shortened');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 1500, `the page is ${height} px tall`);
  await fitsTheWidth(page, 'a 10,000-character address');
  await screenshot(page, 'first-use-long-address-375');
  await typeAddress(page, '📧📧📧');
  assert.match(await said.textContent(), /^"📧📧📧" is not an email address/);
  // Near misses: a bare domain is looked up, an unknown one is said to be unknown.
  await typeAddress(page, 'q.com');
  assert.equal(await page.getByTestId('provider-name').textContent(), 'CenturyLink');
  await typeAddress(page, 'jane@example.org');
  await page.getByTestId('provider-unknown').waitFor();
  assert.equal(await said.count(), 0);
  await close(s);
});

test('6. a copy button says so in its name and to screen readers, then reads Copy again', async () => {
  const s = await open(browser, { viewport: PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'guide');
  await page.locator('#client-generic').click();
  const button = page.getByRole('button', { name: 'Copy Server' }).first();
  await button.click();
  const copied = page.getByRole('button', { name: 'Copied Server' });
  assert.equal(await copied.count(), 1);
  assert.equal(await copied.evaluate((b) => b.firstChild.textContent), 'Copied', 'the visible word');
  assert.equal(await copied.locator('[aria-hidden=true]').textContent(), ' ✓');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'pop.centurylink.net');
  const status = await page.getByRole('status').allTextContents();
  assert.ok(status.includes('Server copied to the clipboard.'), status.join(' | '));
  await axe(page, 'the guide right after a copy');
  await copied.waitFor({ state: 'detached', timeout: 5_000 });
  assert.equal(await page.getByRole('button', { name: 'Copy Server' }).count(), 2, 'back to Copy after a moment');
  await close(s);
});

test('7. the decoder knows more wording, and says each fix once', async () => {
  const s = await open(browser);
  const { page } = s;
  await show(page, 'decode');
  const first = () => page.locator('[data-testid=causes] li.cause').first().getAttribute('data-code');
  const cases = [
    ['The server does not support secure connections', 'tls.not-offered'],
    ['STARTTLS connection security not available', 'tls.not-offered'],
    ['a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.', 'tls.required'],
    ['Authentication methods aren\'t supported by server.', 'auth.method-unsupported'],
  ];
  for (const [text, code] of cases) {
    await page.getByLabel('Error message').fill(text);
    assert.equal(await first(), code, text);
  }
  await page.getByLabel('Error message').fill('The server supports secure connections');
  assert.equal(await first(), 'decode.not-recognised', 'the near miss');

  await page.getByLabel('Error message').fill('Sending reported error (0x800CCC0E): Cannot connect to the server. The connection timed out.');
  const fixes = await page.locator('[data-testid=causes] li.cause ul li').allTextContents();
  const repeated = fixes.filter((f, i) => fixes.indexOf(f) !== i && f !== 'The fixes above apply here too.');
  assert.deepEqual(repeated, [], 'each fix once');
  await close(s);
});

test('8. one vocabulary: "checked" in the files, the mailbox size said once', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'take-away');
  const autoconfig = await download(page, 'autoconfig');
  assert.match(autoconfig.text, /settings page, checked by mailcheck on 2026-11-26/);
  assert.doesNotMatch(autoconfig.text + (await page.getByTestId('summary-text').textContent()), /compared/);
  await show(page, 'protocol');
  await page.locator('#devices').selectOption('2');
  const said = (await page.getByTestId('recommendation').textContent()).split('700 MB').length - 1;
  assert.equal(said, 1, 'the mailbox size appears once');
  await close(s);
});

test('9. files of either incoming protocol: IMAP as recommended, or POP3 as chosen, the chosen server first', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'protocol');
  await page.locator('#devices').selectOption('3');
  await show(page, 'take-away');
  assert.ok(await page.locator('#use-imap').isChecked(), 'the recommendation is the default');
  let profile = plist.parse((await download(page, 'mobileconfig')).text);
  assert.equal(profile.PayloadContent[0].EmailAccountType, 'EmailTypeIMAP');
  assert.equal(profile.PayloadContent[0].IncomingMailServerHostName, 'mail.centurylink.net');
  let xml = (await download(page, 'autoconfig')).text;
  assert.ok(xml.indexOf('mail.centurylink.net') < xml.indexOf('pop.centurylink.net'), 'IMAP first, POP3 listed too');

  await page.locator('#use-pop3').check();
  profile = plist.parse((await download(page, 'mobileconfig')).text);
  assert.equal(profile.PayloadContent[0].EmailAccountType, 'EmailTypePOP');
  xml = (await download(page, 'autoconfig')).text;
  assert.ok(xml.indexOf('pop.centurylink.net') < xml.indexOf('mail.centurylink.net'), 'POP3 first');
  assert.match(await page.getByTestId('summary-text').textContent(), /Incoming mail: POP3/);
  // The choice stays over a reload; "Fill in" under "Check my settings" uses it too.
  await page.reload();
  await page.locator('#screen-take-away').waitFor();
  assert.ok(await page.locator('#use-pop3').isChecked());
  await show(page, 'check');
  await page.getByRole('button', { name: "Fill in CenturyLink's recommended settings" }).click();
  assert.equal(await page.locator('#incoming-host').inputValue(), 'pop.centurylink.net');
  await close(s);
});
