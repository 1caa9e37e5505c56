// Streams an NDJSON answer (the probe's, discovery's) as events of strings, and asks the Thunderbird ISPDB
// from the browser. What and why: src/probe.rs and src/discover.rs (this file is shipped as it is, so its
// comments stay short).
function stream(url, body, onEvent, line, signal) {
  const send = (kind, a = '', b = '', c = '') => signal?.aborted || onEvent(kind, String(a), String(b), String(c));
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal })
    .then(async (res) => {
      if (!res.ok) {
        const refusal = await res.json().catch(() => ({}));
        if (!refusal.error) return send('end', 'unreachable');
        send('refused', refusal.message ?? refusal.error, refusal.retry_after ?? '');
        return send('end', 'complete');
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let pending = '';
      let done = false;
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        pending += decoder.decode(chunk.value, { stream: true });
        let end;
        while ((end = pending.indexOf('\n')) >= 0) {
          let v;
          try { v = JSON.parse(pending.slice(0, end)); } catch { v = {}; }
          done = line(v, send) || done;
          pending = pending.slice(end + 1);
        }
      }
      send('end', done ? 'complete' : 'interrupted');
    })
    .catch(() => send('end', 'unreachable'));
}

export function probeStream(url, body, onEvent) {
  stream(url, body, onEvent, (v, send) => {
    if (v.type === 'step') send('step', v.name, v.outcome, v.ms ?? 0);
    if (v.type !== 'report') return false;
    for (const f of v.findings ?? []) send('finding', f.code, f.severity, [f.title, f.why, f.fix].join('\u0000'));
    send('verdict', v.verdict);
    return true;
  });
}

// Discovery's events: ("line", text) for each source's sentence and each server's, ("summary", the outcome in
// a sentence), ("refused", why), ("record", the record in the data file's line format), ("end", "complete" |
// "interrupted" | "unreachable"). It starts after `wait` ms (not for every
// letter typed); the function returned stops it, and it calls back no more.
export function discoverStream(url, address, onEvent, wait) {
  const stop = new AbortController();
  const timer = setTimeout(() => stream(url, JSON.stringify({ address }), onEvent, (v, send) => {
    if (v.type === 'source') {
      send('step', `${v.source} ${v.outcome}`);
      send('line', v.text);
    }
    if (v.type !== 'result') return false;
    send('summary', v.summary);
    if (v.no_mail_apps?.id) send('no-mail-apps', v.no_mail_apps.id);
    for (const s of [...(v.servers ?? []), ...(v.others ?? [])]) send('line', s.text);
    send('record', v.record ?? '');
    return true;
  }, stop.signal), wait);
  return () => {
    clearTimeout(timer);
    stop.abort();
  };
}

// Reads at most `max` bytes of a response's body; rejects with 'too large' past them.
async function bounded(res, max) {
  const reader = res.body.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      reader.cancel().catch(() => {});
      throw 'too large';
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

// Why a fetch failed, in the words src/lookup.rs expects: 'timeout', 'too large', 'status <n>', 'unreachable'.
const why = (e) => (typeof e === 'string' ? e : e?.name === 'TimeoutError' ? 'timeout' : 'unreachable');

// One DNS question over HTTPS (RFC 8484: GET with the query in `dns`, base64url without padding): resolves
// with the answer's bytes (at most 65535, a DNS message's largest), rejects with why.
export function dohAsk(url, query) {
  const dns = btoa(String.fromCharCode(...query)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const at = new URL(url, document.baseURI);
  at.searchParams.set('dns', dns);
  const signal = AbortSignal.timeout(5000);
  return fetch(at, { headers: { Accept: 'application/dns-message' }, credentials: 'omit', signal })
    .then((res) => {
      if (!res.ok) throw `status ${res.status}`;
      return bounded(res, 65535);
    })
    .catch((e) => Promise.reject(why(e)));
}

// The Thunderbird ISPDB online, asked for `asked` only: resolves with its record for `domain` in the data
// file's line format (the engine checks and cleans it: `discover::accept`), or '' when the ISPDB does not know
// `asked`; rejects with why. The XML is read with the browser's DOMParser; the name's tabs and line breaks
// would end its field or line, so they become spaces here; all else the engine decides.
export function ispdbAsk(base, asked, domain) {
  const signal = AbortSignal.timeout(5000);
  return fetch(base + asked, { signal, credentials: 'omit' })
    .then(async (res) => {
      if (res.status === 404) return '';
      if (!res.ok) throw `status ${res.status}`;
      const text = new TextDecoder().decode(await bounded(res, 65536));
      const p = new DOMParser().parseFromString(text, 'text/xml').querySelector('clientConfig>emailProvider');
      if (!p) throw 'not an autoconfig document';
      const get = (n, tag) => n.querySelector(tag)?.textContent.trim() ?? '';
      const auth = { 'password-cleartext': 'password', plain: 'password', 'password-encrypted': 'encrypted-password', secure: 'encrypted-password', oauth2: 'oauth2', none: 'none' };
      const lines = ['mailcheck-providers\t1', `P\tdiscovered-${domain.replaceAll('.', '-')}\t${(get(p, 'displayName') || asked).replace(/[\t\n\r]+/g, ' ')}`, `V\t${domain}\t${new Date().toISOString().slice(0, 10)}\tispdb`, `D\t${domain}`];
      for (const s of p.querySelectorAll('incomingServer,outgoingServer')) {
        const methods = [...new Set([...s.querySelectorAll('authentication')].map((a) => auth[a.textContent.trim().toLowerCase()]))].filter(Boolean).join();
        const fields = [
          s.tagName === 'incomingServer' ? 'in' : 'out',
          s.getAttribute('type'),
          get(s, 'hostname').replaceAll('%EMAILDOMAIN%', domain).toLowerCase(),
          get(s, 'port'),
          { ssl: 'tls', tls: 'tls', starttls: 'starttls', plain: 'none' }[get(s, 'socketType').toLowerCase()],
          get(s, 'username') || (methods === 'none' ? '%EMAILADDRESS%' : ''),
          methods,
          '-',
        ];
        if (fields.every((f) => f && !/[\t\n\r]/.test(f))) lines.push(`S\t${fields.join('\t')}`);
      }
      return lines.join('\n') + '\n';
    })
    .catch((e) => Promise.reject(why(e)));
}
