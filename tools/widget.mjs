// Trunk post_build hook (Trunk.toml), after minify.mjs: writes mailcheck-widget.js, the loader that host pages
// include (static/widget.js), filled in with this build's files as index.html names them after minifying:
// the JS modules (the wasm-bindgen glue first, then its snippets), the wasm and the stylesheet, each with its
// sha384 digest, the provider data file with its digest (tools/data.mjs), and the probe, discovery, ISPDB and DNS-over-HTTPS addresses of index.html's <meta name="mailcheck-probe">, "mailcheck-discover", "mailcheck-ispdb" and "mailcheck-doh". In release builds the
// result is minified like every other script.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR;
if (!staging || !source) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR, TRUNK_SOURCE_DIR)');

const index = readFileSync(join(staging, 'index.html'), 'utf8');
/** Every `<tag>` in index.html as an object of its attributes (quoted or not, as minified HTML has them). */
const tags = (name) =>
  [...index.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))].map(([, text]) =>
    Object.fromEntries([...text.matchAll(/([\w-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)].map(([, key, value = '']) => [key.toLowerCase(), value.replace(/^["']|["']$/g, '')])),
  );
const file = (href) => href.replace(/^\.\//, '');
const links = tags('link');
const one = (what, found) => {
  if (found.length !== 1) throw new Error(`index.html has ${found.length} ${what}, expected one: build it with Trunk`);
  return [file(found[0].href), found[0].integrity];
};
const modules = links.filter((l) => l.rel === 'modulepreload').map((l) => [file(l.href), l.integrity]);
modules.sort(([a], [b]) => Number(a.startsWith('snippets/')) - Number(b.startsWith('snippets/')));
const build = {
  modules,
  wasm: one('wasm preload', links.filter((l) => l.rel === 'preload' && l.as === 'fetch')),
  css: one('stylesheet', links.filter((l) => l.rel === 'stylesheet')),
  probe: tags('meta').find((m) => m.name === 'mailcheck-probe')?.content ?? '',
  discover: tags('meta').find((m) => m.name === 'mailcheck-discover')?.content ?? '',
  ispdb: tags('meta').find((m) => m.name === 'mailcheck-ispdb')?.content ?? '',
  doh: tags('meta').find((m) => m.name === 'mailcheck-doh')?.content ?? '',
  data: one('provider data', tags('meta').filter((m) => m.name === 'mailcheck-data').map((m) => ({ href: m.content, integrity: m['data-integrity'] }))),
};
if (!modules.length || modules[0][0].startsWith('snippets/')) throw new Error('index.html preloads no wasm-bindgen glue');
for (const [name, integrity] of [...modules, build.wasm, build.css, build.data]) {
  if (!integrity?.startsWith('sha384-')) throw new Error(`index.html has no integrity digest for ${name}`);
}

const template = readFileSync(join(source, 'static', 'widget.js'), 'utf8');
const filled = template.replace(/^ {2}const BUILD = \{\};$/m, `  const BUILD = ${JSON.stringify(build)};`);
if (filled === template) throw new Error('static/widget.js lost its `const BUILD = {};` line');
const code = process.env.TRUNK_PROFILE === 'release' ? (await minify(filled, { ecma: 2022, compress: true, mangle: true })).code : filled;
writeFileSync(join(staging, 'mailcheck-widget.js'), code);
console.log(`mailcheck-widget.js: ${modules.length} modules, ${code.length} bytes`);
