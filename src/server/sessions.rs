//! Browser sessions of the programme server: a random id (the cookie) to one core `Session`, with
//! its CSRF token. A session is made only for a browser's first call (the app's status), there
//! is a cap on how many are kept, and a background task forgets idle ones: anonymous ones soon,
//! signed-in ones after a day (the core's own idle lock signs a user out long before that).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rand::RngCore;

use crate::session::Session;

pub struct Entry {
    pub session: tokio::sync::Mutex<Session>,
    pub csrf: String,
    /// Made for a browser that has not signed in; these go first when the cap is reached.
    anonymous: bool,
    last_used: Mutex<Instant>,
}

impl Entry {
    /// Compares in constant time, so the token cannot be guessed a byte at a time.
    pub fn csrf_matches(&self, token: &str) -> bool {
        use subtle::ConstantTimeEq;
        self.csrf.as_bytes().ct_eq(token.as_bytes()).into()
    }

    fn last_used(&self) -> Instant {
        *self
            .last_used
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

pub struct Sessions {
    map: Mutex<HashMap<String, Arc<Entry>>>,
    max: usize,
}

const SIGNED_IN_FORGET_AFTER: Duration = Duration::from_secs(24 * 3600);

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE64URL_NOPAD.encode(&bytes)
}

fn entry(session: Session, anonymous: bool) -> Arc<Entry> {
    Arc::new(Entry {
        session: tokio::sync::Mutex::new(session),
        csrf: random_token(),
        anonymous,
        last_used: Mutex::new(Instant::now()),
    })
}

impl Sessions {
    pub fn new(max: usize) -> Self {
        Sessions {
            map: Mutex::default(),
            max: max.max(1),
        }
    }

    fn map(&self) -> MutexGuard<'_, HashMap<String, Arc<Entry>>> {
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new anonymous session; when the cap is reached the least recently used anonymous one
    /// makes way, and when every kept session is someone's signed-in one there is no room.
    pub fn create(&self, session: Session) -> Option<(String, Arc<Entry>)> {
        let mut map = self.map();
        if map.len() >= self.max {
            let oldest = map
                .iter()
                .filter(|(_, e)| e.anonymous)
                .min_by_key(|(_, e)| e.last_used())
                .map(|(id, _)| id.clone())?;
            map.remove(&oldest);
        }
        let id = random_token();
        let e = entry(session, true);
        map.insert(id.clone(), e.clone());
        Some((id, e))
    }

    /// Moves `session` to a new id and CSRF token (at sign-in), so an id an attacker planted or
    /// saw before cannot follow the user in; the old id stops working.
    pub fn renew(&self, old_id: &str, session: Session) -> (String, Arc<Entry>) {
        let mut map = self.map();
        map.remove(old_id);
        let id = random_token();
        let e = entry(session, false);
        map.insert(id.clone(), e.clone());
        (id, e)
    }

    pub fn get(&self, id: &str) -> Option<Arc<Entry>> {
        let entry = self.map().get(id)?.clone();
        *entry
            .last_used
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Instant::now();
        Some(entry)
    }

    /// Forgets anonymous sessions unused for `anonymous_idle`, and any unused for a day.
    pub fn prune(&self, anonymous_idle: Duration) {
        let now = Instant::now();
        self.map().retain(|_, e| {
            let idle = now - e.last_used();
            idle < SIGNED_IN_FORGET_AFTER && !(e.anonymous && idle >= anonymous_idle)
        });
    }

    pub fn len(&self) -> usize {
        self.map().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_full_the_oldest_anonymous_session_goes_and_signed_in_ones_stay() {
        let s = Sessions::new(2);
        let (first, _) = s.create(Session::default()).unwrap();
        let (anon, _) = s.create(Session::default()).unwrap();
        let (signed_in, _) = s.renew(&first, Session::default());
        assert!(s.get(&first).is_none(), "a renewed id stops working");
        assert_eq!(s.len(), 2);
        // Full: the anonymous one makes way, the signed-in one stays.
        let (newer, _) = s.create(Session::default()).unwrap();
        assert!(s.get(&anon).is_none());
        assert!(s.get(&signed_in).is_some() && s.get(&newer).is_some());
        // Full of signed-in sessions: no room.
        s.renew(&newer, Session::default());
        assert!(s.create(Session::default()).is_none());
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn pruning_forgets_idle_anonymous_sessions_only() {
        let s = Sessions::new(10);
        let (a, _) = s.create(Session::default()).unwrap();
        let (b, _) = s.create(Session::default()).unwrap();
        let (signed_in, _) = s.renew(&b, Session::default());
        s.prune(Duration::ZERO);
        assert!(s.get(&a).is_none());
        assert!(s.get(&signed_in).is_some());
    }
}
