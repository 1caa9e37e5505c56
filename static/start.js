// Starts the app from the preload links Trunk writes into index.html (why: see index.html).
const link = (selector) => {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`index.html has no ${selector}: build it with Trunk`);
  return found;
};
const glue = link('link[rel="modulepreload"]:not([href*="/snippets/"])');
const wasm = link('link[rel="preload"][as="fetch"]');
const app = await import(glue.href);
await app.default({ module_or_path: fetch(wasm.href, { integrity: wasm.integrity }) });
