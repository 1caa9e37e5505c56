// Trunk post_build hook (Trunk.toml), after minify.mjs: shortens the names by which the wasm and its
// wasm-bindgen glue call each other, in both files, and updates their sha384 integrity digests in index.html.
//
// wasm-bindgen names every import after its function plus a 16-digit hash (`__wbg_addEventListener_f2d2…`),
// and closures' exports the same way; over a hundred such names, each written twice (the wasm's import
// section and the glue's import object), cost about 2.8 KB brotli of the first load, mostly the hashes,
// which do not compress. wasm-opt's `--minify-imports-and-exports-and-modules` renames them all (and the one
// import module) and prints the mapping, which this file applies to the glue: an import is a key of the
// glue's import object, an export a property of the wasm's exports. Every renamed import must be found in the
// glue, or the build stops: a glue of another shape is never half-renamed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redigest, release, staging } from './hook.mjs';

if (!release) process.exit(0);

const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');

const wasms = readdirSync(staging).filter((name) => name.endsWith('_bg.wasm'));
if (wasms.length !== 1) throw new Error(`expected one *_bg.wasm in ${staging}, found ${wasms.length}`);
const wasmPath = join(staging, wasms[0]);
const gluePath = join(staging, wasms[0].replace(/_bg\.wasm$/, '.js'));

// The wasm features the build already names for wasm-opt (the source index.html's data-wasm-opt-params).
const source = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
const params = source.match(/data-wasm-opt-params="([^"]*)"/);
if (!params) throw new Error('index.html has no data-wasm-opt-params');
const features = params[1].split(/\s+/).filter((p) => p.startsWith('--enable-'));

// The renaming, and the custom sections no browser reads (the toolchain's names, the features already used).
const passes = ['--minify-imports-and-exports-and-modules', '--strip-producers', '--strip-target-features'];
const wasmBefore = readFileSync(wasmPath);
const glueBefore = readFileSync(gluePath, 'utf8');
const mapping = JSON.parse(
  execFileSync('wasm-opt', [...features, ...passes, wasmPath, '-o', wasmPath], {
    encoding: 'utf8',
  }),
);
const wasmAfter = readFileSync(wasmPath);

// The module the minified imports now come from (wasm-opt gives them all one short name).
const modulesBefore = new Set(mapping.imports.map(([module]) => module));
const modulesAfter = new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasmAfter)).map((i) => i.module));
if (modulesBefore.size !== 1 || modulesAfter.size !== 1) {
  throw new Error(`expected the glue as the one import module, found ${[...modulesBefore]} -> ${[...modulesAfter]}`);
}
const [moduleBefore] = modulesBefore;
const [moduleAfter] = modulesAfter;

const escaped = (name) => name.replace(/\$/g, '\\$');
// An import is a key of the (minified) import object, `name:`; an export is read as `exports.name`.
const key = (name) => new RegExp(`(?<![\\w$.])${escaped(name)}(?=:)`, 'g');
const property = (name) => new RegExp(`(?<=\\.)${escaped(name)}(?![\\w$])`, 'g');
let glue = glueBefore;
const quotedModule = JSON.stringify(moduleBefore);
if (glue.split(quotedModule).length !== 2) throw new Error(`the glue names ${quotedModule} other than once`);
glue = glue.replace(quotedModule, JSON.stringify(moduleAfter));
for (const [, from, to] of mapping.imports) {
  const re = key(from);
  if (!re.test(glue)) throw new Error(`the glue does not define the import ${from}`);
  glue = glue.replace(re, to);
}
// Exports the glue does not use (the wasm's `main`, say) have nothing to rename.
for (const [from, to] of mapping.exports) glue = glue.replace(property(from), to);
writeFileSync(gluePath, glue);

index = redigest(redigest(index, wasmBefore, wasmAfter), glueBefore, glue);
writeFileSync(indexPath, index);
console.log(
  `wasm names: ${mapping.imports.length} imports and ${mapping.exports.length} exports shortened; ` +
    `${wasms[0]}: ${wasmBefore.length} -> ${wasmAfter.length} bytes, glue: ${glueBefore.length} -> ${glue.length} bytes`,
);
