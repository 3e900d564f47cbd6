//! Browser sessions of the programme server: a random id (the cookie) to one core `Session`, with
//! its CSRF token. A session is made only for a browser's first call (the app's status), there
//! is a cap on how many this process holds, and a background task forgets idle ones: anonymous
//! ones soon, signed-in ones after a day (the core's own idle lock signs a user out long before
//! that).
//!
//! A session that holds something (signed in, or part way) is also kept in the database
//! (`kept`), so other server processes and this one after a restart carry on with it; each
//! request reads the kept state afresh, so a sign-out in one process holds in all. The CSRF token
//! is derived from the id with a key in the database, so any process can check a token another
//! issued, and an anonymous session that started elsewhere is taken up here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::kept::{self, Held};
use crate::api::session::{Kept, Session, Workspaces};

pub struct Entry {
    pub session: tokio::sync::Mutex<Session>,
    pub csrf: String,
    /// Made for a browser that has not signed in; these go first when the cap is reached.
    anonymous: bool,
    last_used: Mutex<Instant>,
    /// The kept row's version as this process last read or wrote it, and what it held.
    kept: Mutex<Option<(i64, Kept)>>,
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

    fn kept(&self) -> MutexGuard<'_, Option<(i64, Kept)>> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub struct Sessions {
    map: Mutex<HashMap<String, Arc<Entry>>>,
    max: usize,
    /// The database's key for CSRF tokens, once read.
    key: tokio::sync::OnceCell<[u8; 32]>,
    /// This process's own key while the database is locked (nothing is kept then either).
    own_key: [u8; 32],
}

/// A kept session's last use is written at most this often while nothing else changes.
const TOUCH_EVERY_SECONDS: i64 = 60;

const SIGNED_IN_FORGET_AFTER: Duration = Duration::from_secs(24 * 3600);

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE64URL_NOPAD.encode(&bytes)
}

/// The CSRF token of session `id`: HMAC-SHA-256 under the key.
fn csrf_for(key: &[u8; 32], id: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(b"fellowship csrf ");
    mac.update(id.as_bytes());
    data_encoding::BASE64URL_NOPAD.encode(&mac.finalize().into_bytes())
}

fn entry(key: &[u8; 32], id: &str, session: Session, anonymous: bool) -> Arc<Entry> {
    Arc::new(Entry {
        session: tokio::sync::Mutex::new(session),
        csrf: csrf_for(key, id),
        anonymous,
        last_used: Mutex::new(Instant::now()),
        kept: Mutex::new(None),
    })
}

impl Sessions {
    pub fn new(max: usize) -> Self {
        let mut own_key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut own_key);
        Sessions {
            map: Mutex::default(),
            max: max.max(1),
            key: tokio::sync::OnceCell::new(),
            own_key,
        }
    }

    /// The key for CSRF tokens: the database's, shared by every process; this process's own
    /// while the database is locked.
    pub async fn key(&self, ws: &Workspaces) -> [u8; 32] {
        if let Some(k) = self.key.get() {
            return *k;
        }
        let Ok(db) = ws.main() else {
            return self.own_key;
        };
        match kept::secret(&db).await {
            Ok(k) => *self.key.get_or_init(|| async { k }).await,
            Err(e) => {
                tracing::error!(error = %e.message, "the session key could not be read");
                self.own_key
            }
        }
    }

    /// Session `id` as the browser sent it: held here, or kept in the database by any process,
    /// or (its token proving this server issued it) an anonymous session begun elsewhere, taken
    /// up here as `session`.
    pub async fn find(
        &self,
        ws: &Workspaces,
        id: &str,
        csrf_cookie: Option<&str>,
        session: impl FnOnce() -> Session,
    ) -> Option<Arc<Entry>> {
        if let Some(e) = self.get(id) {
            return Some(e);
        }
        let key = self.key(ws).await;
        let held = match ws.main() {
            Ok(db) => kept::load(&db, id).await.unwrap_or_else(|e| {
                tracing::error!(error = %e.message, "a kept session could not be read");
                Held::Absent
            }),
            Err(_) => Held::Absent,
        };
        let issued = csrf_cookie.is_some_and(|c| {
            use subtle::ConstantTimeEq;
            csrf_for(&key, id).as_bytes().ct_eq(c.as_bytes()).into()
        });
        let fresh = session();
        let (e, anonymous) = match held {
            Held::Kept(version, k) => {
                let s = Session::from_kept(ws, k.clone(), fresh.client().to_owned()).await;
                let e = entry(&key, id, s, false);
                *e.kept() = Some((version, k));
                (e, false)
            }
            Held::Absent if issued => (entry(&key, id, fresh, true), true),
            _ => return None,
        };
        let mut map = self.map();
        if anonymous && map.len() >= self.max && !Self::make_room(&mut map) {
            return None;
        }
        Some(map.entry(id.to_owned()).or_insert(e).clone())
    }

    /// Before a request: the kept state as the database has it now, if another process changed
    /// it since this one last looked. False if the id has ended (moved to a new one at a
    /// sign-in elsewhere): this process forgets it too.
    pub async fn refresh(
        &self,
        ws: &Workspaces,
        id: &str,
        entry: &Entry,
        session: &mut Session,
    ) -> bool {
        let Ok(db) = ws.main() else {
            return true;
        };
        let now = match kept::load(&db, id).await {
            Ok(k) => k,
            Err(e) => {
                tracing::error!(error = %e.message, "a kept session could not be read");
                return true;
            }
        };
        let seen = entry.kept().as_ref().map(|(v, _)| *v);
        match now {
            Held::Ended => {
                self.map().remove(id);
                return false;
            }
            Held::Kept(version, k) if Some(version) != seen => {
                *session = Session::from_kept(ws, k.clone(), session.client().to_owned()).await;
                *entry.kept() = Some((version, k));
            }
            // Signed out elsewhere: so here too.
            Held::Absent if seen.is_some() => {
                *session = Session::from_client(session.client().to_owned());
                *entry.kept() = None;
            }
            _ => {}
        }
        true
    }

    /// After a request: keeps what the session now holds (its last use at most once a minute),
    /// or forgets it once it holds nothing.
    pub async fn store(&self, ws: &Workspaces, id: &str, entry: &Entry, session: &Session) {
        let Ok(db) = ws.main() else {
            return;
        };
        let now = session.kept();
        let before = entry.kept().clone();
        let result = match (now, before.clone()) {
            (None, None) => return,
            (None, Some(_)) => kept::forget(&db, id).await.map(|()| None),
            (Some(k), Some((_, old)))
                if k.differs_only_in_time(&old)
                    .is_some_and(|d| d < TOUCH_EVERY_SECONDS) =>
            {
                return
            }
            (Some(k), _) => {
                let read = before.as_ref().map(|(v, _)| *v);
                kept::save(&db, id, &k, read).await.map(|v| match v {
                    Some(v) => Some((v, k)),
                    None => {
                        // Another process changed it first: theirs stands, and this process's
                        // next request reads it.
                        tracing::info!("a session changed by another process first");
                        before
                    }
                })
            }
        };
        match result {
            Ok(k) => *entry.kept() = k,
            Err(e) => tracing::error!(error = %e.message, "a session could not be kept"),
        }
    }

    /// Ends `id` for every process (it moved to a new id at sign-in).
    pub async fn end(&self, ws: &Workspaces, id: &str) {
        if let Ok(db) = ws.main() {
            if let Err(e) = kept::end(&db, id).await {
                tracing::error!(error = %e.message, "a session could not be ended");
            }
        }
    }

    /// Forgets kept sessions unused for a day.
    pub async fn prune_kept(&self, ws: &Workspaces) {
        if let Ok(db) = ws.main() {
            if let Err(e) = kept::prune(&db).await {
                tracing::error!(error = %e.message, "kept sessions could not be pruned");
            }
        }
    }

    /// Makes room by dropping the least recently used session that loses nothing by it: an
    /// anonymous one, or one kept in the database. False if there is none.
    fn make_room(map: &mut HashMap<String, Arc<Entry>>) -> bool {
        let oldest = map
            .iter()
            .filter(|(_, e)| e.anonymous || e.kept().is_some())
            .min_by_key(|(_, e)| e.last_used())
            .map(|(id, _)| id.clone());
        match oldest {
            Some(id) => map.remove(&id).is_some(),
            None => false,
        }
    }

    fn map(&self) -> MutexGuard<'_, HashMap<String, Arc<Entry>>> {
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new anonymous session; when the cap is reached the least recently used anonymous one
    /// makes way, and when every kept session is someone's signed-in one there is no room.
    pub fn create(&self, key: &[u8; 32], session: Session) -> Option<(String, Arc<Entry>)> {
        let mut map = self.map();
        if map.len() >= self.max && !Self::make_room(&mut map) {
            return None;
        }
        let id = random_token();
        let e = entry(key, &id, session, true);
        map.insert(id.clone(), e.clone());
        Some((id, e))
    }

    /// Moves `session` to a new id and CSRF token (at sign-in), so an id an attacker planted or
    /// saw before cannot follow the user in; the old id stops working.
    pub fn renew(&self, key: &[u8; 32], old_id: &str, session: Session) -> (String, Arc<Entry>) {
        let mut map = self.map();
        map.remove(old_id);
        let id = random_token();
        let e = entry(key, &id, session, false);
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
        let k = [7u8; 32];
        let (first, _) = s.create(&k, Session::default()).unwrap();
        let (anon, _) = s.create(&k, Session::default()).unwrap();
        let (signed_in, _) = s.renew(&k, &first, Session::default());
        assert!(s.get(&first).is_none(), "a renewed id stops working");
        assert_eq!(s.len(), 2);
        // Full: the anonymous one makes way, the signed-in one stays.
        let (newer, _) = s.create(&k, Session::default()).unwrap();
        assert!(s.get(&anon).is_none());
        assert!(s.get(&signed_in).is_some() && s.get(&newer).is_some());
        // Full of signed-in sessions: no room.
        s.renew(&k, &newer, Session::default());
        assert!(s.create(&k, Session::default()).is_none());
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn pruning_forgets_idle_anonymous_sessions_only() {
        let s = Sessions::new(10);
        let k = [7u8; 32];
        let (a, _) = s.create(&k, Session::default()).unwrap();
        let (b, _) = s.create(&k, Session::default()).unwrap();
        let (signed_in, _) = s.renew(&k, &b, Session::default());
        s.prune(Duration::ZERO);
        assert!(s.get(&a).is_none());
        assert!(s.get(&signed_in).is_some());
    }
}
