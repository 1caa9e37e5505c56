// A DNS-over-HTTPS endpoint on loopback (RFC 8484, GET with `?dns=`), backed by a real DNS server: each
// question is sent over UDP to dnsmasq (tests/e2e/dnsmasq.mjs) and its answer returned as it came. Other paths
// misbehave as real resolvers can, for the journeys that show the app copes: `/down/` drops the connection,
// `/slow/` never answers, `/huge/` sends 10 MB, `/garbage/` sends bytes that are no DNS message. Not a test
// file itself.
import http from 'node:http';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

/** The question's name in a DNS query (RFC 1035 4.1.2: labels after their lengths), or '' when there is none. */
export function questionName(query) {
  const labels = [];
  let at = 12;
  while (at < query.length && query[at] > 0) {
    labels.push(query.subarray(at + 1, at + 1 + query[at]).toString('latin1'));
    at += 1 + query[at];
  }
  return labels.join('.');
}

/** Asks the DNS server at `port` (UDP, loopback) and resolves with its answer. */
function ask(port, query) {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('the DNS server did not answer'));
    }, 3000);
    socket.on('message', (answer) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    });
    socket.send(query, port, '127.0.0.1');
  });
}

/**
 * Starts the endpoint in front of the DNS server at `dnsPort`; resolves to the server, whose `url(mode)` is a
 * resolver URL (`ok`, `down`, `slow`, `huge`, `garbage`) and `asked` every question as `{ mode, name, accept }`.
 */
export function serveDoh(dnsPort) {
  const asked = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://loopback');
    const mode = url.pathname.split('/')[1];
    const query = Buffer.from(url.searchParams.get('dns') ?? '', 'base64url');
    asked.push({ mode, name: questionName(query), accept: req.headers.accept });
    // What a public resolver sends for a page on another origin.
    const head = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/dns-message', 'Cache-Control': 'no-store' };
    if (mode === 'down') return req.socket.destroy();
    if (mode === 'slow') return;
    if (mode === 'huge') {
      res.writeHead(200, head);
      const chunk = Buffer.alloc(64 * 1024, 0xc0);
      let sent = 0;
      const more = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => (sent = Infinity));
      return more();
    }
    if (mode === 'garbage') return res.writeHead(200, head).end(randomBytes(300));
    try {
      res.writeHead(200, head).end(await ask(dnsPort, query));
    } catch {
      res.writeHead(502, head).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      server.origin = origin;
      server.url = (mode = 'ok') => `${origin}/${mode}/dns-query`;
      server.asked = asked;
      resolve(server);
    }),
  );
}
