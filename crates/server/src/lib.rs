//! The native side of mailcheck: the web server, the command line (and, growing, the probe).

pub mod cli;
pub mod serve;
