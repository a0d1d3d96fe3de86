//! Failed sign-ins slow down whoever keeps guessing: per login, so one
//! account cannot be brute-forced from many addresses, and per client
//! address, so one client cannot try every login.
//!
//! The first few failures cost nothing (people mistype); after that each
//! failure doubles the wait, up to a quarter of an hour. A success clears the
//! login's count. The counts live in memory: a restart forgives everyone, which
//! costs an attacker a restart they cannot cause.

use std::{
    collections::HashMap,
    hash::Hash,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

/// The longest wait.
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// Failures forgiven before waits start, per login.
const FREE_PER_LOGIN: u32 = 5;
/// Per address: higher, since a branch office's gestores share one address.
const FREE_PER_ADDRESS: u32 = 20;
/// Entries kept before the expired ones are swept, so guessing many logins
/// cannot grow memory without bound.
const SWEEP_AT: usize = 10_000;

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    /// No attempt is looked at before this.
    until: Instant,
    /// Forgotten after this.
    forget_at: Instant,
}

struct Counter<K> {
    free: u32,
    entries: HashMap<K, Failures>,
}

impl<K: Hash + Eq> Counter<K> {
    fn new(free: u32) -> Self {
        Self { free, entries: HashMap::new() }
    }

    fn wait(&self, key: &K, now: Instant) -> Option<Duration> {
        self.entries.get(key).and_then(|f| f.until.checked_duration_since(now)).filter(|d| !d.is_zero())
    }

    fn fail(&mut self, key: K, now: Instant) {
        if self.entries.len() >= SWEEP_AT {
            self.entries.retain(|_, f| f.forget_at > now);
        }
        let count = self.entries.get(&key).filter(|f| f.forget_at > now).map_or(0, |f| f.count) + 1;
        let wait = match count.checked_sub(self.free) {
            None | Some(0) => Duration::ZERO,
            Some(over) => Duration::from_secs(1u64 << over.min(10)).min(MAX_WAIT),
        };
        self.entries.insert(key, Failures { count, until: now + wait, forget_at: now + wait + MAX_WAIT });
    }
}

/// The failure counts of the whole server.
pub struct Throttle {
    logins: Mutex<Counter<String>>,
    addresses: Mutex<Counter<IpAddr>>,
}

impl Default for Throttle {
    fn default() -> Self {
        Self { logins: Mutex::new(Counter::new(FREE_PER_LOGIN)), addresses: Mutex::new(Counter::new(FREE_PER_ADDRESS)) }
    }
}

// The locks are held for a map lookup only, never across an await, so a std
// Mutex is right (and a poisoned one still holds valid counts).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Throttle {
    /// How long `login` from `address` must still wait, if at all.
    pub fn wait(&self, login: &str, address: IpAddr) -> Option<Duration> {
        let now = Instant::now();
        let by_login = lock(&self.logins).wait(&login.to_lowercase(), now);
        let by_address = lock(&self.addresses).wait(&network(address), now);
        by_login.max(by_address)
    }

    /// Counts a failed attempt.
    pub fn fail(&self, login: &str, address: IpAddr) {
        let now = Instant::now();
        lock(&self.logins).fail(login.to_lowercase(), now);
        lock(&self.addresses).fail(network(address), now);
    }

    /// Clears the login's failures after a successful sign-in.
    pub fn succeed(&self, login: &str) {
        lock(&self.logins).entries.remove(&login.to_lowercase());
    }
}

/// What counts as one client: an IPv4 address, or an IPv6 /64, since one
/// machine is handed a whole /64 and could otherwise take a new address per try.
fn network(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_after_the_free_failures_and_double() {
        let mut c = Counter::new(2);
        let t = Instant::now();
        c.fail("ana", t);
        c.fail("ana", t);
        assert_eq!(c.wait(&"ana", t), None, "two mistakes are free");
        c.fail("ana", t);
        assert_eq!(c.wait(&"ana", t), Some(Duration::from_secs(2)));
        c.fail("ana", t);
        assert_eq!(c.wait(&"ana", t), Some(Duration::from_secs(4)));
        assert_eq!(c.wait(&"ana", t + Duration::from_secs(5)), None, "the wait ends");
        for _ in 0..20 {
            c.fail("ana", t);
        }
        assert_eq!(c.wait(&"ana", t), Some(MAX_WAIT), "bounded");
    }

    #[test]
    fn an_ipv6_client_is_its_whole_64() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(network(a), network(b));
        assert_ne!(network(a), network(other));
    }
}
