// What a first-time user still tripped over after the phone-first pass (issue 21), each part on a phone and on a
// desktop: an outgoing server that asked for its only possible account type.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, axe, screenshot } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const SIZES = { phone: { width: 375, height: 667 }, desktop: { width: 1280, height: 800 } };

/** Runs `journey(page, size)` in a fresh browser at each size, the phone first. */
async function atEachSize(journey) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const s = await open(browser, { viewport });
    await journey(s.page, size);
    await close(s);
  }
}

test('4. outgoing mail is always SMTP: no account type to choose, and the test can run', async () => {
  await atEachSize(async (page, size) => {
    await typeAddress(page, 'jane@q.com');
    await show(page, 'check');
    await page.locator('#outgoing-host').fill('smtp.centurylink.net');
    await page.locator('#outgoing-port').fill('587');
    await page.locator('#outgoing-security').selectOption('starttls');
    assert.equal(await page.locator('#outgoing-protocol').count(), 0, `${size}: no outgoing account type to choose`);
    assert.match(await page.locator('#screen-check fieldset.server legend').nth(1).textContent(), /SMTP/);
    assert.ok(await page.locator('#probe-outgoing').isEnabled(), `${size}: "Test connection" can run`);
    await axe(page, `the check with an outgoing server at ${size} size`);
    await screenshot(page, `first-try-smtp-${SIZES[size].width}`);
  });
});
