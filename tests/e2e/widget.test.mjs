// The widget on a help site of another origin, embedded as static/embed-demo.html shows: one script tag and a
// <mail-settings-checker> element. It renders in a shadow root with the element's options, completes a check,
// and the site's styles and the widget's never meet; several widgets run side by side, removing one unmounts
// it, and `mailcheck.mount` gives sites a handle to unmount.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { axe, screenshot } from './app.mjs';
import { launch } from './browser.mjs';
import { serveStatic } from './static-server.mjs';

const DEMO = new URL('../../static/embed-demo.html', import.meta.url);
const PLACEHOLDER = 'https://mail.example.com/help/mail/';

let browser;
let site;
let app;
let closed;
before(async () => {
  browser = await launch();
  app = await serveStatic({ prefix: '/help/mail/' });
  closed = await serveStatic({ prefix: '/help/mail/', cors: false });
  // The help site, on another port: the demo article, and a bare page for the tests that build their own.
  site = http.createServer(async (req, res) => {
    const { pathname, searchParams } = new URL(req.url, 'http://site');
    const scheme = searchParams.has('dark') ? '<meta name="color-scheme" content="light dark">' : '';
    const from = searchParams.has('closed') ? closed.url : app.url;
    const page =
      pathname === '/bare'
        ? `<!doctype html>${scheme}<title>help</title><script src="${from}mailcheck-widget.js" defer></script><body></body>`
        : (await readFile(DEMO, 'utf8')).replaceAll(PLACEHOLDER, app.url);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await browser?.close();
  site?.close();
  app?.close();
  closed?.close();
});

const siteUrl = (path = '/') => `http://127.0.0.1:${site.address().port}${path}`;

/** A new page on the help site, recording console errors, without the demo's frame (embed.test.mjs has it);
 * `widget: false` keeps the widget out too. */
async function visit(path, { widget = true, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/[?]embed=1/, (route) => route.abort());
  if (!widget) await page.route('**/mailcheck-widget.js', (route) => route.abort());
  await page.goto(siteUrl(path));
  const failedLoads = () => errors.filter((e) => !/ERR_FAILED/.test(e));
  return { context, page, errors: failedLoads };
}

/** The computed styles of the help site's own elements that a leaking stylesheet would change. */
function siteStyles(page) {
  return page.evaluate(() => {
    const pick = (selector, ...properties) => {
      const style = getComputedStyle(document.querySelector(selector));
      return properties.map((p) => `${selector} ${p}: ${style.getPropertyValue(p)}`);
    };
    return [
      ...pick('body', 'background-color', 'color', 'font-family', 'margin'),
      ...pick('article p', 'color', 'text-align'),
      ...pick('a', 'color'),
      ...pick('article button', 'background-color', 'color', 'padding'),
      ...pick('h1', 'font-size', 'margin-top'),
    ];
  });
}

test('the demo article embeds the widget from another origin, and it completes a check', async () => {
  const { context, page, errors } = await visit('/');
  const widget = page.locator('mail-settings-checker');
  await widget.locator('#address').waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('mail-settings-checker').shadowRoot !== null), true);
  assert.equal(await page.locator('#address').count(), 1, 'only inside the shadow root (the frame is blocked)');
  assert.equal(await widget.getByTestId('provider-name').textContent(), 'CenturyLink', 'provider= preselects');
  assert.equal(await widget.locator('section.app.compact').count(), 1, 'compact gives the compact layout');
  assert.equal(await widget.getByRole('region', { name: 'Email settings checker' }).count(), 1);
  assert.equal(await page.getByRole('main').count(), 1, "only the article's own main landmark");
  await axe(page, 'the demo article with the widget');

  await widget.getByLabel('Your email address').fill('jane@q.com');
  await widget.locator('#nav-check').click();
  await widget.getByRole('button', { name: /Fill in CenturyLink's recommended settings/ }).click();
  const summary = await widget.getByTestId('check-summary').textContent();
  assert.match(summary, /These settings will work/);
  await widget.locator('#outgoing-port').fill('25');
  assert.doesNotMatch(await widget.getByTestId('check-summary').textContent(), /will work/);
  assert.equal(await widget.locator('#outgoing-port-findings [data-code="smtp.port-25"]').count(), 1);
  await axe(page, "the widget's check with a finding");
  await screenshot(page, 'widget-demo-check');

  // What a provider requires before signing in, in the widget as on the app's page (issue 19).
  await widget.locator('#nav-settings').click();
  await widget.getByLabel('Your email address').fill('jane@icloud.com');
  const before = widget.getByTestId('before-sign-in');
  await before.waitFor();
  assert.match(await before.textContent(), /create an app password.*Source: https:\/\/support\.apple\.com\//s);
  await axe(page, "the widget's settings with a sign-in requirement");
  await widget.getByLabel('Your email address').fill('jane@q.com');

  await widget.locator('#nav-guide').click();
  assert.equal(await widget.locator('#client-outlook-windows').getAttribute('aria-pressed'), 'true', 'client= preselects');
  await widget.locator('#nav-take-away').click();
  const link = await widget.locator('#share-link').inputValue();
  assert.ok(link.startsWith(`${app.url}#`), `the share link opens the app's own page: ${link}`);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], "nothing in the site's storage");
  assert.deepEqual(errors(), []);
  await context.close();
});

test("the site's styles and the widget's never meet", async () => {
  const without = await visit('/', { widget: false });
  const expected = await siteStyles(without.page);
  await without.context.close();

  const { context, page, errors } = await visit('/');
  const widget = page.locator('mail-settings-checker');
  await widget.locator('#address').waitFor();
  assert.deepEqual(await siteStyles(page), expected, "the widget changed the site's own styles");
  const inside = await widget.locator('.app').evaluate((main) => {
    const style = getComputedStyle(main);
    const button = getComputedStyle(main.querySelector('nav button'));
    return { font: style.fontFamily, align: style.textAlign, button: button.backgroundColor };
  });
  assert.doesNotMatch(inside.font, /Georgia/, "the site's font stays out");
  assert.notEqual(inside.align, 'justify');
  assert.notEqual(inside.button, 'rgb(138, 59, 18)', "the site's button style stays out");
  assert.deepEqual(errors(), []);
  await context.close();
});

test('several widgets run side by side, and removing one unmounts it', async () => {
  const { context, page, errors } = await visit('/bare');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.evaluate(() => {
    for (const provider of ['centurylink', 'gmail']) {
      const widget = document.createElement('mail-settings-checker');
      widget.setAttribute('provider', provider);
      document.body.append(widget);
    }
  });
  const [one, two] = [page.locator('mail-settings-checker').nth(0), page.locator('mail-settings-checker').nth(1)];
  await one.getByTestId('provider-name').waitFor();
  await two.getByTestId('provider-name').waitFor();
  assert.equal(await one.getByTestId('provider-name').textContent(), 'CenturyLink');
  assert.equal(await two.getByTestId('provider-name').textContent(), 'Gmail');
  await two.getByLabel('Your email address').fill('jane@outlook.com');
  assert.equal(await one.getByLabel('Your email address').inputValue(), '', 'typing in one leaves the other alone');
  assert.match(await two.locator('.other-provider').textContent(), /not a Gmail address/);

  // A changed attribute starts the widget afresh with it.
  await page.evaluate(() => document.querySelector('mail-settings-checker').setAttribute('provider', 'fastmail'));
  await one.getByTestId('provider-name').filter({ hasText: 'Fastmail' }).waitFor();

  const left = await page.evaluate(() => {
    const widget = document.querySelector('mail-settings-checker');
    widget.remove();
    return widget.shadowRoot.childElementCount;
  });
  assert.equal(left, 0, 'the removed widget was unmounted');
  assert.equal(await page.locator('mail-settings-checker').count(), 1);
  await page.locator('mail-settings-checker').getByLabel('Your email address').fill('jane@gmail.com');
  assert.equal(await page.locator('mail-settings-checker').getByTestId('provider-name').textContent(), 'Gmail');
  // An ISPDB address in a widget, with where its settings come from; the provider list came once for all.
  await page.locator('mail-settings-checker').getByLabel('Your email address').fill('jane@comcast.net');
  await page.locator('mail-settings-checker').getByTestId('provider-name').filter({ hasText: 'Comcast' }).waitFor();
  assert.match(await page.locator('mail-settings-checker').getByTestId('provenance').textContent(), /Thunderbird ISPDB/);
  assert.equal(requests.filter((r) => /knowledge-[0-9a-f]+\.txt$/.test(r)).length, 1, 'one fetch of the provider list');
  // The pieces loaded later (src/later.rs) too: one module for every widget of the page.
  const chunks = requests.filter((r) => /\/(split|chunk)_[a-z_0-9]+-[0-9a-f]{16}\.wasm$/.test(r));
  assert.ok(chunks.length > 0, 'the widgets fetched the pieces loaded later');
  assert.equal(new Set(chunks).size, chunks.length, `each piece fetched once for all widgets: ${chunks}`);
  assert.deepEqual(errors(), []);
  await context.close();
});

test('mailcheck.mount renders into an element and its handle unmounts it', async () => {
  const { context, page, errors } = await visit('/bare');
  await page.waitForFunction(() => window.mailcheck?.mount);
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.evaluate(async () => {
    const element = document.createElement('div');
    element.id = 'help-widget';
    document.body.append(element);
    window.handle = window.mailcheck.mount(element, { provider: 'riseup', client: 'no-such-app' });
    await window.handle.ready;
  });
  const host = page.locator('#help-widget');
  assert.equal(await host.getByTestId('provider-name').textContent(), 'Riseup');
  assert.ok(warnings.some((w) => w.includes('no client "no-such-app"')), `a wrong id is reported: ${warnings}`);
  await page.evaluate(() => window.handle.unmount());
  assert.equal(await page.evaluate(() => document.getElementById('help-widget').shadowRoot.childElementCount), 0);
  assert.deepEqual(errors(), []);
  await context.close();
});

test('a widget is light on a light page, and dark in dark mode only where the page has a dark mode', async () => {
  for (const [path, expected] of [
    ['/bare', 'rgb(255, 255, 255)'],
    ['/bare?dark', 'rgb(20, 23, 28)'],
  ]) {
    const { context, page, errors } = await visit(path, { colorScheme: 'dark' });
    await page.evaluate(() => document.body.append(document.createElement('mail-settings-checker')));
    const widget = page.locator('mail-settings-checker');
    await widget.locator('#address').waitFor();
    const background = await widget.locator('.widget').evaluate((w) => getComputedStyle(w).backgroundColor);
    assert.equal(background, expected, path);
    assert.deepEqual(errors(), []);
    await context.close();
  }
});

test("without the app's CORS header the widget says it could not load, instead of staying blank", async () => {
  const { context, page } = await visit('/bare?closed');
  await page.waitForFunction(() => window.mailcheck?.mount);
  const failed = await page.evaluate(async () => {
    const element = document.createElement('div');
    element.id = 'help-widget';
    document.body.append(element);
    return window.mailcheck.mount(element, {}).ready.then(
      () => 'started',
      (error) => `${error}`,
    );
  });
  assert.notEqual(failed, 'started');
  assert.match(await page.locator('#help-widget .widget').textContent(), /could not be loaded/);
  await context.close();
});
