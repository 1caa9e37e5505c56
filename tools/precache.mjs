// Trunk post_build hook (Trunk.toml): writes the service worker, static/sw.js, into the build with the list of
// files to cache (every file Trunk staged, by its hashed name) and a version derived from their contents, so
// each build that changes anything has a new service worker and the browser offers the update.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR;
if (!staging || !source) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR, TRUNK_SOURCE_DIR)');

const files = readdirSync(staging, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(staging, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
  .filter((name) => name !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const name of files) hash.update(`${name}\0`).update(readFileSync(join(staging, name)));
const version = hash.digest('hex').slice(0, 16);

const template = readFileSync(join(source, 'static', 'sw.js'), 'utf8');
const filled = template
  .replace(/^const VERSION = .*;$/m, `const VERSION = '${version}';`)
  .replace(/^const FILES = \[\];$/m, `const FILES = ${JSON.stringify(files)};`);
if (!filled.includes(version) || filled.includes('const FILES = [];')) throw new Error('static/sw.js lost its VERSION or FILES line');
// Comments dropped: the service worker is fetched on every visit, and every byte of dist/ counts.
const code = filled.replace(/^\s*\/\/.*\n/gm, '');
writeFileSync(join(staging, 'sw.js'), code);
console.log(`service worker ${version}: ${files.length} files to cache`);
