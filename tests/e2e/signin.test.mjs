// What a person must do before a mail app can sign in (issue 19): an app password, access to switch on, a
// bridge, no mail apps at all. Servers right and sign-in failing is the commonest trouble after hosts and ports,
// so every screen a person looks at says the provider's requirement, with where to do it and whose word it is:
// the settings card (before the servers), the check, the decoder, every guide and the text summary. A provider
// without requirements gets none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, axe, screenshot, fitsTheWidth } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const SIZES = { phone: { width: 375, height: 667 }, desktop: { width: 1280, height: 800 } };

/** Runs `journey(page, size, session)` in a fresh browser at each size, the phone first. */
async function atEachSize(journey, options = {}) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const s = await open(browser, { viewport, ...options });
    await journey(s.page, size, s);
    await close(s);
  }
}

/** The requirements the settings card shows, as [kind, text] pairs. */
async function requirementsShown(page) {
  return page
    .getByTestId('before-sign-in')
    .locator('li.requirement')
    .evaluateAll((items) => items.map((li) => [li.dataset.kind, li.textContent]));
}

test('an iCloud address is told about the app password before the servers, with Apple’s page and its date', async () => {
  await atEachSize(async (page, size) => {
    await typeAddress(page, 'jane@icloud.com');
    const block = page.getByTestId('before-sign-in');
    await block.waitFor();
    assert.equal(await block.locator('h3').textContent(), 'Before you sign in');
    const shown = await requirementsShown(page);
    // In the order they are done: two-factor authentication first, since it unlocks the app password.
    assert.deepEqual(shown.map(([kind]) => kind), ['second-factor-first', 'app-password'], `${size}`);
    assert.match(shown[1][1], /create an app password/);
    // Whose word it is: Apple's page, a link, with the day we checked it; the servers stay the ISPDB's.
    const source = block.locator('li.requirement').first().locator('.by a');
    assert.match(await source.getAttribute('href'), /^https:\/\/support\.apple\.com\//);
    assert.match(await block.locator('li.requirement').first().locator('.by').textContent(), /checked by mailcheck on \d{4}-\d{2}-\d{2}/);
    assert.match(await page.getByTestId('provenance').textContent(), /Thunderbird ISPDB/);
    // Before the servers.
    const top = async (locator) => (await locator.boundingBox()).y;
    assert.ok((await top(block)) < (await top(page.locator('table.server-table'))), `${size}: before the servers`);
    await fitsTheWidth(page, `iCloud's card at ${size} size`);
    await axe(page, `iCloud's card at ${size} size`);
    await screenshot(page, `signin-icloud-${SIZES[size].width}`);
  });
});

test('a provider without requirements shows its servers with nothing before them', async () => {
  const s = await open(browser);
  await typeAddress(s.page, 'jane@q.com');
  await s.page.locator('table.server-table').waitFor();
  assert.equal(await s.page.getByTestId('before-sign-in').count(), 0);
  assert.equal(await s.page.locator('#check-anyway').count(), 0, 'a known provider needs no way around it');
  await close(s);
});

test('a Proton address is known: no servers of Proton’s, its Bridge instead, never “not known” and never looked for', async () => {
  await atEachSize(async (page, size, s) => {
    await typeAddress(page, 'jane@proton.me');
    await page.getByTestId('before-sign-in').waitFor();
    assert.equal(await page.getByTestId('provider-name').textContent(), 'Proton Mail');
    const shown = await requirementsShown(page);
    assert.deepEqual(shown.map(([kind]) => kind), ['bridge'], `${size}`);
    assert.match(shown[0][1], /127\.0\.0\.1/);
    assert.match(shown[0][1], /IMAP 1143 \(STARTTLS\) and SMTP 1025 \(STARTTLS\)/);
    assert.match(shown[0][1], /“Proton Mail Bridge operates locally/, 'the page’s own words, quoted');
    assert.match(await page.getByTestId('no-servers').textContent(), /Proton Mail has no servers of its own/);
    assert.equal(await page.locator('table.server-table').count(), 0, 'no server table');
    assert.equal(await page.getByTestId('provider-unknown').count(), 0, 'not “not known”');
    const asked = s.pageRequests.filter((r) => new URL(r).pathname.endsWith('/api/discover') || /autoconfig/.test(r));
    assert.deepEqual(asked, [], 'nothing looked for: neither mailcheck’s discovery nor the ISPDB asked');
    await fitsTheWidth(page, `Proton's card at ${size} size`);
    await axe(page, `Proton's card at ${size} size`);
    await screenshot(page, `signin-proton-${SIZES[size].width}`);

    // The check: Proton's own host is not where a mail app connects; the fix sets the bridge's.
    await show(page, 'check');
    await page.locator('#incoming-host').fill('imap.proton.me');
    const finding = page.locator('#incoming-host-findings li.finding[data-code="requirement.bridge-host"]');
    await finding.waitFor();
    assert.match(await finding.textContent(), /only through its bridge on your own computer/);
    await finding.getByRole('button').click();
    assert.equal(await page.locator('#incoming-host').inputValue(), '127.0.0.1');
    assert.equal(await page.locator('li.finding[data-code="provider.unknown"]').count(), 0);
    await axe(page, `Proton's check at ${size} size`);

    // The decoder says the Bridge first: no server setting can fix a sign-in there.
    await show(page, 'decode');
    await page.getByLabel('Error message').fill('535 5.7.8 Authentication failed');
    const causes = page.getByTestId('causes');
    await causes.waitFor();
    const first = async (selector) => (await page.locator(selector).first().boundingBox()).y;
    assert.ok((await first('#screen-decode [data-testid="before-sign-in"]')) < (await first('#screen-decode li.cause')));
  });
});

test('HEY and Tuta addresses are known to offer no IMAP for mail apps, as Delta Chat’s provider database says', async () => {
  const s = await open(browser, { viewport: SIZES.phone });
  const { page } = s;
  for (const [address, name, instead] of [
    ['jane@hey.com', 'hey.com', 'https://hey.com'],
    ['jane@tuta.io', 'Tutanota', 'https://tutanota.com'],
  ]) {
    await typeAddress(page, address);
    await page.getByTestId('provider-name').filter({ hasText: name }).waitFor();
    const shown = await requirementsShown(page);
    assert.deepEqual(shown.map(([kind]) => kind), ['no-mail-apps'], address);
    assert.match(shown[0][1], new RegExp(`offers no IMAP or POP for mail apps\\. Use its web site, ${instead}`), address);
    assert.match(shown[0][1], /Source: Delta Chat's provider database/, address);
    assert.match(await page.getByTestId('provenance').textContent(), /^Delta Chat provider-db/, address);
    assert.match(await page.locator('.provider').textContent(), /no longer maintained/, `${address}: the caution of its tier`);
    assert.equal(await page.locator('table.server-table').count(), 0, address);
    assert.equal(await page.getByTestId('provider-unknown').count(), 0, address);
  }
  await axe(page, 'HEY, from the provider database');
  await screenshot(page, 'signin-tuta-375');
  await show(page, 'check');
  const finding = page.locator('li.finding[data-code="requirement.no-mail-apps"]');
  await finding.waitFor();
  assert.match(await finding.textContent(), /no server settings will work/);
  await close(s);
});

test('the decoder ranks the provider’s requirement first when a Yahoo sign-in fails, and says whose word it is', async () => {
  await atEachSize(async (page, size) => {
    await typeAddress(page, 'jane@yahoo.com');
    await show(page, 'decode');
    await page.getByLabel('Error message').fill('535 5.7.8 Authentication failed');
    const cause = page.locator('#screen-decode li.cause').first();
    await cause.waitFor();
    const fix = await cause.locator('ul li').first().textContent();
    assert.match(fix, /app password/, `${size}: ${fix}`);
    const link = cause.locator('ul li').first().locator('a');
    assert.equal(await link.getAttribute('href'), 'https://help.yahoo.com/kb/generate-manage-rd-party-passwords-sln15241.html');
    await axe(page, `the decoder for Yahoo at ${size} size`);
    await screenshot(page, `signin-decode-yahoo-${SIZES[size].width}`);
  });
});

test('every guide starts with the requirement, and the text summary lists it first', async () => {
  await atEachSize(async (page, size) => {
    await typeAddress(page, 'jane@icloud.com');
    await show(page, 'guide');
    for (const client of ['ios-mail', 'thunderbird', 'outlook-windows']) {
      await page.locator(`#client-${client}`).click();
      // In the order they are done: two-factor authentication, then the app password it makes possible.
      const [first, second] = await page.getByTestId('guide').locator('ol.steps > li').allTextContents();
      assert.match(first, /^Before you start: .*two-step verification/, `${size}, ${client}: ${first}`);
      assert.match(second, /^Before you start: .*create an app password/, `${size}, ${client}: ${second}`);
      assert.match(second, /Source: https:\/\/support\.apple\.com\//, `${size}, ${client}`);
      const link = page.getByTestId('guide').locator('ol.steps > li').nth(1).locator('a').first();
      assert.equal(await link.getAttribute('href'), 'https://appleid.apple.com', 'where to do it is a link');
    }
    await axe(page, `iCloud's guide at ${size} size`);
    await screenshot(page, `signin-guide-icloud-${SIZES[size].width}`);

    await show(page, 'take-away');
    const summary = await page.getByTestId('summary-text').textContent();
    assert.ok(summary.indexOf('Before you sign in:') >= 0, summary);
    assert.ok(summary.indexOf('Before you sign in:') < summary.indexOf('Incoming mail:'), summary);
  });
});
