// Trunk post_build hook (Trunk.toml), after minify.mjs: shortens the names by which the main wasm imports its
// wasm-bindgen glue's functions, in both files, drops the custom sections no browser reads, and updates their
// sha384 integrity digests in index.html.
//
// wasm-bindgen names every import after its function plus a 16-digit hash (`__wbg_addEventListener_f2d2…`);
// over a hundred such names, each written twice (the wasm's import section and the glue's import object),
// cost about 2.8 KB brotli of the first load, mostly the hashes, which do not compress. Only the glue's
// imports are renamed: the main wasm also imports the split chunks' loaders from the link module
// (xtask/src/split.rs), whose export names are its own, and the chunks import the main module's exports by
// name, so exports keep theirs. Every renamed import must be found in the glue, or the build stops: a glue of
// another shape is never half-renamed.
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
// wasm-bindgen names the glue's import module after the wasm: `./<name>_bg.js`.
const glueModule = `./${wasms[0].replace(/\.wasm$/, '.js')}`;

const wasmBefore = readFileSync(wasmPath);
const glueBefore = readFileSync(gluePath, 'utf8');
// The link module (xtask/src/split.rs) hands the main module's exports to the chunks by name: those keep it.
const links = readdirSync(staging).filter((n) => /-split-[0-9a-f]+\.js$/.test(n));
if (links.length !== 1) throw new Error(`expected one link module (*-split-<id>.js) in ${staging}, found ${links.length}`);
const linkText = readFileSync(join(staging, links[0]), 'utf8');
const shared = (n) => new RegExp(`(?<![\\w$])${n.replace(/\$/g, '\\$')}(?![\\w$])`).test(linkText);

/** An unsigned LEB128 number at `at`: [its value, where it ends]. */
const leb = (bytes, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
};
const encode = (value) => {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
};
// The wasm's sections as [id, bytes of the body], after the 8-byte header.
const sections = [];
for (let at = 8; at < wasmBefore.length; ) {
  const id = wasmBefore[at];
  const [size, body] = leb(wasmBefore, at + 1);
  sections.push([id, wasmBefore.subarray(body, body + size)]);
  at = body + size;
}
const utf8 = new TextDecoder();
const text = new TextEncoder();
const string = (bytes, at) => {
  const [length, start] = leb(bytes, at);
  return [utf8.decode(bytes.subarray(start, start + length)), start + length];
};
const name = (value) => {
  const bytes = text.encode(value);
  return [...encode(bytes.length), ...bytes];
};

// Short names: a, b, …, z, A, …, aa, ab, …
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const short = (n) => (n < letters.length ? letters[n] : short(Math.floor(n / letters.length) - 1) + letters[n % letters.length]);

/**
 * A section that is a vector of entries (imports, exports), each entry rewritten by `entry(at)`, which returns
 * the new entry's bytes and where the old one ends.
 */
const rewritten = (body, entry) => {
  const [count, first] = leb(body, 0);
  const out = [...encode(count)];
  let at = first;
  for (let i = 0; i < count; i++) {
    const [bytes, end] = entry(at);
    out.push(...bytes);
    at = end;
  }
  return Uint8Array.from(out);
};

const renamed = [];
const exported = [];
/** An import: the glue's get a short name and module `a`; the link module's keep theirs. */
const importEntry = (body) => (at) => {
  const [module, afterModule] = string(body, at);
  const [field, afterField] = string(body, afterModule);
  // The description's length depends on its kind; copy it as it is, up to the next entry.
  const kind = body[afterField];
  let end;
  if (kind === 0) end = leb(body, afterField + 1)[1];
  else if (kind === 1) end = tableEnd(body, afterField + 1);
  else if (kind === 2) end = limitsEnd(body, afterField + 1);
  else if (kind === 3) end = afterField + 3;
  else throw new Error(`an import of kind ${kind}, which this file cannot read`);
  const ours = module === glueModule;
  const to = ours ? short(renamed.length) : field;
  if (ours) renamed.push([field, to]);
  return [[...name(ours ? 'a' : module), ...name(to), ...body.subarray(afterField, end)], end];
};
/** An export: a short name unless the link module names it. */
const exportEntry = (body) => (at) => {
  const [field, afterField] = string(body, at);
  const end = leb(body, afterField + 1)[1];
  const to = shared(field) ? field : `_${short(exported.length)}`;
  if (to !== field) exported.push([field, to]);
  return [[...name(to), ...body.subarray(afterField, end)], end];
};
const out = [wasmBefore.subarray(0, 8)];
for (const [id, body] of sections) {
  // Custom sections (names, producers, target features) are for tools, not browsers.
  if (id === 0) continue;
  const content = id === 2 ? rewritten(body, importEntry(body)) : id === 7 ? rewritten(body, exportEntry(body)) : body;
  out.push(Uint8Array.from([id, ...encode(content.length)]), content);
}
/** Where a table type ends: reference type, then limits. */
function tableEnd(body, at) {
  return limitsEnd(body, at + 1);
}
/** Where limits end: a flag, the minimum, and the maximum when the flag says there is one. */
function limitsEnd(body, at) {
  const flag = body[at];
  let end = leb(body, at + 1)[1];
  if (flag & 1) end = leb(body, end)[1];
  return end;
}
if (!renamed.length) throw new Error(`the main wasm imports nothing from ${glueModule}`);
const wasmAfter = Buffer.concat(out);
new WebAssembly.Module(wasmAfter);

const escaped = (n) => n.replace(/\$/g, '\\$');
// An import is a key of the (minified) import object, `name:`.
const key = (n) => new RegExp(`(?<![\\w$.])${escaped(n)}(?=:)`, 'g');
let glue = glueBefore;
const quotedModule = JSON.stringify(glueModule);
if (glue.split(quotedModule).length !== 2) throw new Error(`the glue names ${quotedModule} other than once`);
glue = glue.replace(quotedModule, '"a"');
for (const [from, to] of renamed) {
  const re = key(from);
  if (!re.test(glue)) throw new Error(`the glue does not define the import ${from}`);
  glue = glue.replace(re, to);
}
// An export is read as `exports.name`; exports the glue does not use (the wasm's `main`, say) have nothing to
// rename.
const property = (n) => new RegExp(`(?<=\\.)${escaped(n)}(?![\\w$])`, 'g');
for (const [from, to] of exported) glue = glue.replace(property(from), to);
writeFileSync(wasmPath, wasmAfter);
writeFileSync(gluePath, glue);

index = redigest(redigest(index, wasmBefore, wasmAfter), glueBefore, glue);
writeFileSync(indexPath, index);
console.log(
  `wasm names: ${renamed.length} imports and ${exported.length} exports shortened; ` +
    `${wasms[0]}: ${wasmBefore.length} -> ${wasmAfter.length} bytes, glue: ${glueBefore.length} -> ${glue.length} bytes`,
);
