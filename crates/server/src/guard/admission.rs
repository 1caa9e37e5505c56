//! Who may start a probe or a discovery, and how often: rate limits per client, per target address and per
//! domain (GCRA, from `governor`) and a cap on runs in flight. A refusal says how long to wait (the
//! `Retry-After` header).

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The key an address is limited by: an IPv4 address itself, an IPv6 address by its /64 (one subscriber
/// usually has a whole /64, so single addresses would be free to rotate). Mapped IPv4 counts as IPv4.
pub fn key(ip: IpAddr) -> IpAddr {
    match super::deny::canonical(ip) {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & (u128::MAX << 64)).into()),
        v4 => v4,
    }
}

/// A rate limit per key (an address by default): `burst` runs at once, then one every `period`.
pub struct RateLimit<K: Hash + Eq + Clone = IpAddr> {
    limiter: DefaultKeyedRateLimiter<K>,
    clock: DefaultClock,
}

/// Keys kept before forgetting those that are back to a fresh state (bounds memory under a flood of
/// distinct clients).
const MAX_KEYS: usize = 10_000;

impl<K: Hash + Eq + Clone> RateLimit<K> {
    /// `None` if `period` is zero.
    pub fn new(burst: NonZeroU32, period: Duration) -> Option<RateLimit<K>> {
        let quota = Quota::with_period(period)?.allow_burst(burst);
        Some(RateLimit {
            limiter: DefaultKeyedRateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        })
    }

    /// `n` a minute per key, all of which may come at once: what every `--…-per-…` flag of `serve` means.
    pub fn per_minute(n: NonZeroU32) -> RateLimit<K> {
        // 60 s divided by a non-zero count is never zero (at most 60 000 a minute gives 1 ms).
        let Some(limit) = RateLimit::new(n, Duration::from_secs(60) / n.get()) else {
            unreachable!("a per-minute quota with a non-zero count always has a non-zero period")
        };
        limit
    }

    /// Counts one run for `key`; `Err(wait)` if it is over its limit.
    pub fn check_key(&self, key: &K) -> Result<(), Duration> {
        if self.limiter.len() > MAX_KEYS {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

impl RateLimit {
    /// Counts one run for `ip`'s [`key`]; `Err(wait)` if it is over its limit.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        self.check_key(&key(ip))
    }
}

impl<K: Hash + Eq + Clone> std::fmt::Debug for RateLimit<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RateLimit {{ {} keys }}", self.limiter.len())
    }
}

/// The global cap on probes (or discoveries) in flight. A slot is held for the whole run and freed when it
/// ends or is cancelled (the slot is dropped with the run's task); the slots held are the gauge `gauge`.
#[derive(Clone, Debug)]
pub struct InFlight {
    slots: Arc<Semaphore>,
    gauge: &'static str,
}

impl InFlight {
    pub fn new(max: usize, gauge: &'static str) -> InFlight {
        InFlight {
            slots: Arc::new(Semaphore::new(max)),
            gauge,
        }
    }

    /// A slot now, or `None` at once when all are taken (no queueing).
    pub fn try_acquire(&self) -> Option<Slot> {
        let permit = self.slots.clone().try_acquire_owned().ok()?;
        metrics::gauge!(self.gauge).increment(1.0);
        Some(Slot {
            _permit: permit,
            gauge: self.gauge,
        })
    }
}

/// One slot of an [`InFlight`], counted in its gauge until dropped.
pub struct Slot {
    _permit: OwnedSemaphorePermit,
    gauge: &'static str,
}

impl Drop for Slot {
    fn drop(&mut self) {
        metrics::gauge!(self.gauge).decrement(1.0);
    }
}

/// Whole seconds to announce in `Retry-After` (rounded up, at least 1).
pub fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_grouped_by_their_64() {
        assert_eq!(key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")), ip("2001:db8:1:2::"));
        assert_ne!(key(ip("2001:db8:1:3::1")), ip("2001:db8:1:2::"));
        assert_eq!(key(ip("192.0.2.7")), ip("192.0.2.7"));
        assert_eq!(key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
    }

    #[test]
    fn a_burst_is_allowed_then_refused_with_a_wait() {
        let limit = RateLimit::new(NonZeroU32::new(2).unwrap(), Duration::from_secs(30)).unwrap();
        assert!(limit.check(ip("192.0.2.1")).is_ok());
        assert!(limit.check(ip("192.0.2.1")).is_ok());
        let wait = limit.check(ip("192.0.2.1")).unwrap_err();
        assert!(
            wait > Duration::from_secs(25) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        // Another client, and another address in the same /64 shares the limit.
        assert!(limit.check(ip("192.0.2.2")).is_ok());
        assert!(limit.check(ip("2001:db8::1")).is_ok());
        assert!(limit.check(ip("2001:db8::2")).is_ok());
        assert!(limit.check(ip("2001:db8::3")).is_err());
    }

    #[test]
    fn a_per_minute_limit_counts_each_key_apart() {
        let domains = RateLimit::<String>::per_minute(NonZeroU32::new(1).unwrap());
        assert!(domains.check_key(&"example.org".into()).is_ok());
        let wait = domains.check_key(&"example.org".into()).unwrap_err();
        assert!(
            wait > Duration::from_secs(55) && wait <= Duration::from_secs(60),
            "{wait:?}"
        );
        assert!(domains.check_key(&"example.net".into()).is_ok());
    }

    #[test]
    fn the_cap_refuses_at_once_and_frees_slots_on_drop() {
        let cap = InFlight::new(2, "test_in_flight");
        let a = cap.try_acquire().unwrap();
        let _b = cap.try_acquire().unwrap();
        assert!(cap.try_acquire().is_none());
        drop(a);
        assert!(cap.try_acquire().is_some());
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(10)), 1);
        assert_eq!(retry_after_secs(Duration::from_secs(2)), 2);
        assert_eq!(retry_after_secs(Duration::from_millis(2001)), 3);
    }
}
