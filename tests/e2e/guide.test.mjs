// Journey 5: set up a mail app. Pick the app by name, follow its steps with the person's values filled in, and
// copy any value with one click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, url, axe, fillInCenturyLink, switchToImap } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const CLIENTS = [
  'outlook-windows', 'outlook-new', 'outlook-mac', 'apple-mail', 'ios-mail', 'gmail-android',
  'samsung-email', 'thunderbird', 'thunderbird-android', 'em-client', 'generic',
];

test('Thunderbird: the steps carry the CenturyLink values, and Copy puts one on the clipboard', async () => {
  const s = await open(browser);
  const { page } = s;
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await typeAddress(page, 'jane@q.com');
  await show(page, 'guide');
  assert.match(await page.locator('#screen-guide').textContent(), /Choose your mail app above/);

  await page.locator('#client-thunderbird').click();
  assert.equal(await page.locator('#client-thunderbird').getAttribute('aria-pressed'), 'true');
  const guide = page.getByTestId('guide');
  assert.equal(await guide.locator('h3').textContent(), 'Set up jane@q.com in Thunderbird');
  const values = await guide.locator('code.value').allTextContents();
  for (const v of ['jane@q.com', 'pop.centurylink.net', '995', 'smtp.centurylink.net', '587']) {
    assert.ok(values.includes(v), `${v} in ${values.join(', ')}`);
  }

  const host = guide.locator('.entry', { has: page.locator('code.value', { hasText: /^smtp\.centurylink\.net$/ }) });
  await host.getByRole('button', { name: 'Copy Hostname' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'smtp.centurylink.net');
  await axe(page, 'the Thunderbird guide, after a copy');
  await close(s);
});

test('every mail app on the list has a guide with the address in it', async () => {
  const s = await open(browser, { viewport: { width: 375, height: 700 } });
  const { page } = s;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'guide');
  const listed = await page.locator('button.client').evaluateAll((l) => l.map((b) => b.id.replace(/^client-/, '')));
  assert.deepEqual(listed, CLIENTS);
  for (const id of CLIENTS) {
    await page.locator(`#client-${id}`).click();
    const guide = page.getByTestId('guide');
    assert.ok((await guide.locator('ol.steps > li').count()) >= 2, `${id} has steps`);
    assert.match(await guide.textContent(), /jane@q\.com/, `${id} names the address`);
  }
  await close(s);
});

test('"the settings I entered" fills the guide with the person\'s own values', async () => {
  const s = await open(browser);
  const { page } = s;
  await fillInCenturyLink(page);
  await switchToImap(page);
  await show(page, 'guide');
  await page.locator('#client-thunderbird').click();
  const guide = page.getByTestId('guide');
  assert.ok((await guide.locator('code.value').allTextContents()).includes('pop.centurylink.net'));
  await page.locator('#values-mine').check();
  const values = await guide.locator('code.value').allTextContents();
  assert.ok(values.includes('mail.centurylink.net'), values.join(', '));
  assert.ok(!values.includes('pop.centurylink.net'), values.join(', '));
  await close(s);
});
