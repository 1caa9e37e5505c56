// Issue 11: about a thousand mail domains, each with where its settings come from. The provider list is a
// file of its own, fetched after the first paint: the addresses people actually have (Yahoo, iCloud,
// Comcast, AT&T, GMX, Orange…) show the Thunderbird ISPDB's settings and say so; the CenturyLink family still
// shows our checked record, with the ISPDB's old hosts as wrong ones; a list that cannot be loaded is said,
// and the checks go on with the general rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, findings, axe, screenshot, url } from './app.mjs';
import { DIST, serveStatic } from './static-server.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const ISPDB = [
  ['jane@yahoo.com', 'Yahoo! Mail', 'imap.mail.yahoo.com'],
  ['jane@icloud.com', 'Apple iCloud', 'imap.mail.me.com'],
  ['jane@comcast.net', 'Comcast', 'imap.comcast.net'],
  ['jane@att.net', 'AT&T', 'imap.mail.att.net'],
  ['jane@gmx.de', 'GMX Freemail', 'imap.gmx.net'],
  ['jane@web.de', 'WEB.DE Freemail', 'imap.web.de'],
  ['jane@orange.fr', 'Mail Orange', 'imap.orange.fr'],
  ['jane@t-online.de', 't-online', 'secureimap.t-online.de'],
];

test('the addresses most people have show their settings, from the Thunderbird ISPDB, and say so', async () => {
  const s = await open(browser);
  const { page } = s;
  for (const [address, name, host] of ISPDB) {
    await typeAddress(page, address);
    await page.getByTestId('provider-name').filter({ hasText: name }).waitFor();
    const provenance = await page.getByTestId('provenance').textContent();
    assert.match(provenance, /^Thunderbird ISPDB From the Thunderbird ISPDB, a community database \(last changed \d{4}-\d\d-\d\d\), not checked against/, address);
    assert.match(await page.locator('.server-table').textContent(), new RegExp(host.replaceAll('.', '\\.')), address);
    assert.match(await page.locator('.provider').textContent(), /kept by volunteers and is out of date in places/, address);
  }
  await typeAddress(page, 'jane@yahoo.com');
  await page.getByTestId('provider-name').filter({ hasText: 'Yahoo! Mail' }).waitFor();
  const source = page.locator('.provider .source a');
  assert.match(await source.getAttribute('href'), /^https:\/\/help\.yahoo\.com\//, "the ISPDB's link to the provider's page");
  await axe(page, 'an ISPDB provider');
  await screenshot(page, 'settings-ispdb-1280');
  assert.match(
    await page.locator('footer').textContent(),
    /checked by us against the provider's own page, taken from a community database \(the Thunderbird ISPDB or Delta Chat's provider database, both MPL-2\.0\), or found for your domain and marked so/,
    'the footer names the tiers',
  );

  // Its settings fill the check like a checked record's, and a typo is found against them.
  await show(page, 'check');
  await page.getByRole('button', { name: "Fill in Yahoo! Mail's recommended settings" }).click();
  assert.match(await page.getByTestId('check-summary').textContent(), /will work/);
  await page.locator('#incoming-host').fill('imap.mail.yaho.com');
  assert.deepEqual(await findings(page, 'incoming-host'), ['host.typo']);
  await close(s);
});

test('iCloud signs in with the part before the @ for IMAP and the whole address for SMTP, at phone width', async () => {
  const s = await open(browser, { viewport: { width: 375, height: 800 } });
  await typeAddress(s.page, 'jane@icloud.com');
  await s.page.getByTestId('provider-name').waitFor();
  const facts = await s.page.locator('.facts').textContent();
  assert.match(facts, /IMAP: the part of your address before @; SMTP: your full email address/);
  await screenshot(s.page, 'settings-ispdb-375');
  await axe(s.page, 'an ISPDB provider on a phone');
  await close(s);
});

test("the CenturyLink family keeps our checked record, and the ISPDB's old hosts are listed as wrong", async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, 'jane@centurytel.net');
  await page.getByTestId('provider-name').filter({ hasText: 'CenturyLink' }).waitFor();
  assert.match(await page.getByTestId('provenance').textContent(), /^Checked/);
  // Only the wrong hosts that concern the address typed (issue 21): q.com's and elpasotel.net's old hosts are
  // not shown for centurytel.net, but are for their own addresses.
  const wrong = await page.locator('.wrong-host').allTextContents();
  for (const old of ['pop.centurytel.net', 'smtpauth.centurytel.net', 'imap.centurylink.net']) {
    assert.ok(wrong.some((w) => w.includes(old)), `${old} in ${wrong.join('\n')}`);
  }
  assert.ok(!wrong.some((w) => /elpasotel|q\.com/.test(w)), wrong.join('\n'));
  await typeAddress(page, 'jane@elpasotel.net');
  const elpasotel = await page.locator('.wrong-host').allTextContents();
  assert.ok(elpasotel.some((w) => /Thunderbird ISPDB, a community database, lists mail\.elpasotel\.net/.test(w)), elpasotel.join('\n'));
  await typeAddress(page, 'jane@centurytel.net');
  // The old host typed in is an error with the reason, and the fix is CenturyLink's own server.
  await show(page, 'check');
  await page.getByRole('button', { name: "Fill in CenturyLink's recommended settings" }).click();
  await page.locator('#outgoing-host').fill('smtpauth.centurytel.net');
  assert.deepEqual(await findings(page, 'outgoing-host'), ['host.not-provider']);
  await close(s);
});

test('the provider list is a hashed file, fetched once after the app starts, cached for good', async () => {
  const s = await open(browser);
  await typeAddress(s.page, 'jane@gmx.de');
  await s.page.getByTestId('provider-name').waitFor();
  // The page's own requests: the service worker fetches every file once more to cache it.
  const lists = s.pageRequests.filter((r) => /knowledge-[0-9a-f]{16}\.txt$/.test(r));
  assert.equal(lists.length, 1, `one fetch of the list: ${s.pageRequests.join('\n')}`);
  const wasm = s.pageRequests.findIndex((r) => r.endsWith('.wasm'));
  assert.ok(wasm >= 0 && wasm < s.pageRequests.indexOf(lists[0]), 'asked for after the app itself');
  const response = await fetch(lists[0]);
  assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(response.headers.get('content-type'), /^text\/plain/);
  assert.match(await response.text(), /^mailcheck-providers\t1\n/);
  await close(s);
});

test('a list that cannot be loaded is said, and the general checks still run', async () => {
  const copy = await mkdtemp(join(tmpdir(), 'mailcheck-dist-'));
  await cp(DIST, copy, { recursive: true });
  // The file changed after the build: its digest no longer matches, and the browser refuses it.
  const list = (await readdir(copy)).find((f) => /^knowledge-.*\.txt$/.test(f));
  await writeFile(join(copy, list), 'mailcheck-providers\t1\n# changed\n');
  const host = await serveStatic({ dist: copy, prefix: '/app/' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(host.url);
  await page.getByLabel('Your email address').fill('jane@yahoo.com');
  const failed = page.getByTestId('provider-data-failed');
  await failed.waitFor();
  assert.match(await failed.textContent(), /list of providers could not be loaded/);
  assert.match(await failed.textContent(), /general rules/);
  await show(page, 'check');
  await page.locator('#outgoing-port').fill('25');
  assert.ok((await findings(page, 'outgoing-port')).includes('smtp.port-25'), 'the general rules still run');
  assert.ok(errors.some((e) => /integrity/i.test(e)), `the browser said why: ${errors.join('\n')}`);
  await context.close();
  host.close();
  await rm(copy, { recursive: true, force: true });
});

test('before the list arrives, a typed address is being looked up, then resolves', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/knowledge-[0-9a-f]+\.txt$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url);
  await page.getByLabel('Your email address').fill('jane@aol.com');
  const loading = page.getByTestId('provider-loading');
  await loading.waitFor();
  assert.match(await loading.textContent(), /Looking up the provider of aol\.com/);
  await axe(page, 'a provider being looked up');
  release();
  await page.getByTestId('provider-name').filter({ hasText: 'AOL Mail' }).waitFor();
  assert.equal(await loading.count(), 0);
  await context.close();
});
