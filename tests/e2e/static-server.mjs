// A plain static file server for dist/, as any static host would be: files only, no fallback, no server
// logic, under a sub-path. It sends the headers the README's "Deploy" section asks a host to set, so the
// tests also show that those instructions are enough. Not a test file itself.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built app: `cargo xtask test` builds it into dist/; MAILCHECK_DIST points elsewhere. */
export const DIST = process.env.MAILCHECK_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Security-Policy the README gives for a static host (no probe on another origin; the ISPDB,
 * which the browser asks where there is no server). */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self' https://autoconfig.thunderbird.net https://dns.google; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Whether a file name carries Trunk's content hash (`name-<hash>.ext`, the wasm `name-<hash>_bg.wasm`; the
 * hash is 64 bits in hex without leading zeros). */
const hashed = (path) => /-[0-9a-f]{12,16}(_bg)?\.[a-z]+$/.test(path);

/**
 * Serves `dist` under `prefix` (e.g. `/help/mail/`) on a free loopback port, with `csp` as the policy
 * (`cors: false` leaves out the header the widget needs, as a host that was not told would), and `page` to
 * edit index.html as a site owner would (its meta tags);
 * resolves to the server, whose `url` is the app's address and `requests` every path asked for. While
 * `server.down` is true it drops every connection unanswered, as a host does that cannot be reached.
 */
export function serveStatic({ dist = DIST, prefix = '/', csp = CSP, cors = true, page = (html) => html } = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    if (server.down) return req.socket.destroy();
    const path = decodeURIComponent(new URL(req.url, 'http://host').pathname);
    requests.push(path);
    if (`${path}/` === prefix) return res.writeHead(301, { Location: prefix }).end();
    const inside = path.startsWith(prefix) ? path.slice(prefix.length) || 'index.html' : null;
    const file = inside === null ? null : normalize(join(dist, inside));
    if (!file || !file.startsWith(normalize(dist) + (dist.endsWith(sep) ? '' : sep))) {
      return res.writeHead(404).end('not found');
    }
    try {
      const read = await readFile(file);
      const body = extname(file) === '.html' ? page(read.toString('utf8')) : read;
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': hashed(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // For the widget on other sites' pages: it imports the app's modules and fetches its files from here.
        ...(cors && { 'Access-Control-Allow-Origin': '*' }),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      server.url = `http://127.0.0.1:${server.address().port}${prefix}`;
      server.requests = requests;
      resolve(server);
    }),
  );
}
