// Journey: "Test connection" under "Check my settings", against a mail server on this machine. The server
// under test is a tiny fake IMAP server started here; `cargo xtask test` runs mailcheck with
// --allow-private-targets --allow-any-port so the probe may reach it (the default refuses loopback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { launch } from './browser.mjs';
import { open, close, show, typeAddress, screenshot, axe } from './app.mjs';

let browser;
let imap;

/** Greets like an IMAP server that wants STARTTLS before any password, answers CAPABILITY and LOGOUT. */
function fakeImap() {
  const server = net.createServer((socket) => {
    socket.write('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] fake server ready\r\n');
    socket.on('data', (data) => {
      for (const line of data.toString().split('\r\n').filter(Boolean)) {
        const tag = line.split(' ')[0];
        if (/ CAPABILITY$/i.test(line)) socket.write(`* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n${tag} OK done\r\n`);
        else if (/ LOGOUT$/i.test(line)) socket.end(`* BYE bye\r\n${tag} OK done\r\n`);
        else socket.write(`${tag} BAD not in this test\r\n`);
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  browser = await launch();
  imap = await fakeImap();
});
after(async () => {
  await browser?.close();
  imap?.close();
});

async function fillIncoming(page, port) {
  await typeAddress(page, 'jane@example.org');
  await show(page, 'check');
  await page.locator('#incoming-protocol').selectOption('imap');
  await page.locator('#incoming-host').fill('127.0.0.1');
  await page.locator('#incoming-port').fill(String(port));
}

test('the probe reports each step live and explains what the server said', async () => {
  const session = await open(browser);
  const { page } = session;
  await fillIncoming(page, imap.address().port);
  const button = page.locator('#probe-incoming');
  assert.equal(await button.isDisabled(), true, 'no test before the encryption is chosen');
  await page.locator('#incoming-security').selectOption('none');
  await button.click();
  await page.getByTestId('probe-verdict').waitFor();
  const steps = await page.getByTestId('probe-steps-incoming').locator('li').allTextContents();
  assert.ok(steps.some((s) => s.includes('connecting')), steps.join(' | '));
  assert.ok(steps.some((s) => s.includes("waiting for the server's greeting")), steps.join(' | '));
  const codes = await page.locator('.probe li.finding').evaluateAll((l) => l.map((e) => e.dataset.code));
  assert.ok(codes.includes('probe.starttls-available'), codes.join(', '));
  assert.match(await page.locator('.probe').first().textContent(), /Choose STARTTLS/);
  await screenshot(page, 'probe-1280');
  await axe(page, 'the probe result');
  await close(session);
});

test('a port where nothing listens is reported as refused, not as a crash', async () => {
  const closed = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
  const session = await open(browser);
  const { page } = session;
  await fillIncoming(page, closed);
  await page.locator('#incoming-security').selectOption('tls');
  await page.locator('#probe-incoming').click();
  await page.getByTestId('probe-verdict').waitFor();
  const codes = await page.locator('.probe li.finding').evaluateAll((l) => l.map((e) => e.dataset.code));
  assert.deepEqual(codes, ['probe.refused']);
  await close(session);
});

test('without a probe the button says so instead of failing', async () => {
  // No service worker: it would answer the reload below itself, past page.route.
  const session = await open(browser, { serviceWorkers: 'block' });
  const { page } = session;
  // A copy of the app deployed without the probe: its meta tag is empty.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const type = response.headers()['content-type'] ?? '';
    if (!type.startsWith('text/html')) return route.fulfill({ response });
    // The release build's HTML is minified (attribute order and quotes vary): replace the whole tag.
    const body = (await response.text()).replace(/<meta[^>]*mailcheck-probe[^>]*>/, '<meta name="mailcheck-probe" content="">');
    assert.notEqual(body, await response.text(), 'the probe meta tag was found');
    return route.fulfill({ response, body });
  });
  await page.reload();
  await show(page, 'check');
  await page.locator('.probe-off').first().waitFor();
  assert.match(await page.locator('.probe-off').first().textContent(), /need mailcheck's server/);
  // The pieces loaded later are fetched in the background (src/later.rs): done before the route goes.
  await page.waitForLoadState('networkidle');
  await page.unroute('**/*');
  await close(session);
});
