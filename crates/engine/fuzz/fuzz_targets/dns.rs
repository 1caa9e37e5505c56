//! The DNS-over-HTTPS answer reader on arbitrary bytes, as the resolver's answer to an MX and to an SRV
//! query: records, counted skips or an error, never a panic, and only host names in what it returns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailcheck_engine::client_config::is_domain_name;
use mailcheck_engine::dns::{read, Kind};

fuzz_target!(|data: &[u8]| {
    if let Ok(answer) = read(data, "example.com", Kind::Mx) {
        assert!(answer.mx.iter().all(|mx| is_domain_name(&mx.host)));
        assert!(answer.mx.len() + answer.srv.len() <= 64 && answer.srv.is_empty());
    }
    if let Ok(answer) = read(data, "_imaps._tcp.example.com", Kind::Srv) {
        assert!(answer.srv.iter().all(|srv| srv.target.is_empty() || is_domain_name(&srv.target)));
        assert!(answer.srv.len() <= 64 && answer.mx.is_empty());
    }
});
