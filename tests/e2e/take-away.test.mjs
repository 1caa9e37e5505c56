// Journey 6: take it along. The .mobileconfig, autoconfig and Autodiscover downloads, the text summary, a
// share link that reopens the same state in another browser, and a print stylesheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as plist from 'plist';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, shown, findings, axe, screenshot, fillInCenturyLink, switchToImap } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

/** Clicks a download button and returns the file's name and text. */
async function download(page, id) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#download-${id}`).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** Parses XML with the browser's own parser; fails on anything not well-formed. */
async function parseXml(page, text) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'application/xml');
    const error = doc.querySelector('parsererror');
    if (error) return { error: error.textContent };
    const all = (tag) => [...doc.getElementsByTagName(tag)].map((e) => e.textContent);
    return { root: doc.documentElement.localName, hostname: all('hostname'), port: all('port'), Server: all('Server') };
  }, text);
}

test('the Apple profile is a valid plist with the recommended servers', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'take-away');
  assert.ok(await page.locator('#values-recommended').isChecked());
  const { name, text } = await download(page, 'mobileconfig');
  assert.match(name, /\.mobileconfig$/);
  const profile = plist.parse(text);
  assert.equal(profile.PayloadType, 'Configuration');
  const [mail] = profile.PayloadContent;
  assert.equal(mail.EmailAddress, 'jane@q.com');
  assert.equal(mail.EmailAccountType, 'EmailTypePOP');
  assert.equal(mail.IncomingMailServerHostName, 'pop.centurylink.net');
  assert.equal(mail.IncomingMailServerPortNumber, 995);
  assert.equal(mail.OutgoingMailServerHostName, 'smtp.centurylink.net');
  assert.equal(mail.OutgoingMailServerPortNumber, 587);
  assert.doesNotMatch(text, /Password<\/key>\s*<string>/, 'no password in the profile');
  await axe(page, 'Save & share');
  await close(s);
});

test('"the settings I entered" go into the profile and the autoconfig file', async () => {
  const s = await open(browser);
  const { page } = s;
  await fillInCenturyLink(page);
  await switchToImap(page);
  await show(page, 'take-away');
  await page.locator('#values-mine').check();

  const profile = plist.parse((await download(page, 'mobileconfig')).text);
  assert.equal(profile.PayloadContent[0].EmailAccountType, 'EmailTypeIMAP');
  assert.equal(profile.PayloadContent[0].IncomingMailServerHostName, 'mail.centurylink.net');
  assert.equal(profile.PayloadContent[0].IncomingMailServerPortNumber, 993);

  const autoconfig = await download(page, 'autoconfig');
  assert.equal(autoconfig.name, 'config-v1.1.xml');
  const xml = await parseXml(page, autoconfig.text);
  assert.equal(xml.error, undefined, xml.error);
  assert.equal(xml.root, 'clientConfig');
  assert.deepEqual(xml.hostname, ['mail.centurylink.net', 'smtp.centurylink.net']);
  assert.deepEqual(xml.port, ['993', '587']);

  const autodiscover = await download(page, 'autodiscover');
  const outlook = await parseXml(page, autodiscover.text);
  assert.equal(outlook.error, undefined, outlook.error);
  assert.equal(outlook.root, 'Autodiscover');
  assert.deepEqual(outlook.Server, ['mail.centurylink.net', 'smtp.centurylink.net']);

  assert.match(await page.getByTestId('summary-text').textContent(), /Server:\s+mail\.centurylink\.net/);
  await close(s);
});

test('before any address, Save & share asks for one instead of showing an error', async () => {
  const s = await open(browser);
  const { page } = s;
  await show(page, 'take-away');
  assert.match(await page.locator('#screen-take-away').textContent(), /Type your email address at the top first/);
  assert.equal(await page.locator('#download-mobileconfig').count(), 0);
  await close(s);
});

test('files need complete settings: an empty form gets a message, not a broken file', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@example.org');
  await show(page, 'take-away');
  assert.equal(await page.locator('#download-mobileconfig').count(), 0);
  const why = page.locator('#screen-take-away .summary.error');
  assert.match(await why.textContent(), /These files need complete settings/);
  await close(s);
});

test('the share link reopens the same settings and findings in a new browser', async () => {
  const s = await open(browser);
  const { page } = s;
  await fillInCenturyLink(page);
  await page.locator('#outgoing-port').fill('25');
  await page.locator('#outgoing-auth').selectOption('none');
  const summary = await page.getByTestId('check-summary').textContent();
  await show(page, 'take-away');
  const link = await page.locator('#share-link').inputValue();
  assert.ok(link.startsWith(`${new URL(page.url()).origin}/`), link);
  assert.match(link, /#./);
  await close(s);

  const other = await open(browser, { link, viewport: { width: 375, height: 700 } });
  const p = other.page;
  await shown(p, 'check');
  assert.equal(await p.locator('#address').inputValue(), 'jane@q.com');
  assert.deepEqual(await findings(p, 'outgoing-port'), ['smtp.port-25']);
  assert.deepEqual(await findings(p, 'outgoing-auth'), ['auth.smtp-off']);
  assert.equal(await p.getByTestId('check-summary').textContent(), summary);
  assert.equal(new URL(p.url()).hash, '', 'the link is taken out of the address bar once read');
  await close(other);
});

test('a damaged share link says so and the app still works', async () => {
  const s = await open(browser, { link: `${process.env.MAILCHECK_URL}#garbage%%%` });
  const { page } = s;
  assert.match(await page.getByRole('alert').textContent(), /The link could not be opened/);
  await typeAddress(page, 'jane@q.com');
  await page.getByTestId('provider-name').waitFor();
  await close(s);
});

test('state survives a reload, and "Clear everything" forgets it', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'protocol');
  await page.locator('#devices').selectOption('3');
  await page.reload();
  await page.locator('#screen-protocol').waitFor();
  assert.equal(await page.locator('#address').inputValue(), 'jane@q.com');
  assert.equal(await page.locator('#devices').inputValue(), '3');
  const saved = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(saved.length > 0 && saved.every((k) => k.startsWith('mailcheck.')), saved.join(', '));

  await show(page, 'take-away');
  // "Clear everything" asks first: declined, everything stays; confirmed, it is gone.
  page.once('dialog', (d) => d.dismiss());
  await page.locator('#clear').click();
  assert.ok((await page.evaluate(() => Object.keys(localStorage))).length > 0, 'declining keeps everything');
  assert.equal(await page.locator('#address').inputValue(), 'jane@q.com');
  page.once('dialog', (d) => d.accept());
  await page.locator('#clear').click();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await page.reload();
  await page.locator('#screen-settings').waitFor();
  assert.equal(await page.locator('#address').inputValue(), '');
  await close(s);
});

test('printing shows the guide without the navigation or buttons', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'guide');
  await page.locator('#client-apple-mail').click();
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('nav.screens').isHidden(), 'the navigation is hidden in print');
  assert.ok(await page.locator('#address').isHidden(), 'the address field is hidden in print');
  assert.ok(await page.getByRole('button', { name: 'Print this guide' }).isHidden());
  assert.ok(await page.getByTestId('guide').isVisible(), 'the guide is printed');
  await screenshot(page, 'guide-print');
  await page.emulateMedia({ media: 'screen' });
  assert.ok(await page.locator('nav.screens').isVisible());
  await close(s);
});
