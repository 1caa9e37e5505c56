// Journey: a custom domain's settings found on the static build, with no `mailcheck serve` behind it. The page
// is served by a plain static server; its DNS-over-HTTPS resolver is an endpoint on loopback (tests/e2e/doh.mjs)
// in front of a real DNS server (dnsmasq) with test zones, and its Thunderbird ISPDB a fake on loopback. The
// person asks for the look-up; the browser asks the resolver for the domain's MX and SRV records and the ISPDB
// for the domain, and maps the MX hosts to a provider as the server does. Every name is under .test or
// .example; nothing leaves this machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launch } from './browser.mjs';
import { dnsmasq, stop } from './dnsmasq.mjs';
import { serveDoh } from './doh.mjs';
import { serveStatic } from './static-server.mjs';
import { open, close, show, typeAddress, screenshot, axe, fitsTheWidth } from './app.mjs';

/** The test zones: dnsmasq answers these, and says NXDOMAIN for every other name under .test. */
const ZONES = [
  '--mx-host=workspace.test,aspmx.l.google.com,1',
  '--mx-host=m365.test,m365-test.mail.protection.outlook.com,0',
  '--mx-host=hosted.test,mx1.mail.hoster.example,10',
  '--mx-host=proton.test,mail.protonmail.ch,10',
  '--srv-host=_imaps._tcp.srv.test,imap.srv.test,993,0,1',
  '--srv-host=_submissions._tcp.srv.test,smtp.srv.test,465,0,1',
  // Without a target dnsmasq answers with ".", which says the service is not offered (RFC 6186).
  '--srv-host=_pop3s._tcp.srv.test',
];

/** The fake ISPDB's one file: a hosting company's, found through the MX host's parent name. */
const HOSTER = `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="hoster.example">
  <domain>hoster.example</domain><displayName>Hoster Mail</displayName>
  <incomingServer type="imap"><hostname>imap.hoster.example</hostname><port>993</port><socketType>SSL</socketType>
    <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.hoster.example</hostname><port>465</port><socketType>SSL</socketType>
    <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>`;

let browser;
let dns;
let doh;
let ispdb;
const ispdbAsked = [];

before(async () => {
  browser = await launch();
  dns = await dnsmasq(ZONES);
  doh = await serveDoh(dns.port);
  ispdb = http.createServer((req, res) => {
    ispdbAsked.push(req.url);
    if (req.url !== '/v1.1/hoster.example') return res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
    res.writeHead(200, { 'content-type': 'text/xml', 'access-control-allow-origin': '*' }).end(HOSTER);
  });
  await new Promise((resolve) => ispdb.listen(0, '127.0.0.1', resolve));
  ispdb.origin = `http://127.0.0.1:${ispdb.address().port}`;
});

after(async () => {
  await browser?.close();
  ispdb?.close();
  doh?.closeAllConnections();
  doh?.close();
  stop(dns?.child);
});

/**
 * The static build on a plain static server, as a site owner deploys it: no discover endpoint, the resolver
 * `resolver` (a mode of the loopback endpoint, or '' for none), the fake ISPDB, and a policy that allows
 * exactly those origins.
 */
async function deploy(resolver = doh.url()) {
  const connect = ["'self'", `${ispdb.origin}`, ...(resolver ? [new URL(resolver).origin] : [])].join(' ');
  const site = await serveStatic({
    prefix: '/mail/',
    csp: `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src ${connect}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
    page: (html) =>
      html
        .replace(/<meta[^>]*mailcheck-discover[^>]*>/, '<meta name="mailcheck-discover" content="">')
        .replace(/<meta[^>]*mailcheck-probe[^>]*>/, '<meta name="mailcheck-probe" content="">')
        .replace(/<meta[^>]*mailcheck-ispdb[^>]*>/, `<meta name="mailcheck-ispdb" content="${ispdb.origin}/v1.1/">`)
        .replace(/<meta[^>]*mailcheck-doh[^>]*>/, `<meta name="mailcheck-doh" content="${resolver}">`),
  });
  return site;
}

/** Opens the deployed app, types `address`, and asks for the look-up once it is offered. */
async function lookUp(site, address, options = {}) {
  const session = await open(browser, { link: site.url, serviceWorkers: 'block', ...options });
  await typeAddress(session.page, address);
  await session.page.getByRole('button', { name: 'Look it up online' }).click();
  return session;
}

/**
 * Closes the session after checking what left the page: only questions about `domain` to the resolver and
 * only `domain` to the ISPDB (and `extra` names of mail hosts there). A fetch that failed or found nothing is
 * logged by the browser as an error of its own; those lines alone are allowed.
 */
async function closeChecked(session, site, domain, { ispdbNames = [domain] } = {}) {
  const mine = (u) => u.startsWith(doh.origin) || u.startsWith(ispdb.origin);
  const questions = session.requests.filter((u) => u.startsWith(doh.origin));
  for (const q of questions) {
    const name = new URL(q).searchParams.get('dns');
    assert.ok(name, q);
  }
  const asked = session.requests.filter((u) => u.startsWith(ispdb.origin)).map((u) => new URL(u).pathname);
  for (const path of asked) assert.ok(ispdbNames.map((n) => `/v1.1/${n}`).includes(path), `ISPDB asked ${path}`);
  session.requests = session.requests.filter((u) => !mine(u));
  session.errors = session.errors.filter((e) => !/^Failed to load resource|net::ERR_/.test(e));
  await close(session);
  site.close();
}

/** The questions the resolver was asked since `from`, as names. */
const namesAsked = (from) => doh.asked.slice(from).map((a) => a.name);

test("on the static build, a domain whose MX is Google's gets Google's settings, with the reason and the source", async () => {
  const site = await deploy();
  const from = doh.asked.length;
  const session = await lookUp(site, 'jane@workspace.test');
  const { page } = session;
  await page.getByTestId('provider-name').waitFor({ timeout: 20_000 });
  assert.match(await page.getByTestId('provider-name').textContent(), /Google/);
  assert.match(await page.locator('.server-table').textContent(), /imap\.gmail\.com.*smtp\.gmail\.com/s);
  assert.match(await page.getByTestId('provenance').textContent(), /Discovered.*its MX records \(Google/);
  const found = await page.getByTestId('discovery').textContent();
  assert.match(found, /The MX records of workspace\.test: found Google[^:]*: the MX host aspmx\.l\.google\.com is under google\.com/);
  assert.match(
    await page.getByTestId('discovery-caution').textContent(),
    /as the resolver at 127\.0\.0\.1:\d+ answered: mailcheck did not check their DNSSEC signatures/,
  );
  // Only the domain's names went to the resolver, as DNS messages, and only the domain to the ISPDB.
  const names = namesAsked(from);
  assert.deepEqual(
    [...names].sort(),
    ['workspace.test', ...['_imaps', '_imap', '_pop3s', '_pop3', '_submissions', '_submission'].map((s) => `${s}._tcp.workspace.test`)].sort(),
  );
  assert.ok(doh.asked.slice(from).every((a) => a.accept === 'application/dns-message'));
  await screenshot(page, 'discover-doh-google-1280');
  await axe(page, 'settings found by MX from the browser');
  await page.setViewportSize({ width: 375, height: 800 });
  await fitsTheWidth(page, 'the look-up at 375 px');
  await screenshot(page, 'discover-doh-google-375');
  // The found record works on the other screens.
  await show(page, 'check');
  await page.getByRole('button', { name: /Fill in Google.*recommended settings/ }).click();
  assert.equal(await page.locator('#incoming-host').inputValue(), 'imap.gmail.com');
  await closeChecked(session, site, 'workspace.test');
});

test('on the static build, a domain whose MX is Microsoft 365 gets its settings, at phone width in the dark', async () => {
  const site = await deploy();
  const session = await lookUp(site, 'jane@m365.test', { viewport: { width: 375, height: 800 }, colorScheme: 'dark' });
  const { page } = session;
  await page.getByTestId('provider-name').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Microsoft 365');
  assert.match(await page.locator('.server-table').textContent(), /outlook\.office365\.com/);
  assert.match(await page.getByTestId('discovery').textContent(), /m365-test\.mail\.protection\.outlook\.com is under mail\.protection\.outlook\.com/);
  await screenshot(page, 'discover-doh-m365-375-dark');
  await axe(page, 'Microsoft 365 found from the browser');
  await closeChecked(session, site, 'm365.test');
});

test('an MX host the data does not know is asked of the ISPDB by the names above it, never the domain again', async () => {
  const site = await deploy();
  const before = ispdbAsked.length;
  const session = await lookUp(site, 'jane@hosted.test');
  const { page } = session;
  await page.getByTestId('provider-name').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Hoster Mail');
  assert.match(
    await page.getByTestId('discovery').textContent(),
    /Hoster Mail: the MX host mx1\.mail\.hoster\.example is under hoster\.example, which the Thunderbird ISPDB knows/,
  );
  assert.deepEqual(
    ispdbAsked.slice(before).sort(),
    ['/v1.1/hosted.test', '/v1.1/hoster.example', '/v1.1/mail.hoster.example', '/v1.1/mx1.mail.hoster.example'].sort(),
  );
  await closeChecked(session, site, 'hosted.test', {
    ispdbNames: ['hosted.test', 'hoster.example', 'mail.hoster.example', 'mx1.mail.hoster.example'],
  });
});

test("a domain whose MX is Proton's gets Proton's own card (its Bridge), never servers of a guess", async () => {
  const site = await deploy();
  const session = await lookUp(site, 'jane@proton.test', { viewport: { width: 375, height: 800 } });
  const { page } = session;
  await page.getByTestId('no-servers').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('provider-name').textContent(), 'Proton Mail');
  assert.match(await page.locator('.provider').textContent(), /Bridge/);
  assert.equal(await page.locator('.server-table').count(), 0);
  assert.match(
    await page.getByTestId('discovery-caution').textContent(),
    /proton\.test's mail is received by Proton Mail's servers, as its MX records say \(as the resolver at 127\.0\.0\.1:\d+ answered\)/,
  );
  await screenshot(page, 'discover-doh-proton-375');
  await axe(page, "Proton's card found by MX");
  await closeChecked(session, site, 'proton.test');
});

test('a domain with only SRV records gets their servers, unconfirmed, and a "." target is no server', async () => {
  const site = await deploy();
  const session = await lookUp(site, 'jane@srv.test');
  const { page } = session;
  await page.getByTestId('provider-name').waitFor({ timeout: 20_000 });
  const table = await page.locator('.server-table').textContent();
  assert.match(table, /imap\.srv\.test/);
  assert.match(table, /smtp\.srv\.test/);
  assert.doesNotMatch(table, /POP3/);
  const found = await page.getByTestId('discovery').textContent();
  assert.match(found, /The SRV records of srv\.test: found IMAP imap\.srv\.test:993 \(SSL\/TLS\) and SMTP smtp\.srv\.test:465 \(SSL\/TLS\); _pop3s\._tcp says POP3 is not offered/);
  assert.match(await page.getByTestId('discovery-caution').textContent(), /has not connected to these servers/);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await fitsTheWidth(page, 'SRV settings at 320 px');
  await screenshot(page, 'discover-doh-srv-320-dark');
  await closeChecked(session, site, 'srv.test');
});

test('a domain that does not exist says so with what to ask, and no step hangs', async () => {
  const site = await deploy();
  const session = await lookUp(site, 'jane@nothing.test');
  const { page } = session;
  await page.getByText('No settings found for nothing.test', { exact: false }).waitFor({ timeout: 20_000 });
  const steps = await page.getByTestId('discovery-steps').textContent();
  assert.match(steps, /Looking at who receives your mail: nothing found/);
  assert.doesNotMatch(steps, /…/);
  assert.equal(await page.getByTestId('discovery-caution').count(), 0);
  await closeChecked(session, site, 'nothing.test');
});

test('a resolver that is down, slow, answers 10 MB or garbage gives a clear sentence, never a hang', async () => {
  const cases = [
    ['down', /could not be reached/],
    ['slow', /did not answer within 5 seconds/],
    ['huge', /sent more than a DNS answer can hold/],
    ['garbage', /gave no answer that can be used \((not a DNS answer|an answer to another question)/],
  ];
  for (const [mode, said] of cases) {
    const site = await deploy(doh.url(mode));
    const session = await lookUp(site, 'jane@workspace.test');
    const { page } = session;
    await page.getByText('No settings found for workspace.test', { exact: false }).waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('discovery-steps').textContent(), /Looking at who receives your mail: no answer/, mode);
    await page.getByText('What mailcheck asked').click();
    const asked = await page.getByTestId('discovery').textContent();
    const resolver = 'the DNS resolver at 127\\.0\\.0\\.1:\\d+ ';
    assert.match(asked, new RegExp(`The MX records of workspace\\.test: no answer that can be used: ${resolver}${said.source}`), mode);
    assert.equal(await page.getByTestId('provider-name').count(), 0, mode);
    if (mode === 'huge') await screenshot(page, 'discover-doh-resolver-fails-1280');
    await closeChecked(session, site, 'workspace.test');
  }
});

test('with the resolver tag empty, only the ISPDB is offered and asked', async () => {
  const site = await deploy('');
  const from = doh.asked.length;
  const session = await open(browser, { link: site.url, serviceWorkers: 'block' });
  const { page } = session;
  await typeAddress(page, 'jane@workspace.test');
  const offer = page.getByRole('button', { name: 'Look it up online' });
  await offer.waitFor();
  const text = await page.getByTestId('discovery').textContent();
  assert.match(text, /Sends workspace\.test, and nothing else, to Thunderbird's server/);
  assert.doesNotMatch(text, /resolver/);
  await offer.click();
  await page.getByText('No settings found for workspace.test', { exact: false }).waitFor({ timeout: 20_000 });
  assert.equal(doh.asked.length, from, 'no question to any resolver');
  assert.doesNotMatch(await page.getByTestId('discovery-steps').textContent(), /who receives your mail/);
  await closeChecked(session, site, 'workspace.test');
});

test('the offer names the resolver before anything is sent, and offline the look-up says it needs a connection', async () => {
  const site = await deploy();
  const from = doh.asked.length;
  const session = await open(browser, { link: site.url, serviceWorkers: 'block' });
  const { page } = session;
  await typeAddress(page, 'jane@workspace.test');
  await page.getByRole('button', { name: 'Look it up online' }).waitFor();
  assert.match(
    await page.getByTestId('discovery').textContent(),
    /Sends workspace\.test \(and the names of its mail hosts\), and nothing else, to Thunderbird's server \(http:\/\/127\.0\.0\.1:\d+\/v1\.1\/\) and the DNS resolver at 127\.0\.0\.1:\d+\./,
  );
  assert.equal(doh.asked.length, from, 'nothing asked before the person asks');
  await axe(page, 'the look-up offer');
  await page.setViewportSize({ width: 320, height: 800 });
  await fitsTheWidth(page, 'the look-up offer at 320 px');
  await screenshot(page, 'discover-doh-offer-320');
  await session.context.setOffline(true);
  await page.getByRole('button', { name: 'Look it up online' }).click();
  await page.getByText('Looking settings up needs a connection, and this device is offline.', { exact: false }).waitFor();
  assert.equal(doh.asked.length, from, 'nothing asked offline');
  await session.context.setOffline(false);
  await closeChecked(session, site, 'workspace.test');
});
