// Journey: the settings of a domain mailcheck does not know. With a discover endpoint (here a fake one,
// answering as `POST /api/discover` does: docs/discover.md) the settings screen looks by itself and shows each
// source, then the record with where it comes from, usable on the other screens. Without one, it offers to ask
// the Thunderbird ISPDB from the browser; the request is answered by a fake ISPDB on loopback, and only the
// domain is in it. Nothing leaves this machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launch } from './browser.mjs';
import { open, close, show, typeAddress, screenshot, axe, fitsTheWidth, foreign } from './app.mjs';

let browser;
let ispdb;
const asked = [];

const XML = `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="example.net">
  <domain>example.net</domain><displayName>Example Hosting</displayName>
  <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType>
    <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.example.net</hostname><port>465</port><socketType>SSL</socketType>
    <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>`;

// A name with a line break, a tab and a right-to-left override: the line format's separators and a spoof.
const SPOOF = XML.replaceAll('example.net', 'spoof.example').replace('Example Hosting', 'Bank\u202E\nof\tExample');

before(async () => {
  browser = await launch();
  ispdb = http.createServer((req, res) => {
    asked.push(req.url);
    const xml = { '/v1.1/example.net': XML, '/v1.1/spoof.example': SPOOF }[req.url];
    if (!xml) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/xml', 'access-control-allow-origin': '*' }).end(xml);
  });
  await new Promise((resolve) => ispdb.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await browser?.close();
  ispdb?.close();
});

/** The stream a discover endpoint sends for example.org: two sources, then the merged record. */
function stream() {
  const record = [
    'mailcheck-providers\t1',
    'P\tdiscovered-example-org\tMicrosoft 365',
    'V\texample.org\t2026-12-01\tautoconfig\tmx:Microsoft 365',
    'D\texample.org',
    'A\toauth2',
    'S\tin\timap\toutlook.office365.com\t993\ttls\t%EMAILADDRESS%\toauth2\t-',
    'S\tout\tsmtp\tsmtp.office365.com\t587\tstarttls\t%EMAILADDRESS%\toauth2\t-',
    '',
  ].join('\n');
  const lines = [
    { type: 'source', source: 'autoconfig', outcome: 'found', text: "The domain's own autoconfig file at https://autoconfig.example.org/mail/config-v1.1.xml: found IMAP outlook.office365.com:993 (SSL/TLS)." },
    { type: 'source', source: 'mx', outcome: 'found', text: 'The MX records of example.org: found the MX host example-org.mail.protection.outlook.com is under mail.protection.outlook.com, a mail host of Microsoft 365.' },
    {
      type: 'result',
      found: true,
      record,
      summary: 'Settings found for example.org: the most trusted source wins, and every disagreement is listed.',
      servers: [{ text: 'IMAP outlook.office365.com:993 (SSL/TLS): its own autoconfig file (https) and its MX records (Microsoft 365) agree.' }],
      others: [{ text: 'Another server, from its SRV records: IMAP imap.example.org:993 (SSL/TLS).' }],
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

test('an unknown domain is looked up by itself, each source shown, and the record is used everywhere', async () => {
  const session = await open(browser, { serviceWorkers: 'block' });
  const { page } = session;
  const bodies = [];
  await page.route('**/api/discover', (route) => {
    bodies.push(route.request().postData());
    return route.fulfill({ status: 200, contentType: 'application/x-ndjson', body: stream() });
  });
  await typeAddress(page, 'jane@example.org');
  await page.getByTestId('provider-name').waitFor();
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Microsoft 365');
  const provenance = await page.getByTestId('provenance').textContent();
  assert.match(provenance, /^Discovered Found for example\.org on 2026-12-01: its own autoconfig file \(https\) and its MX records \(Microsoft 365\) agree\./);
  assert.match(await page.locator('.server-table').textContent(), /smtp\.office365\.com/);
  assert.deepEqual(bodies, ['{"address":"jane@example.org"}'], 'one request, once the address stood still');
  await page.locator('details summary', { hasText: 'How these settings were found' }).click();
  const found = await page.getByTestId('discovery').textContent();
  assert.match(found, /its own autoconfig file \(https\) and its MX records \(Microsoft 365\) agree/);
  assert.match(found, /Another server, from its SRV records/);
  // The plain steps say which found servers; the stream named no SRV or ISPDB answer, so they have none.
  assert.deepEqual(await page.getByTestId('discovery-steps').locator('li').allTextContents(), [
    'Asking your domain for its settings file: found servers',
    'Asking the Thunderbird database: no answer',
    'Looking at who receives your mail: found servers',
    'Looking for the mail services your domain announces: no answer',
  ]);
  await screenshot(page, 'discover-1280');
  await axe(page, 'discovered settings');
  await page.setViewportSize({ width: 375, height: 800 });
  await fitsTheWidth(page, 'discovered settings at 375 px');
  await screenshot(page, 'discover-375');
  // The record is a provider record like any other: the check offers its settings.
  await show(page, 'check');
  await page.getByRole('button', { name: "Fill in Microsoft 365's recommended settings" }).waitFor();
  await page.unroute('**/api/discover');
  await close(session);
});

/** A copy of the app deployed without a server (the discover tag is empty) and without a DNS resolver (its
 * journeys: discover-doh.test.mjs), whose ISPDB is the fake one. */
async function withoutServer(page) {
  await page.route('**/*', async (route) => {
    if (route.request().url().startsWith('https://autoconfig.thunderbird.net/')) {
      // The fake ISPDB on loopback answers in the real one's place.
      const path = new URL(route.request().url()).pathname;
      const answer = await fetch(`http://127.0.0.1:${ispdb.address().port}${path}`);
      return route.fulfill({ status: answer.status, headers: Object.fromEntries(answer.headers), body: await answer.text() });
    }
    const response = await route.fetch();
    if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return route.fulfill({ response });
    const body = (await response.text())
      .replace(/<meta[^>]*mailcheck-discover[^>]*>/, '<meta name="mailcheck-discover" content="">')
      .replace(/<meta[^>]*mailcheck-doh[^>]*>/, '<meta name="mailcheck-doh" content="">');
    return route.fulfill({ response, body });
  });
  await page.reload();
}

test('without a discover endpoint, the ISPDB is asked from the browser for the domain only', async () => {
  const session = await open(browser, { serviceWorkers: 'block' });
  const { page } = session;
  await withoutServer(page);
  await typeAddress(page, 'jane@example.net');
  const offer = page.getByRole('button', { name: 'Look it up online' });
  await offer.waitFor();
  assert.match(await page.getByTestId('discovery').textContent(), /Sends example\.net, and nothing else, to Thunderbird's server/);
  await screenshot(page, 'discover-ispdb-offer-1280');
  await axe(page, 'the ISPDB offer');
  await offer.click();
  await page.getByTestId('provider-name').waitFor();
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Example Hosting');
  assert.match(await page.getByTestId('provenance').textContent(), /the Thunderbird ISPDB\. Not checked by mailcheck\./);
  assert.match(await page.locator('.server-table').textContent(), /imap\.example\.net/);
  assert.deepEqual(asked, ['/v1.1/example.net'], 'only the domain went to the ISPDB');
  const outside = foreign(session.requests);
  assert.deepEqual(outside, ['https://autoconfig.thunderbird.net/v1.1/example.net']);
  session.requests = session.requests.filter((r) => !outside.includes(r));
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'discover-ispdb-375');
  // The pieces loaded later are fetched in the background (src/later.rs): done before the route goes.
  await page.waitForLoadState('networkidle');
  await page.unroute('**/*');
  await close(session);
});

test("the ISPDB's answer from the browser passes the engine's boundary: a spoofing name is cleaned, the record kept", async () => {
  const session = await open(browser, { serviceWorkers: 'block' });
  const { page } = session;
  await withoutServer(page);
  await typeAddress(page, 'jane@spoof.example');
  await page.getByRole('button', { name: 'Look it up online' }).click();
  await page.getByTestId('provider-name').waitFor();
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Bank of Example');
  assert.match(await page.locator('.server-table').textContent(), /imap\.spoof\.example/);
  const outside = foreign(session.requests);
  assert.deepEqual(outside, ['https://autoconfig.thunderbird.net/v1.1/spoof.example']);
  session.requests = session.requests.filter((r) => !outside.includes(r));
  // The pieces loaded later are fetched in the background (src/later.rs): done before the route goes.
  await page.waitForLoadState('networkidle');
  await page.unroute('**/*');
  await close(session);
});

test("the real endpoint's answer for a domain it cannot find says so, and the ISPDB is not offered again", async () => {
  const session = await open(browser);
  const { page } = session;
  // The test server's DNS points nowhere: every source fails, on this machine only.
  await typeAddress(page, 'jane@nowhere.invalid');
  await page.getByText('No settings found for nowhere.invalid', { exact: false }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('button', { name: 'Look it up online' }).count(), 0);
  await close(session);
});
