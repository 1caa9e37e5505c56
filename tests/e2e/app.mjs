// What every end-to-end test needs: a fresh browser context on the app, a watch on what the page requests
// and logs, screenshots, and axe-core. Not a test file itself (node --test runs only *.test.mjs here).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';

/** The running server (`cargo xtask test` starts it and sets MAILCHECK_URL). */
export const url = process.env.MAILCHECK_URL;

/** The app's screens: nav button `#nav-<id>`, section `#screen-<id>`. */
export const SCREENS = ['settings', 'check', 'decode', 'protocol', 'guide', 'take-away'];

/** The WCAG 2.2 AA rule sets axe checks. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const SCREENSHOTS = fileURLToPath(new URL('../../target/screenshots/', import.meta.url));

/**
 * Opens the app in a new, empty browser context (no storage, no cookies) and records every request and every
 * console error, for `close` to check. `link` is the address to open (the app's own by default); the other
 * options go to `browser.newContext` (viewport, colorScheme, permissions, …).
 */
export async function open(browser, { link = url, ...options } = {}) {
  assert.ok(url, 'MAILCHECK_URL names the running server (cargo xtask test sets it)');
  // Reduced motion: the stylesheet then scrolls at once, never mid-way through a smooth scroll when a test
  // looks at the page.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', ...options });
  // `requests`: everything asked for, the service worker's too; `pageRequests`: the page's own.
  const session = { context, origin: new URL(link).origin, requests: [], pageRequests: [], errors: [] };
  context.on('request', (r) => {
    session.requests.push(r.url());
    if (!r.serviceWorker()) session.pageRequests.push(r.url());
  });
  context.on('page', (p) => watch(p, session));
  session.page = await context.newPage();
  await session.page.goto(link);
  await session.page.locator('#address').waitFor();
  return session;
}

function watch(page, session) {
  page.on('console', (m) => m.type() === 'error' && session.errors.push(m.text()));
  page.on('pageerror', (e) => session.errors.push(e.message));
}

/**
 * Closes the context, after checking that the page asked nothing of any origin but the one it was opened on
 * and logged no error.
 */
export async function close(session) {
  await session.context.close();
  assert.ok(session.requests.length > 0, 'requests are recorded');
  assert.deepEqual(foreign(session.requests, session.origin), [], 'requests to another origin');
  assert.deepEqual(session.errors, [], 'console errors');
}

/**
 * The requests not to `own`, the app's origin by default (blob: URLs count as their page's origin; data: leaves
 * nothing).
 */
export function foreign(requests, own = new URL(url).origin) {
  return requests.filter((r) => !r.startsWith('data:') && new URL(r).origin !== own);
}

export async function typeAddress(page, address) {
  await page.getByLabel('Your email address').fill(address);
}

/** Opens a screen, and waits for its code where it is loaded later (src/later.rs). */
export async function show(page, screen) {
  await page.locator(`#nav-${screen}`).click();
  await shown(page, screen);
}

/**
 * Waits for `screen` to be drawn by its own code: a screen loaded later (src/later.rs) says "Loading this
 * screen…" until then, also when a link opens the app on it.
 */
export async function shown(page, screen) {
  await page.locator(`#screen-${screen}`).waitFor();
  await page.locator(`#screen-${screen}`).getByText('Loading this screen…').waitFor({ state: 'detached' });
}

/**
 * Opens every screen whose code is loaded later (src/later.rs) with an address typed, and waits for what that
 * code draws: the decoder's causes, the IMAP-or-POP3 questions, a chosen guide, Save & share's link.
 */
export async function openEveryScreenLoadedLater(page) {
  await show(page, 'decode');
  await page.getByLabel('Error message').fill('0x800CCC0E');
  await page.locator('#screen-decode li').first().waitFor();
  await show(page, 'protocol');
  await page.locator('#screen-protocol input').first().waitFor();
  await show(page, 'guide');
  await page.locator('#client-thunderbird').click();
  await page.getByTestId('guide').locator('h3').waitFor();
  await show(page, 'take-away');
  await page.locator('#clear').waitFor();
  await page.locator('#share-link').waitFor();
}

/** Types a CenturyLink address and fills in CenturyLink's recommended settings under "Check my settings". */
export async function fillInCenturyLink(page) {
  await typeAddress(page, 'jane@q.com');
  await show(page, 'check');
  await page.getByRole('button', { name: "Fill in CenturyLink's recommended settings" }).click();
}

/** Changes the incoming server to CenturyLink's IMAP one, as a person who chose IMAP would. */
export async function switchToImap(page) {
  await page.locator('#incoming-protocol').selectOption('imap');
  await page.locator('#incoming-host').fill('mail.centurylink.net');
  await page.locator('#incoming-port').fill('993');
}

/** The codes of the findings shown under the field with id `field`. */
export async function findings(page, field) {
  return page.locator(`#${field}-findings li.finding`).evaluateAll((l) => l.map((e) => e.dataset.code));
}

/** The page is no wider than the window: nothing to scroll sideways. */
export async function fitsTheWidth(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${where} is ${scroll} px wide in a ${width} px window`);
}

/** Saves a full-page screenshot as target/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top, so the sticky navigation is drawn where it starts rather than over the middle of the page.
  await toTop(page);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Scrolls the page to its top at once (the stylesheet's smooth scrolling left out). */
async function toTop(page) {
  await page.evaluate(() => {
    document.documentElement.style.scrollBehavior = 'auto';
    window.scrollTo(0, 0);
    document.documentElement.style.scrollBehavior = '';
  });
}

/** Runs axe-core's WCAG 2.2 AA rules on the page and fails with a readable list of what it found. */
export async function axe(page, where) {
  // The page as laid out from its top: a control Playwright scrolled to just under the sticky navigation would
  // count as covered by it (target-size), though a person scrolling never leaves it there (scroll-padding).
  await toTop(page);
  const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  assert.ok(passes.length > 0, `axe ran no rule on ${where}`);
  const nodeText = (n) => `${n.target.join(' ')}: ${n.failureSummary}`;
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map(nodeText).join('\n  ')}`);
  assert.deepEqual(found, [], `axe on ${where}`);
}
