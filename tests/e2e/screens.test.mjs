// Every screen at phone (375 px) and desktop (1280 px) width, in the light and the dark theme: a full-page
// screenshot under target/screenshots/ to look at, and axe-core's WCAG 2.2 AA rules with no violation, also
// after a copy button was used.
import { test, before, after } from 'node:test';
import { launch } from './browser.mjs';
import { open, close, show, axe, screenshot, fitsTheWidth, SCREENS, fillInCenturyLink } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

/** Something on every screen: a CenturyLink address, two findings, an error, answers, a chosen app. */
async function fillEveryScreen(page) {
  await fillInCenturyLink(page);
  await page.locator('#outgoing-port').fill('25');
  await page.locator('#outgoing-auth').selectOption('none');
  await show(page, 'decode');
  await page.getByLabel('Error message').fill('Sending reported error (0x800CCC0E): Cannot connect to the server.');
  await show(page, 'protocol');
  await page.locator('#devices').selectOption('3');
  await show(page, 'guide');
  await page.locator('#client-thunderbird').click();
}

for (const colorScheme of ['light', 'dark']) {
  test(`every screen, ${colorScheme} theme: screenshots at 375 and 1280 px, no axe violation`, async () => {
    const s = await open(browser, { colorScheme, permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = s;
    await fillEveryScreen(page);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const screen of SCREENS) {
        await show(page, screen);
        const name = `${screen}-${width}${colorScheme === 'dark' ? '-dark' : ''}`;
        await screenshot(page, name);
        await fitsTheWidth(page, name);
        await axe(page, name);
        const copy = page.locator(`#screen-${screen} button.copy`).first();
        if (await copy.count()) {
          await copy.click();
          await axe(page, `${name} after a copy`);
        }
      }
    }
    await close(s);
  });
}

test('every screen before anything is entered: no axe violation, no sideways scrolling at 320 px', async () => {
  const s = await open(browser, { viewport: { width: 320, height: 640 } });
  const { page } = s;
  for (const screen of SCREENS) {
    await show(page, screen);
    await fitsTheWidth(page, `${screen} (empty)`);
    await axe(page, `${screen} (empty)`);
  }
  await screenshot(page, 'take-away-empty-320');
  await close(s);
});
