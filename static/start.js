// Starts the app, then its service worker (why and how: the comments in index.html).
// In a frame with ?embed=1 (README: Embed): the compact layout, and the page's height sent to the parent
// page whenever it changes, so the frame grows with its content.
if (new URLSearchParams(location.search).get('embed') === '1' && parent !== window) {
  const page = document.documentElement;
  page.classList.add('embed');
  const report = () => parent.postMessage({ mailcheck: 'height', height: Math.ceil(page.getBoundingClientRect().height) }, '*');
  new ResizeObserver(report).observe(page);
}
const link = (selector) => {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`index.html has no ${selector}: build it with Trunk`);
  return found;
};
const glue = link('link[rel="modulepreload"]:not([href*="/snippets/"])');
const wasm = link('link[rel="preload"][as="fetch"]');
await (await import(glue.href)).default({ module_or_path: fetch(wasm.href, { integrity: wasm.integrity }) });

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
