// Trunk post_build hook (Trunk.toml), after precache.mjs: minifies the JavaScript of the build with terser
// and updates each file's sha384 integrity digest in index.html to match.
//
// Trunk's own minifier cannot read wasm-bindgen's glue (it gives up on `export default`), so the glue, the
// app's largest file after the wasm, would ship with all its white space and comments; minified it is about
// 2 KB smaller in brotli, which the size budget (size-budget.toml) needs. Only white space, comments and local
// names change: wasm-bindgen's import names are object keys, which terser leaves alone.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { minify } from 'terser';
import { redigest, release, staging } from './hook.mjs';

if (!release) process.exit(0);

const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');

const scripts = readdirSync(staging, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
for (const path of scripts) {
  const before = readFileSync(path);
  const { code } = await minify(before.toString('utf8'), { module: true, ecma: 2020, compress: true, mangle: true });
  writeFileSync(path, code);
  const name = relative(staging, path).split(sep).join('/');
  index = redigest(index, before, code);
  console.log(`minified ${name}: ${before.length} -> ${code.length} bytes`);
}
writeFileSync(indexPath, index);
