//! The probe: real reachability tests of IMAP, POP3 and SMTP servers, safe to expose on the internet.
//!
//! [`run`] takes a [`Request`] and returns a [`Report`]: every step with its outcome and timing, findings
//! with stable `probe.*` codes (explained by `mailcheck_engine::catalog::probe`), and a verdict. It never
//! sends AUTH, MAIL, RCPT or DATA, never asks for a password, and only connects to public addresses on mail
//! ports unless told otherwise ([`Config`]). `api` serves it as `POST /api/probe`.

pub mod api;
mod dialogue;
mod imap;
pub mod limits;
mod pop3;
pub mod report;
mod run;
mod smtp;
pub mod tls;
mod wire;

pub use limits::Limits;
pub use report::{Code, Event, Finding, Outcome, Report, Request, Step, StepName, Verdict};
pub use run::{run, Config};
