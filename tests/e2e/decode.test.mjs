// Journey 3: decode an error. The message a mail app showed, pasted as it is, gives the likely causes and
// what to do about each, using the settings entered under "Check my settings".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, show, axe, fillInCenturyLink } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const causes = (page) =>
  page.locator('[data-testid=causes] li.cause').evaluateAll((l) => l.map((e) => e.dataset.code));

test('a pasted 0x800CCC0E gives causes, most likely first, each with what to do', async () => {
  const s = await open(browser);
  const { page } = s;
  await show(page, 'decode');
  assert.equal(await page.getByTestId('causes').count(), 0, 'nothing before anything is pasted');
  await page.getByLabel('Error message').fill(
    "Sending reported error (0x800CCC0E): Cannot connect to the server. Verify that you can access it.",
  );
  const found = await causes(page);
  assert.equal(found[0], 'net.cannot-connect', found.join(', '));
  const first = page.locator('[data-testid=causes] li.cause').first();
  assert.match(await first.textContent(), /What to do:/);
  assert.ok((await first.locator('ul li').count()) > 0);
  await axe(page, 'the decoder with causes');
  await close(s);
});

test('the settings entered narrow the causes down: SMTP on port 25 comes first', async () => {
  const s = await open(browser);
  const { page } = s;
  await fillInCenturyLink(page);
  await page.locator('#outgoing-port').fill('25');
  await show(page, 'decode');
  await page.getByLabel('Error message').fill('Sending reported error (0x800CCC0E): Cannot connect to the server.');
  const found = await causes(page);
  assert.equal(found[0], 'net.port25-blocked', found.join(', '));
  await close(s);
});

test('text that is no error message gets an honest answer', async () => {
  const s = await open(browser);
  const { page } = s;
  await show(page, 'decode');
  await page.getByLabel('Error message').fill('🙂 hello there');
  assert.deepEqual(await causes(page), ['decode.not-recognised']);
  await close(s);
});
