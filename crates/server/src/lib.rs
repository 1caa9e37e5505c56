//! The native side of mailcheck: the web server, the command line, and the probe.

pub mod cli;
pub mod discover;
pub mod dns;
pub mod guard;
pub mod log;
pub mod probe;
pub mod serve;
