// What a first-time user still tripped over after the phone-first pass (issue 21), each part on a phone and on a
// desktop: an outgoing server that asked for its only possible account type, tools hidden off a phone's screen,
// fixes that gave no sign and left no verdict, a decoder that repeated itself and did not link its source, a
// provider card that buried its answer under other domains' wrong hosts, a discovery that found nothing and
// left the person there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, shown, axe, screenshot, SCREENS } from './app.mjs';

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

/** A q.com address, and on "Check my settings" one server's fields as given (`protocol` only for incoming). */
async function typeServer(page, side, { protocol, host, port, security, auth }) {
  await typeAddress(page, 'jane@q.com');
  await show(page, 'check');
  if (protocol) await page.locator(`#${side}-protocol`).selectOption(protocol);
  await page.locator(`#${side}-host`).fill(host);
  await page.locator(`#${side}-port`).fill(port);
  await page.locator(`#${side}-security`).selectOption(security);
  if (auth) await page.locator(`#${side}-auth`).selectOption(auth);
}

test('4. outgoing mail is always SMTP: no account type to choose, and the test can run', async () => {
  await atEachSize(async (page, size) => {
    await typeServer(page, 'outgoing', { host: 'smtp.centurylink.net', port: '587', security: 'starttls' });
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

/** The element that has keyboard focus: its finding's code and class, or its test id. */
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    return { code: e.closest('li.finding')?.dataset.code ?? null, fix: e.classList.contains('fix'), testid: e.dataset.testid ?? null };
  });
}

test('3 and 8. a fix says what it changed and the new verdict, keeps focus on what is next, and a verdict stays', async () => {
  await atEachSize(async (page, size) => {
    await typeServer(page, 'outgoing', { host: 'smtp.centurylink.net', port: '25', security: 'starttls', auth: 'none' });
    const status = page.getByTestId('check-status');
    assert.equal(await status.getAttribute('role'), 'status', 'one live region says the change and the verdict');

    await page.locator('li.finding[data-code="auth.smtp-off"] .fix').click();
    assert.equal(await page.getByTestId('fix-applied').textContent(), 'Outgoing sign-in method set to Normal password.');
    assert.match(await page.getByTestId('check-summary').textContent(), /^⚠ These settings may work, but 1 thing is worth changing/);
    assert.deepEqual(await focused(page), { code: 'smtp.port-25', fix: true, testid: null }, `${size}: focus on the next fix`);

    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#outgoing-port').inputValue(), '587');
    assert.equal(await page.getByTestId('fix-applied').textContent(), 'Outgoing port set to 587.');
    const verdict = await page.getByTestId('check-summary').textContent();
    assert.match(verdict, /^Fixed so far: 2\. Nothing filled in is wrong\. 7 fields are still empty/);
    assert.deepEqual(await focused(page), { code: null, fix: false, testid: 'check-summary' }, `${size}: focus on the verdict`);
    const text = await status.textContent();
    assert.ok(text.includes('Outgoing port set to 587.') && text.includes('Fixed so far: 2.'), text);
    await axe(page, `the check after two fixes at ${size} size`);
    await screenshot(page, `first-try-fixed-${SIZES[size].width}`);

    // Typing again is a change of the person's own: the fix's note goes, the verdict stays.
    await page.locator('#incoming-host').fill('pop.centurylink.net');
    assert.equal(await page.getByTestId('fix-applied').count(), 0);
    assert.match(await page.getByTestId('check-summary').textContent(), /^Fixed so far: 2\. .* 6 fields are still empty/);
  });
});

test('5. the decoder links the provider\'s page and says a wrong host once, with its reason', async () => {
  await atEachSize(async (page, size) => {
    await typeServer(page, 'incoming', { protocol: 'imap', host: 'imap.centurylink.net', port: '993', security: 'tls' });
    await show(page, 'decode');
    await page.getByLabel('Error message').fill('IMAP: getaddrinfo ENOTFOUND imap.centurylink.net');
    const first = page.locator('[data-testid=causes] li.cause').first();
    assert.equal(await first.getAttribute('data-code'), 'settings.server-differs');
    const fixes = await first.locator('ul li').allTextContents();
    const naming = fixes.filter((f) => f.includes('imap.centurylink.net'));
    assert.equal(naming.length, 1, `${size}: the wrong host is said once: ${fixes.join(' | ')}`);
    assert.match(naming[0], /to mail\.centurylink\.net .*third-party guides/);
    const link = first.getByRole('link', { name: /^https:\/\/www\.centurylink\.com\// });
    assert.equal(await link.count(), 1, `${size}: the provider's page is a link`);
    assert.equal(await link.getAttribute('href'), await link.textContent());
    const all = await page.locator('[data-testid=causes] li.cause ul li').allTextContents();
    assert.equal(new Set(all).size, all.length, `${size}: no fix is said twice: ${all.join(' | ')}`);
    await axe(page, `the decoder with a wrong host at ${size} size`);
    await screenshot(page, `first-try-decode-${SIZES[size].width}`);
  });
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

test('7. a domain nothing is found for shows plain steps, says how to find who hosts its mail and what to ask, the details folded', async () => {
  await atEachSize(async (page, size) => {
    // The test server's DNS points nowhere: every source fails, on this machine only.
    await typeAddress(page, 'jane@nowhere.invalid');
    const summary = page.getByTestId('discovery-summary');
    await summary.getByText('No settings found for nowhere.invalid', { exact: false }).waitFor({ timeout: 30_000 });
    const text = await summary.textContent();
    assert.match(text, /To find out who hosts its mail, ask whoever gave you the address or runs the domain/);
    assert.match(text, /ask them for the incoming server \(IMAP or POP3\), the outgoing server \(SMTP\), the port and encryption of each/);
    assert.equal(await page.locator('[data-testid=discovery] details').getAttribute('open'), null, `${size}: what was asked is folded`);
    // What was asked, in plain steps, each with how it ended; the sentences with their URLs stay folded.
    const steps = await page.getByTestId('discovery-steps').locator('li').allTextContents();
    assert.deepEqual(steps.slice(0, 4), [
      'Asking your domain for its settings file: nothing found',
      'Asking the Thunderbird database: nothing found',
      'Looking at who receives your mail: nothing found',
      'Looking for the mail services your domain announces: nothing found',
    ], `${size}: ${steps}`);
    assert.ok(!(await page.getByTestId('discovery-steps').textContent()).includes('https://'), 'no URL in the steps');
    await axe(page, `nothing found at ${size} size`);
    await screenshot(page, `first-try-nothing-found-${SIZES[size].width}`);
    // No dead end: the check with the general rules is one button away.
    await page.getByRole('button', { name: 'Check the settings you have' }).click();
    await shown(page, 'check');
    await page.locator('#incoming-host').waitFor();
    assert.equal(await page.locator('#nav-check').getAttribute('aria-current'), 'page');
  });
});
