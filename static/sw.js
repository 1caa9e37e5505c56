// mailcheck's service worker: the app works offline after one visit. tools/precache.mjs writes it into dist/
// at build time with VERSION and FILES filled in from the files Trunk built (their hashed names).
// - install: every file of this build goes into the cache `mailcheck-<VERSION>`;
// - activate: the caches of other builds are removed;
// - index.html (and anything else without a hash in its name) network first, this build's copy offline;
//   hashed files cache first: a name stands for one content, so a cached copy is always right;
// - a new build waits until the page asks it to take over ("Reload to update", static/start.js), so one page
//   never mixes files of two builds.
const VERSION = 'filled in by tools/precache.mjs';
const FILES = [];
const CACHE = `mailcheck-${VERSION}`;
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(['./', ...FILES])));
});

self.addEventListener('activate', (event) => {
  const old = (key) => key.startsWith('mailcheck-') && key !== CACHE;
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter(old).map((key) => caches.delete(key)))));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const path = new URL(request.url).pathname;
  event.respondWith(HASHED.test(path) ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  return (await caches.match(request)) ?? fetch(request);
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const cache = await caches.open(CACHE);
    const copy = (await cache.match(request, { ignoreSearch: true })) ?? (request.mode === 'navigate' && (await cache.match('./')));
    if (copy) return copy;
    throw offline;
  }
}
