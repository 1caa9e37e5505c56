// Trunk post_build hook (Trunk.toml), after precache.mjs: minifies the JavaScript of the build with terser
// and updates each file's sha384 integrity digest in index.html to match.
//
// Trunk's own minifier cannot read wasm-bindgen's glue (it gives up on `export default`), so the glue, the
// app's largest file after the wasm, would ship with all its white space and comments; minified it is about
// 2 KB smaller in brotli, which the size budget (size-budget.toml) needs. Only white space, comments and local
// names change: wasm-bindgen's import names are object keys, which terser leaves alone.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR)');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
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
  if (index.includes(integrity(before))) index = index.replace(integrity(before), integrity(code));
  console.log(`minified ${name}: ${before.length} -> ${code.length} bytes`);
}
writeFileSync(indexPath, index);
