//! Who may start a probe, and how often: per-client and per-target rate limits (GCRA, from `governor`)
//! and a cap on probes in flight. A refusal says how long to wait (the `Retry-After` header).

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
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

/// A rate limit per key: `burst` probes at once, then one every `period`.
pub struct RateLimit {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

/// Keys kept before forgetting those that are back to a fresh state (bounds memory under a flood of
/// distinct clients).
const MAX_KEYS: usize = 10_000;

impl RateLimit {
    /// `None` if `period` is zero.
    pub fn new(burst: NonZeroU32, period: Duration) -> Option<RateLimit> {
        let quota = Quota::with_period(period)?.allow_burst(burst);
        Some(RateLimit {
            limiter: DefaultKeyedRateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        })
    }

    /// Counts one probe for `ip`'s key; `Err(wait)` if it is over its limit.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        if self.limiter.len() > MAX_KEYS {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(&key(ip))
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

impl std::fmt::Debug for RateLimit {
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
