// Trunk post_build hook (Trunk.toml), first: gives the provider data file (crates/engine/data/knowledge.txt,
// copied into the build by index.html) a name with its content hash, so it can be cached for good like
// Trunk's hashed files, and writes that name and its sha384 digest into index.html's
// <meta name="mailcheck-data">, where static/start.js and tools/widget.mjs read them. The app fetches the
// file after its first paint; the service worker (tools/precache.mjs, next) caches it for offline use.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR)');

const plain = join(staging, 'knowledge.txt');
const data = readFileSync(plain);
const name = `knowledge-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.txt`;
const integrity = `sha384-${createHash('sha384').update(data).digest('base64')}`;
renameSync(plain, join(staging, name));

const indexPath = join(staging, 'index.html');
const index = readFileSync(indexPath, 'utf8');
// Trunk minifies index.html in release builds: attributes may be unquoted and in another order.
const tags = [...index.matchAll(/<meta\b[^>]*>/gi)].map(([tag]) => tag);
const tag = tags.find((t) => /\bname=["']?mailcheck-data["'\s>/]/.test(t) && /\bcontent=["']?knowledge\.txt["'\s>/]/.test(t));
if (!tag) throw new Error('index.html lost its <meta name="mailcheck-data" content="knowledge.txt">');
writeFileSync(indexPath, index.replace(tag, `<meta name="mailcheck-data" content="${name}" data-integrity="${integrity}">`));
console.log(`provider data: ${name}, ${data.length} bytes`);
