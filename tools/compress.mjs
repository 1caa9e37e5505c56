// Trunk post_build hook (Trunk.toml), last: writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip,
// level 9) beside every text and wasm file of a release build, for servers that send precompressed files
// (`mailcheck serve` does, with tower-http's ServeDir; see the README's Deploy section). It runs over
// whatever is in the build by file type, so files added by other steps are covered too. A variant that
// would not be smaller is not written. Debug builds are left alone: their wasm is large and nobody ships it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR)');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

/** File types worth compressing: text of any kind, and wasm. Images (PNG) are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt', '.xml', '.toml', '.map']);

const files = readdirSync(staging, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && COMPRESSIBLE.has(extname(entry.name)))
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
let raw = 0;
let br = 0;
for (const path of files) {
  const data = readFileSync(path);
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_MODE]: extname(path) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = gzipSync(data, { level: 9 });
  if (brotli.length < data.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < data.length) writeFileSync(`${path}.gz`, gzip);
  raw += data.length;
  br += Math.min(brotli.length, data.length);
}
console.log(`precompressed ${files.length} files: ${(raw / 1024).toFixed(1)} KiB -> ${(br / 1024).toFixed(1)} KiB brotli`);
