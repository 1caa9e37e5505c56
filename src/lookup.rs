//! Looking a domain up from the browser, where the page has no discovery server or it cannot be reached: the
//! Thunderbird ISPDB online for the domain, and, over DNS-over-HTTPS (RFC 8484) at the resolver the page
//! names, the domain's MX records (mapped to a provider the way the server maps them,
//! `mailcheck_engine::discover::mx`) and its SRV records (RFC 6186, `discover::srv`). Only with the person's
//! go-ahead (the offer says what is sent where), and only the domain and its mail hosts' names leave the
//! browser. The answers are merged by trust as the server merges them (`discover::merge`), so the check,
//! guides, files and share links work with the result.
//!
//! The fetches are probe.js's (bounded in time and bytes); the DNS answers are read by the engine
//! (`mailcheck_engine::dns`), the ISPDB's records checked and cleaned by `discover::accept`: what the
//! resolver or the ISPDB sends reaches the screen only through those. This module is part of the discovery's
//! piece loaded later (src/later.rs): most addresses are of a known provider and never need it.

use crate::discover::{Discovery, Online};
use mailcheck_engine::catalog::discover as texts;
use mailcheck_engine::discover::{self, accept, mx, srv, Candidate, Step};
use mailcheck_engine::dns::{self, DnsError, Kind};
use mailcheck_engine::{Database, Provider, Server, Source};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::platform::spawn_local;
use yew::UseStateHandle;

#[wasm_bindgen(module = "/src/probe.js")]
extern "C" {
    // Resolves with the answer's bytes, rejects with why (a string).
    #[wasm_bindgen(js_name = dohAsk)]
    fn doh_ask(url: &str, query: &[u8]) -> js_sys::Promise;
    // Resolves with the ISPDB's record for `domain` in the data file's format, '' when it does not know
    // `asked`; rejects with why.
    #[wasm_bindgen(js_name = ispdbAsk)]
    fn ispdb_ask(base: &str, asked: &str, domain: &str) -> js_sys::Promise;
}

/// One look-up in progress: what is shown, and what has been found so far.
struct Run {
    state: UseStateHandle<Discovery>,
    shown: RefCell<Discovery>,
    candidates: RefCell<Vec<Candidate>>,
    /// Sources still asking.
    pending: RefCell<usize>,
    online: Online,
    data: Option<Rc<Database>>,
}

/// Starts the look-up of `seen.domain` with what `online` allows, showing each answer as it arrives.
pub fn look_up(state: UseStateHandle<Discovery>, seen: Discovery, online: Online, data: Option<Rc<Database>>) {
    let mut plan = Vec::new();
    if online.ispdb.is_some() {
        plan.push(Step::Ispdb);
    }
    if online.doh.is_some() {
        plan.extend([Step::Mx, Step::Srv]);
    }
    let run = Rc::new(Run {
        shown: RefCell::new(Discovery {
            running: true,
            answered: true,
            plan: plan.clone(),
            ..seen
        }),
        state,
        candidates: RefCell::new(Vec::new()),
        pending: RefCell::new(plan.len()),
        online,
        data,
    });
    run.show();
    for step in plan {
        let run = run.clone();
        spawn_local(async move {
            match step {
                Step::Ispdb => run.ispdb().await,
                Step::Mx => run.mx().await,
                _ => run.srv().await,
            }
            run.finished();
        });
    }
}

impl Run {
    fn domain(&self) -> String {
        self.shown.borrow().domain.clone()
    }

    fn show(&self) {
        self.state.set(self.shown.borrow().clone());
    }

    fn resolver(&self) -> &str {
        texts::resolver_host(self.online.doh.as_deref().unwrap_or_default())
    }

    /// One source's answer: its step, its line, and its record when it found one.
    fn answered(&self, step: Step, id: &str, outcome: &str, detail: &str, found: Option<(Source, Provider)>) {
        let line = texts::source_line(id, &self.domain(), outcome, detail);
        {
            let mut shown = self.shown.borrow_mut();
            // A step that failed stays unanswered: "no answer", not "nothing found".
            if outcome != "failed" {
                shown.steps.push((step, outcome == "found"));
            }
            shown.lines.push(line);
        }
        if let Some((source, record)) = found {
            self.candidates.borrow_mut().push(Candidate { source, record });
        }
        self.show();
    }

    /// Asks the ISPDB for `asked` now (a future of Rust's would wait until awaited: these go out together).
    fn ispdb_send(&self, asked: &str) -> JsFuture {
        let base = self.online.ispdb.as_deref().unwrap_or_default();
        JsFuture::from(ispdb_ask(base, asked, &self.domain()))
    }

    /// The ISPDB's record for the domain, once `sent` has answered: `Ok(None)` when it does not know the name.
    async fn ispdb_record(&self, sent: JsFuture) -> Result<Option<Provider>, String> {
        let text = sent
            .await
            .map_err(|why| why.as_string().unwrap_or_default())?
            .as_string()
            .unwrap_or_default();
        if text.is_empty() {
            return Ok(None);
        }
        accept(&text, &self.domain()).map(Some).map_err(|e| e.to_string())
    }

    async fn ispdb(&self) {
        let domain = self.domain();
        match self.ispdb_record(self.ispdb_send(&domain)).await {
            Ok(Some(p)) => {
                let detail = texts::servers(&servers_of(&p));
                self.answered(Step::Ispdb, "ispdb", "found", &detail, Some((Source::Ispdb, p)));
            }
            Ok(None) => self.answered(Step::Ispdb, "ispdb", "nothing", "it does not know the domain", None),
            Err(why) => self.answered(Step::Ispdb, "ispdb", "failed", &why, None),
        }
    }

    /// One DNS question to the resolver, read by the engine: `Err(None)` when the name does not exist, else
    /// why there is no answer, in a sentence.
    async fn ask(&self, name: &str, kind: Kind) -> Result<dns::Answer, Option<String>> {
        self.answer(self.send(name, kind), name, kind).await
    }

    /// Sends one DNS question now (a future of Rust's would wait until awaited: these go out together);
    /// `None` for a name DNS cannot carry.
    fn send(&self, name: &str, kind: Kind) -> Option<JsFuture> {
        let url = self.online.doh.as_deref().unwrap_or_default();
        dns::query(name, kind).map(|query| JsFuture::from(doh_ask(url, &query)))
    }

    /// The answer to a question [`Run::send`] sent, read by the engine.
    async fn answer(&self, sent: Option<JsFuture>, name: &str, kind: Kind) -> Result<dns::Answer, Option<String>> {
        let failure = |why: &str| Some(texts::resolver_failure(why, self.resolver()));
        let sent = sent.ok_or_else(|| failure("a name DNS cannot carry"))?;
        let bytes = sent
            .await
            .map_err(|why| failure(&why.as_string().unwrap_or_default()))?;
        let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
        dns::read(&bytes, name, kind).map_err(|e| match e {
            DnsError::NoSuchName => None,
            DnsError::Failed(code) => failure(&format!("DNS error code {code}")),
            DnsError::NotTheAnswer => failure("an answer to another question"),
            DnsError::Truncated => failure("a cut-off answer"),
            DnsError::Malformed(why) => failure(&format!("not a DNS answer: {why}")),
        })
    }

    /// The MX records: their hosts in the data, else the ISPDB online for the names above the first.
    async fn mx(&self) {
        let domain = self.domain();
        let answer = match self.ask(&domain, Kind::Mx).await {
            Ok(answer) => answer,
            Err(None) => return self.answered(Step::Mx, "mx", "nothing", mx::NONE, None),
            Err(Some(why)) => return self.answered(Step::Mx, "mx", "failed", &why, None),
        };
        let hosts = match mx::hosts(answer.mx.into_iter().map(|m| m.host).collect(), answer.skipped) {
            Ok(hosts) => hosts,
            Err(why) => return self.answered(Step::Mx, "mx", "nothing", &why, None),
        };
        let first = &hosts[0];
        if let Some(known) = self.data.as_deref().and_then(|db| mx::known(db, &hosts)) {
            // Proton: its record says what to do instead; it has no servers to merge, and the ISPDB is not asked.
            if !known.provider.offers_mail_apps() {
                {
                    let mut shown = self.shown.borrow_mut();
                    shown.no_mail_apps = Some(Rc::new(known.provider.clone()));
                    shown.caution = Some(texts::mx_without_servers(
                        &domain,
                        &known.provider.name,
                        Some(self.resolver()),
                    ));
                }
                return self.answered(Step::Mx, "mx", "nothing", &known.detail(), None);
            }
            let found = (Source::Mx(known.provider.name.clone()), known.provider.clone());
            return self.answered(Step::Mx, "mx", "found", &known.detail(), Some(found));
        }
        let names = mx::ispdb_names(first, &domain);
        if names.is_empty() || self.online.ispdb.is_none() {
            let detail = match names.is_empty() {
                true => texts::mx_own(first),
                false => texts::mx_ispdb_off(first),
            };
            return self.answered(Step::Mx, "mx", "nothing", &detail, None);
        }
        // Asked together; the longest name the ISPDB knows wins, as the data's longest known name does.
        let asked: Vec<JsFuture> = names.iter().map(|n| self.ispdb_send(n)).collect();
        let mut found = None;
        for (name, sent) in names.iter().zip(asked) {
            if let Ok(Some(p)) = self.ispdb_record(sent).await {
                found = Some((*name, p));
            }
        }
        match found {
            Some((under, p)) => {
                let detail = texts::mx_in_ispdb(&p.name, first, under);
                self.answered(Step::Mx, "mx", "found", &detail, Some((Source::Mx(p.name.clone()), p)));
            }
            None => {
                let detail = texts::mx_unknown(first, &names.join(", "));
                self.answered(Step::Mx, "mx", "nothing", &detail, None);
            }
        }
    }

    /// The six SRV names, asked together.
    async fn srv(&self) {
        let domain = self.domain();
        let names = srv::SERVICES.map(|s| format!("{}.{domain}", s.name));
        let sent: Vec<Option<JsFuture>> = names.iter().map(|n| self.send(n, Kind::Srv)).collect();
        let mut answers: [srv::Answer; 6] = std::array::from_fn(|_| srv::Answer::None);
        for ((answer, sent), name) in answers.iter_mut().zip(sent).zip(&names) {
            *answer = match self.answer(sent, name, Kind::Srv).await {
                Ok(a) => srv::Answer::Targets(a.srv.into_iter().map(|s| (s.target, s.port)).collect()),
                // A name without records is what most domains answer for most of these.
                Err(None) => srv::Answer::None,
                Err(Some(why)) => srv::Answer::Failed(why),
            };
        }
        let found = srv::read(&domain, answers);
        let record = (!found.servers().is_empty()).then(|| (Source::Srv, found.provider.clone()));
        self.answered(Step::Srv, "srv", found.outcome, &found.detail, record);
    }

    /// A source has answered; after the last, the merge by trust and the closing sentence.
    fn finished(&self) {
        let left = {
            let mut pending = self.pending.borrow_mut();
            *pending -= 1;
            *pending
        };
        if left > 0 {
            return;
        }
        let domain = self.domain();
        let candidates = std::mem::take(&mut *self.candidates.borrow_mut());
        let by_dns = candidates
            .iter()
            .any(|c| matches!(c.source, Source::Mx(_) | Source::Srv));
        let merged = discover::merge(&domain, &today(), candidates);
        {
            let mut shown = self.shown.borrow_mut();
            shown.running = false;
            shown.summary = Some(texts::summary(&domain, merged.is_some()));
            if let Some(m) = merged {
                shown
                    .lines
                    .extend(m.servers.iter().map(|a| texts::agreement(&a.server, &a.sources)));
                shown
                    .lines
                    .extend(m.others.iter().map(|o| texts::other(&o.source, &o.server)));
                if by_dns {
                    shown.caution = Some(texts::as_resolver_answered(self.resolver(), self.online.probe));
                }
                shown.provider = Some(Rc::new(m.provider));
            }
        }
        self.show();
    }
}

fn servers_of(p: &Provider) -> Vec<Server> {
    p.incoming.iter().chain(&p.outgoing).cloned().collect()
}

/// Today, `YYYY-MM-DD`, by the browser's clock: the day the settings were found.
fn today() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
        .get(..10)
        .unwrap_or_default()
        .to_owned()
}
