// Streams one probe's NDJSON answer as events of four strings. What and why: src/probe.rs (this file is
// shipped as it is, so its comments stay short).
export function probeStream(url, body, onEvent) {
  const send = (kind, a = '', b = '', c = '') => onEvent(kind, String(a), String(b), String(c));
  const line = (text) => {
    let v;
    try { v = JSON.parse(text); } catch { return false; }
    if (v.type === 'step') send('step', v.name, v.outcome, v.ms ?? 0);
    if (v.type !== 'report') return false;
    for (const f of v.findings ?? []) send('finding', f.code, f.severity, [f.title, f.why, f.fix].join('\u0000'));
    send('verdict', v.verdict);
    return true;
  };
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
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
      let reported = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        pending += decoder.decode(value, { stream: true });
        let end;
        while ((end = pending.indexOf('\n')) >= 0) {
          reported = line(pending.slice(0, end)) || reported;
          pending = pending.slice(end + 1);
        }
      }
      send('end', reported ? 'complete' : 'interrupted');
    })
    .catch(() => send('end', 'unreachable'));
}
