//! The native side of mailcheck: the web server (and, growing, the probe and the CLI's commands).

pub mod serve;
