// Odd input, however unlikely, gives a message a person can act on: never a blank or frozen page, never an
// error in the console (a panic in the wasm would show up there and stop the app).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, findings, screenshot, fitsTheWidth, fillInCenturyLink } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const LONG = 'a'.repeat(10_000);

/** The app still answers: the address field takes input and the provider shows. */
async function stillWorks(page) {
  await typeAddress(page, 'jane@q.com');
  await show(page, 'settings');
  assert.equal(await page.getByTestId('provider-name').textContent(), 'CenturyLink');
}

test('addresses made of emoji, or 10,000 characters long, get a message', async () => {
  const s = await open(browser, { viewport: { width: 375, height: 700 } });
  const { page } = s;
  const odd = ['😀@😀.com', '👩‍👩‍👧‍👦', `jane@${LONG}.com`, LONG, '@', 'jane@@q.com', ' \t '];
  for (const address of odd) {
    await typeAddress(page, address);
    const screen = page.locator('#screen-settings');
    const text = (await screen.textContent()).trim();
    assert.ok(text.length > 'Correct settings'.length, `something is said for ${address.slice(0, 20)}`);
    await fitsTheWidth(page, `the settings for ${address.slice(0, 20)}…`);
  }
  await typeAddress(page, `jane@${LONG}.com`);
  await screenshot(page, 'odd-long-address-375');
  await stillWorks(page);
  await close(s);
});

test('odd values in every server field get findings and the check still answers', async () => {
  const s = await open(browser, { viewport: { width: 375, height: 700 } });
  const { page } = s;
  await fillInCenturyLink(page);
  await page.locator('#incoming-host').fill('https://pop.centurylink.net/');
  assert.deepEqual(await findings(page, 'incoming-host'), ['host.invalid']);
  await page.locator('#outgoing-host').fill('📮.example');
  assert.ok((await findings(page, 'outgoing-host')).length > 0, 'an emoji host is flagged');
  await page.locator('#incoming-port').fill(LONG);
  assert.deepEqual(await findings(page, 'incoming-port'), ['port.invalid']);
  await page.locator('#outgoing-port').fill('99999');
  assert.deepEqual(await findings(page, 'outgoing-port'), ['port.invalid']);
  await page.locator('#outgoing-username').fill(LONG);
  assert.match(await page.getByTestId('check-summary').textContent(), /will not work yet/);
  await fitsTheWidth(page, 'the check with odd values');
  await screenshot(page, 'odd-check-375');
  await stillWorks(page);
  await close(s);
});

test('10,000 characters of error text are decoded without freezing', async () => {
  const s = await open(browser);
  const { page } = s;
  await show(page, 'decode');
  const started = Date.now();
  await page.getByLabel('Error message').fill(`${'x'.repeat(9_980)} 0x800CCC0E`);
  const codes = await page.locator('[data-testid=causes] li.cause').evaluateAll((l) => l.map((e) => e.dataset.code));
  assert.equal(codes[0], 'net.cannot-connect', codes.join(', '));
  assert.ok(Date.now() - started < 5_000, 'answers in well under five seconds');
  await page.getByLabel('Error message').fill('🙈'.repeat(5_000));
  assert.deepEqual(
    await page.locator('[data-testid=causes] li.cause').evaluateAll((l) => l.map((e) => e.dataset.code)),
    ['decode.not-recognised'],
  );
  await stillWorks(page);
  await close(s);
});

test('the guide and the files with odd values still say something useful', async () => {
  const s = await open(browser);
  const { page } = s;
  await typeAddress(page, '😀@😀.com');
  await show(page, 'guide');
  await page.locator('#client-ios-mail').click();
  assert.ok((await page.getByTestId('guide').textContent()).length > 50);
  await show(page, 'take-away');
  assert.match(await page.locator('#screen-take-away').textContent(), /These files need complete settings/);
  await stillWorks(page);
  await close(s);
});
