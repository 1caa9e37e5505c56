// What a first-time user still tripped over after the phone-first pass (issue 21), each part on a phone and on a
// desktop: an outgoing server that asked for its only possible account type, tools hidden off a phone's screen,
// a provider card that buried its answer under other domains' wrong hosts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, axe, screenshot, SCREENS } from './app.mjs';

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

/** Each navigation button's box, and whether its label is cut (wider than the button shows). */
async function navButtons(page) {
  return page.locator('nav.screens button').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return { id: b.id, left: r.left, right: r.right, top: r.top, bottom: r.bottom, cut: b.scrollWidth > b.clientWidth };
    }),
  );
}

test('1. every tool is on screen with its whole label, at 320, 375 and 414 px as at 1280 px', async () => {
  for (const width of [320, 375, 414, 1280]) {
    const s = await open(browser, { viewport: { width, height: 700 } });
    const { page } = s;
    await typeAddress(page, 'jane@q.com');
    for (const screen of ['settings', 'take-away']) {
      await show(page, screen);
      const buttons = await navButtons(page);
      assert.deepEqual(buttons.map((b) => b.id), SCREENS.map((id) => `nav-${id}`));
      for (const b of buttons) {
        assert.ok(b.left >= 0 && b.right <= width && b.top >= 0 && b.bottom <= 700, `${width} px, ${screen}: ${b.id} is on screen: ${JSON.stringify(b)}`);
        assert.ok(!b.cut, `${width} px: the label of ${b.id} is whole`);
      }
      const rows = new Set(buttons.map((b) => Math.round(b.top))).size;
      assert.ok(rows <= (width < 1000 ? 2 : 1), `${width} px: ${rows} rows`);
      assert.equal(await page.locator('nav.screens [aria-current=page]').getAttribute('id'), `nav-${screen}`);
    }
    await axe(page, `the navigation at ${width} px`);
    if (width !== 414) await screenshot(page, `first-try-nav-${width}`);
    await close(s);
  }
});

test('2. the provider card answers first: servers, then where they come from, and only the wrong hosts of the address, folded', async () => {
  await atEachSize(async (page, size) => {
    await typeAddress(page, 'jane@q.com');
    await page.getByTestId('provider-name').waitFor();
    const top = async (selector) => (await page.locator(selector).first().boundingBox()).y;
    const order = [];
    for (const part of ['.provider .server-table', '[data-testid=provenance]', '.provider .source a', '.provider .facts', '.provider details.wrong-hosts']) {
      order.push(await top(part));
    }
    assert.deepEqual([...order].sort((a, b) => a - b), order, `${size}: servers, source, facts, then wrong hosts: ${order}`);
    const card = await top('.provider');
    assert.ok(order[2] - card < 800, `${size}: the source link is ${order[2] - card} px down the card`);
    const wrong = page.locator('.provider .wrong-host');
    assert.equal(await wrong.first().isVisible(), false, `${size}: the wrong hosts are folded`);
    await page.locator('.provider details.wrong-hosts summary').click();
    assert.ok(await wrong.first().isVisible());
    const hosts = await wrong.locator('code').allTextContents();
    assert.ok(hosts.includes('imap.centurylink.net') && hosts.includes('mail.q.com'), hosts.join(', '));
    assert.ok(!hosts.some((h) => /elpasotel|centurytel/.test(h)), `${size}: only q.com's: ${hosts.join(', ')}`);
    await axe(page, `the provider card at ${size} size`);
    await screenshot(page, `first-try-provider-${SIZES[size].width}`);
  });
});
