//! Guessing limits for sign-in and for the passphrase that unlocks an encrypted programme. Each
//! attempt is counted before the secret is checked, in the same step that decides whether it may
//! be checked at all, so a burst of concurrent guesses cannot all slip past a count read earlier.
//! A few attempts are free; after that each must wait longer than the last (doubling, capped), so
//! a guesser is slowed to a crawl while the owner, who rarely mistypes five times, never notices.
//! Sign-in counts per account and client address (so guessing from one address does not shut the
//! owner out elsewhere) and per client address across accounts (so one client cannot spread its
//! guesses over many accounts).

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Attempts allowed in a window before waits begin.
pub const FREE_ATTEMPTS: i64 = 5;
/// Attempts from one client address across all accounts before its waits begin.
pub const FREE_ATTEMPTS_PER_CLIENT: i64 = 20;
/// A quiet window this long starts the count again.
pub const WINDOW_MINUTES: i64 = 15;
/// The first wait after the free attempts, doubling with each attempt after it.
const FIRST_WAIT_SECONDS: i64 = 30;
/// The longest wait between two attempts.
const LONGEST_WAIT_MINUTES: i64 = 15;

/// How long to wait after the `attempts`-th attempt in a window before another may be checked.
pub fn wait_after(attempts: i64, free: i64) -> Duration {
    if attempts < free {
        return Duration::zero();
    }
    let doublings = (attempts - free).min(20) as u32;
    let seconds = FIRST_WAIT_SECONDS.saturating_mul(1 << doublings);
    Duration::seconds(seconds).min(Duration::minutes(LONGEST_WAIT_MINUTES))
}

/// One counter's state: attempts in the current window, and when the next may be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub attempts: i64,
    pub window_start: DateTime<Utc>,
    pub next_allowed: DateTime<Utc>,
}

/// The outcome of asking to make one more attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead; the counter now stands at this.
    Allowed(Count),
    /// Not before this time; the counter is unchanged.
    Wait(DateTime<Utc>),
}

/// Counts one more attempt against `current` (None: no attempts yet), at `now`.
pub fn attempt(current: Option<&Count>, now: DateTime<Utc>, free: i64) -> Decision {
    let window = Duration::minutes(WINDOW_MINUTES);
    let (attempts, window_start) = match current {
        Some(c) if c.next_allowed > now => return Decision::Wait(c.next_allowed),
        // A quiet window since the last wait ended starts the count again.
        Some(c) if now - c.window_start.max(c.next_allowed) < window => {
            (c.attempts + 1, c.window_start)
        }
        _ => (1, now),
    };
    Decision::Allowed(Count {
        attempts,
        window_start,
        next_allowed: now + wait_after(attempts, free),
    })
}

/// The sentence for a refused attempt: how long to wait, in minutes (never a clock time, which
/// would need the person's time zone).
pub fn wait_message(until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (until - now).num_seconds().max(1);
    let minutes = (seconds + 59) / 60;
    let when = if minutes <= 1 {
        "a minute".to_owned()
    } else {
        format!("{minutes} minutes")
    };
    format!("Too many attempts. Wait {when}, then try again.")
}

/// Counters kept in memory, for the unlock passphrase (the database they would be stored in is
/// the one still locked). Keyed by client address.
#[derive(Default)]
pub struct InMemory {
    counts: Mutex<HashMap<String, Count>>,
}

impl InMemory {
    /// Counts an attempt by `client`, or says how long it must wait.
    pub fn attempt(&self, client: &str, now: DateTime<Utc>) -> Decision {
        let Ok(mut counts) = self.counts.lock() else {
            return Decision::Wait(now + Duration::minutes(1));
        };
        // Forget clients quiet for a day, so the map cannot grow without end.
        counts.retain(|_, c| now - c.next_allowed < Duration::days(1));
        let decision = attempt(counts.get(client), now, FREE_ATTEMPTS);
        if let Decision::Allowed(c) = &decision {
            counts.insert(client.to_owned(), c.clone());
        }
        decision
    }

    /// The right passphrase clears the client's count.
    pub fn clear(&self, client: &str) {
        if let Ok(mut counts) = self.counts.lock() {
            counts.remove(client);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn five_attempts_are_free_then_each_waits_twice_as_long_up_to_fifteen_minutes() {
        let mut count = None;
        for n in 1..=5 {
            match attempt(count.as_ref(), at(n), FREE_ATTEMPTS) {
                Decision::Allowed(c) => {
                    assert_eq!(c.attempts, n);
                    assert_eq!(c.next_allowed, at(n) + wait_after(n, FREE_ATTEMPTS));
                    count = Some(c);
                }
                Decision::Wait(_) => panic!("attempt {n} is free"),
            }
        }
        // The fifth sets a 30-second wait: a sixth now is refused, without counting.
        let c = count.clone().unwrap();
        assert_eq!(c.next_allowed, at(5) + Duration::seconds(30));
        assert_eq!(
            attempt(count.as_ref(), at(6), FREE_ATTEMPTS),
            Decision::Wait(at(35))
        );
        assert_eq!(wait_after(6, FREE_ATTEMPTS), Duration::seconds(60));
        assert_eq!(wait_after(8, FREE_ATTEMPTS), Duration::seconds(240));
        assert_eq!(wait_after(40, FREE_ATTEMPTS), Duration::minutes(15));
    }

    #[test]
    fn a_quiet_window_starts_the_count_again() {
        let c = Count {
            attempts: 7,
            window_start: at(0),
            next_allowed: at(120),
        };
        let later = at(120) + Duration::minutes(WINDOW_MINUTES);
        match attempt(Some(&c), later, FREE_ATTEMPTS) {
            Decision::Allowed(n) => assert_eq!(n.attempts, 1),
            other => panic!("{other:?}"),
        }
        match attempt(Some(&c), at(121), FREE_ATTEMPTS) {
            Decision::Allowed(n) => assert_eq!(n.attempts, 8),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_wait_is_said_in_minutes() {
        assert_eq!(
            wait_message(at(30), at(0)),
            "Too many attempts. Wait a minute, then try again."
        );
        assert_eq!(
            wait_message(at(241), at(0)),
            "Too many attempts. Wait 5 minutes, then try again."
        );
    }

    #[test]
    fn unlock_guesses_are_counted_per_client_in_memory() {
        let t = InMemory::default();
        for n in 0..5 {
            assert!(matches!(t.attempt("desktop", at(n)), Decision::Allowed(_)));
        }
        assert!(matches!(t.attempt("desktop", at(6)), Decision::Wait(_)));
        assert!(matches!(
            t.attempt("elsewhere", at(6)),
            Decision::Allowed(_)
        ));
        t.clear("desktop");
        assert!(matches!(t.attempt("desktop", at(7)), Decision::Allowed(_)));
    }
}
