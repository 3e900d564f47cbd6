//! Browser sessions of the programme server: a random id (the cookie) to one core `Session`, with
//! its CSRF token. Sessions unused for a day are dropped; the core's own idle lock signs a user
//! out after thirty minutes long before that.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::RngCore;

use crate::session::Session;

pub struct Entry {
    pub session: tokio::sync::Mutex<Session>,
    pub csrf: String,
    last_used: Mutex<Instant>,
}

impl Entry {
    /// Compares in constant time, so the token cannot be guessed a byte at a time.
    pub fn csrf_matches(&self, token: &str) -> bool {
        use subtle::ConstantTimeEq;
        self.csrf.as_bytes().ct_eq(token.as_bytes()).into()
    }
}

#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Arc<Entry>>>,
}

const FORGET_AFTER: Duration = Duration::from_secs(24 * 3600);

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE64URL_NOPAD.encode(&bytes)
}

impl Sessions {
    pub fn create(&self) -> (String, Arc<Entry>) {
        let id = random_token();
        let entry = Arc::new(Entry {
            session: tokio::sync::Mutex::new(Session::default()),
            csrf: random_token(),
            last_used: Mutex::new(Instant::now()),
        });
        if let Ok(mut map) = self.map.lock() {
            let now = Instant::now();
            map.retain(|_, e| e.last_used.lock().is_ok_and(|t| now - *t < FORGET_AFTER));
            map.insert(id.clone(), entry.clone());
        }
        (id, entry)
    }

    pub fn get(&self, id: &str) -> Option<(String, Arc<Entry>)> {
        let map = self.map.lock().ok()?;
        let entry = map.get(id)?.clone();
        if let Ok(mut t) = entry.last_used.lock() {
            *t = Instant::now();
        }
        Some((id.to_owned(), entry))
    }
}
