// Starts the app, then its service worker (why and how: the comments in index.html).
// The query string takes the options a help page may set (README: Embed): `provider` and `client` preselect,
// `compact` (or `embed=1`) the smaller layout. In a frame with ?embed=1, the page's height is also sent to the
// parent page whenever it changes, so the frame grows with its content.
const query = new URLSearchParams(location.search);
const framed = query.get('embed') === '1' && parent !== window;
const link = (selector) => {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`index.html has no ${selector}: build it with Trunk`);
  return found;
};
const glue = link('link[rel="modulepreload"]:not([href*="/snippets/"])');
const wasm = link('link[rel="preload"][as="fetch"]');
const data = link('meta[name="mailcheck-data"]');
const meta = (name) => document.querySelector(`meta[name="mailcheck-${name}"]`)?.content;
const app = await import(glue.href);
await app.default({ module_or_path: fetch(wasm.href, { integrity: wasm.integrity }) });
// The provider list, fetched once the app runs (it is not needed for the first paint) and checked against
// its digest; the app says it is looking a provider up until it lands.
const providers = fetch(data.content, { integrity: data.dataset.integrity }).then((response) => {
  if (!response.ok) throw new Error(`${data.content}: ${response.status}`);
  return response.text();
});
app.mount(link('#mailcheck'), {
  data: providers,
  remember: true,
  provider: query.get('provider'),
  client: query.get('client'),
  compact: framed || query.get('compact') === '1',
  probe: meta('probe'),
  discover: meta('discover'),
  ispdb: meta('ispdb'),
  doh: meta('doh'),
});
if (framed) {
  const page = document.documentElement;
  const report = () => parent.postMessage({ mailcheck: 'height', height: Math.ceil(page.getBoundingClientRect().height) }, '*');
  new ResizeObserver(report).observe(page);
}

const workers = navigator.serviceWorker;
const updating = Boolean(workers?.controller);
workers?.addEventListener('controllerchange', () => updating && location.reload());
const registration = await workers?.register('sw.js').catch(() => null);
const offer = () => {
  const waiting = registration?.waiting;
  if (!waiting || !updating || document.getElementById('update')) return;
  const button = document.createElement('button');
  button.textContent = 'Reload to update';
  button.onclick = () => waiting.postMessage('skip-waiting');
  const bar = document.createElement('p');
  bar.id = 'update';
  bar.role = 'status';
  bar.append('A new version of mailcheck is ready. ', button);
  document.body.append(bar);
};
const watch = (worker) => worker?.addEventListener('statechange', () => worker.state === 'installed' && offer());
offer();
watch(registration?.installing);
registration?.addEventListener('updatefound', () => watch(registration.installing));
