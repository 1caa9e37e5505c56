// Journey: the real discovery, end to end. A real DNS server (dnsmasq, on a loopback port) serves test zones;
// a `mailcheck serve` of its own asks it and nothing else (the ISPDB online is switched off), and the app on
// that server finds the settings of domains it does not know: by their MX records (Microsoft 365, Google) and
// by their SRV records. Every name is under .test; no address outside this machine is ever asked or dialled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { dnsmasq, start, stop } from './dnsmasq.mjs';
import { open, close, show, typeAddress, screenshot, axe } from './app.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The test zones: dnsmasq answers these, and says NXDOMAIN for every other name under .test. */
const ZONES = [
  '--mx-host=m365.test,m365-test.mail.protection.outlook.com,0',
  '--mx-host=workspace.test,aspmx.l.google.com,1',
  '--mx-host=proton.test,mail.protonmail.ch,10',
  '--srv-host=_imaps._tcp.srv.test,imap.srv.test,993,0,1',
  '--srv-host=_submissions._tcp.srv.test,smtp.srv.test,465,0,1',
  // Without a target dnsmasq answers with ".", which says the service is not offered (RFC 6186).
  '--srv-host=_pop3s._tcp.srv.test',
];

let browser;
let dns;
let server;
let app;

before(async () => {
  browser = await launch();
  dns = await dnsmasq(ZONES);
  server = await start(
    `${ROOT}target/debug/mailcheck`,
    [
      'serve', '--addr', '127.0.0.1:0', '--dist', `${ROOT}dist`, '--dns-server', `127.0.0.1:${dns.port}`, '--ispdb-url', '',
      '--discoveries-per-client', '100',
    ],
    'stdout',
    (line) => line.startsWith('mailcheck serving '),
  );
  app = server.line.slice('mailcheck serving '.length).trim();
});

after(async () => {
  await browser?.close();
  stop(server?.child, dns?.child);
});

/** Types `address` on the app served with the test DNS, and waits for the provider it finds. */
async function discover(address) {
  const session = await open(browser, { link: app });
  await typeAddress(session.page, address);
  await session.page.getByTestId('provider-name').waitFor({ timeout: 30_000 });
  return session;
}

/** Opens "How these settings were found" and returns its text. */
async function howFound(page) {
  await page.getByText('How these settings were found').click();
  return page.getByTestId('discovery').textContent();
}

test('a domain whose MX is Microsoft 365 gets its settings, with the reason, on every screen and in a share link', async () => {
  const session = await discover('jane@m365.test');
  const { page } = session;
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Microsoft 365');
  assert.match(await page.getByTestId('provenance').textContent(), /Discovered.*its MX records \(Microsoft 365\)/);
  assert.match(await page.locator('.server-table').textContent(), /outlook\.office365\.com/);
  const found = await howFound(page);
  assert.match(found, /The MX records of m365\.test: found Microsoft 365: the MX host m365-test\.mail\.protection\.outlook\.com/);
  // Every source is listed, the ones that found nothing too, in words.
  assert.match(found, /The SRV records of m365\.test: nothing there/);
  assert.match(found, /autoconfig\.m365\.test\/mail\/config-v1\.1\.xml: nothing there \(no such host: the name does not exist\)/);
  assert.match(found, /not asked: the ISPDB online is switched off on this server/);
  assert.doesNotMatch(found, /Query \{/);
  await screenshot(page, 'discover-dns-m365-1280');
  await axe(page, 'settings found by MX');

  // The discovered record fills the check like a known provider's.
  await show(page, 'check');
  await page.getByRole('button', { name: "Fill in Microsoft 365's recommended settings" }).click();
  assert.equal(await page.locator('#incoming-host').inputValue(), 'outlook.office365.com');
  assert.equal(await page.locator('#outgoing-host').inputValue(), 'smtp.office365.com');

  // The guide and the files are written with it.
  await show(page, 'guide');
  await page.locator('#client-thunderbird').click();
  const values = await page.getByTestId('guide').locator('code.value').allTextContents();
  for (const v of ['jane@m365.test', 'outlook.office365.com', '993', 'smtp.office365.com', '587']) {
    assert.ok(values.includes(v), `${v} in ${values.join(', ')}`);
  }
  await show(page, 'take-away');
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#download-autoconfig').click()]);
  const xml = await readFile(await file.path(), 'utf8');
  assert.match(xml, /<hostname>outlook\.office365\.com<\/hostname>/);
  assert.match(xml, /<hostname>smtp\.office365\.com<\/hostname>/);
  const link = await page.locator('#share-link').inputValue();
  await close(session);

  // A share link opened elsewhere carries the settings, and the same discovery finds the provider again.
  const other = await open(browser, { link });
  await other.page.getByRole('button', { name: "Fill in Microsoft 365's recommended settings" }).waitFor({ timeout: 30_000 });
  assert.equal(await other.page.locator('#address').inputValue(), 'jane@m365.test');
  assert.equal(await other.page.locator('#incoming-host').inputValue(), 'outlook.office365.com');
  await close(other);
});

test("a domain whose MX is Google's gets Google's settings, at phone width", async () => {
  const session = await discover('jane@workspace.test');
  const { page } = session;
  await page.setViewportSize({ width: 375, height: 800 });
  assert.match(await page.getByTestId('provider-name').textContent(), /Google/);
  assert.match(await page.locator('.server-table').textContent(), /imap\.gmail\.com.*smtp\.gmail\.com/s);
  assert.match(await howFound(page), /the MX host aspmx\.l\.google\.com is under google\.com/);
  await screenshot(page, 'discover-dns-google-375');
  await close(session);
});

test("a domain whose MX is Proton's gets Proton's own card from the server's answer, its Bridge and why", async () => {
  const session = await open(browser, { link: app });
  const { page } = session;
  await typeAddress(page, 'jane@proton.test');
  await page.getByTestId('no-servers').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Proton Mail');
  assert.equal(await page.locator('.server-table').count(), 0);
  assert.equal(
    await page.getByTestId('discovery-caution').textContent(),
    "proton.test's mail is received by Proton Mail's servers, as its MX records say, so Proton Mail's way in for mail apps applies to it.",
  );
  await axe(page, "Proton's card from the server's discovery");
  await close(session);
});

test('a domain with only SRV records gets their servers, and a "." target is no server', async () => {
  const session = await discover('jane@srv.test');
  const { page } = session;
  const table = await page.locator('.server-table').textContent();
  assert.match(table, /imap\.srv\.test/);
  assert.match(table, /smtp\.srv\.test/);
  assert.doesNotMatch(table, /POP3/, 'the "." target offers no POP3 server');
  assert.match(await page.getByTestId('provenance').textContent(), /its SRV records/);
  assert.match(
    await howFound(page),
    /The SRV records of srv\.test: found IMAP imap\.srv\.test:993 \(SSL\/TLS\) and SMTP smtp\.srv\.test:465 \(SSL\/TLS\); _pop3s\._tcp says POP3 is not offered/,
  );
  await close(session);
});

test('a domain nothing knows says so, after every source and the confirmed guesses', async () => {
  const session = await open(browser, { link: app });
  const { page } = session;
  await typeAddress(page, 'jane@nothing.test');
  const summary = page.getByTestId('discovery-summary');
  await summary.getByText('No settings found for nothing.test', { exact: false }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('provider-name').count(), 0);
  // The outcome is on top; what was asked is folded away, a tap to open.
  const asked = page.getByText('Guessed servers of nothing.test, each tried: nothing there', { exact: false });
  assert.equal(await asked.isVisible(), false);
  await page.getByText('What mailcheck asked').click();
  assert.equal(await asked.isVisible(), true);
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'discover-dns-nothing-375');
  await axe(page, 'nothing found');
  await close(session);
});
