// The pieces loaded later (src/later.rs, xtask/src/split.rs): the first load names none of them; once the app
// has its data they are fetched in the background, so every screen opens with nothing left to fetch; a piece
// that cannot be fetched, or whose bytes are not the build's, is said with a button that tries again, never a
// blank screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { open, close, typeAddress, show, url, openEveryScreenLoadedLater } from './app.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

/** A chunk of the split wasm, by its file name. */
const CHUNK = /\/(split|chunk)_[a-z_0-9]+-[0-9a-f]{16}\.wasm$/;
/** The chunks of src/later.rs's split points. */
const PIECES = ['check', 'decode', 'guide', 'take_away', 'discover'];

test('the first load names no piece loaded later; the app then fetches each, and every screen opens without a fetch', async () => {
  const index = await (await fetch(url)).text();
  assert.doesNotMatch(index, /(split|chunk)_[a-z_0-9]+-[0-9a-f]{16}\.wasm/, 'index.html names no chunk');

  const s = await open(browser);
  const { page } = s;
  // Prefetched once the provider data is here: every piece's own chunk.
  const missing = () =>
    PIECES.filter((piece) => !s.pageRequests.some((r) => new RegExp(`/split_${piece}-[0-9a-f]{16}\\.wasm$`).test(r)));
  for (let waited = 0; missing().length && waited < 15_000; waited += 100) await page.waitForTimeout(100);
  assert.deepEqual(missing(), [], 'pieces not prefetched');
  await page.waitForLoadState('networkidle');
  const fetched = s.pageRequests.filter((r) => CHUNK.test(r));
  assert.equal(new Set(fetched).size, fetched.length, `each chunk fetched once: ${fetched}`);

  const before = s.pageRequests.length;
  await typeAddress(page, 'jane@q.com');
  await show(page, 'check');
  await page.locator('#probe-incoming').waitFor();
  await openEveryScreenLoadedLater(page);
  assert.deepEqual(s.pageRequests.slice(before).filter((r) => CHUNK.test(r)), [], 'no chunk fetched when a screen opens');
  await close(s);
});

/**
 * Opens the app with every fetch of the guide's own chunk answered by `answer` (a Playwright route handler)
 * until `release()`; returns the session, its console errors apart.
 */
async function withGuideChunk(answer) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const errors = [];
  let held = true;
  await context.route(/\/split_guide-[0-9a-f]{16}\.wasm$/, (route) => (held ? answer(route) : route.continue()));
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('#address').waitFor();
  return { context, page, errors, release: () => (held = false) };
}

async function saysItCouldNotLoadThenTriesAgain({ page, release }) {
  await typeAddress(page, 'jane@q.com');
  await show(page, 'guide');
  const alert = page.locator('#screen-guide [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /This screen could not be loaded\. Check your internet connection, then try again\./);
  assert.equal(await page.locator('#client-thunderbird').count(), 0, 'no half-drawn guide');
  // The rest of the app still works.
  await show(page, 'check');
  await page.locator('#probe-incoming').waitFor();
  await show(page, 'guide');

  release();
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#client-thunderbird').click();
  assert.equal(await page.getByTestId('guide').locator('h3').textContent(), 'Set up jane@q.com in Thunderbird');
  assert.equal(await page.locator('#screen-guide [role="alert"]').count(), 0);
}

test('a piece that cannot be fetched is said, with a button that fetches it again', async () => {
  const s = await withGuideChunk((route) => route.abort('connectionreset'));
  await saysItCouldNotLoadThenTriesAgain(s);
  await s.context.close();
});

test('a piece whose bytes are not the build’s never runs: its digest does not match', async () => {
  const s = await withGuideChunk(async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    // One byte of the code changed: still a wasm module, but not the one the link module names.
    body[body.length - 1] ^= 1;
    await route.fulfill({ response, body });
  });
  await saysItCouldNotLoadThenTriesAgain(s);
  assert.ok(
    s.errors.some((e) => /integrity/i.test(e)),
    `the browser refused the changed chunk for its digest: ${s.errors.join(' | ')}`,
  );
  await s.context.close();
});
