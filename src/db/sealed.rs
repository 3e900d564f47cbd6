//! Secrets the app must use again (the SMTP password, each person's second-step key), sealed with
//! AES-256-GCM under a key that lives in a file beside the database (or at FELLOWSHIP_KEY_FILE),
//! never in it: a backup, an export or a stolen database file holds only ciphertext. A programme
//! moved to another machine without its key file asks for them again.

use std::path::PathBuf;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand::RngCore;

use crate::db::Db;
use crate::error::{ApiError, Result};

/// What a sealed value is for: bound into it, so it cannot be moved to another purpose.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    SmtpPassword,
    SecondStep,
    OrgClientSecret,
}

impl Purpose {
    fn aad(self) -> &'static [u8] {
        match self {
            Purpose::SmtpPassword => b"fellowship smtp password v1",
            Purpose::SecondStep => b"fellowship second step v1",
            Purpose::OrgClientSecret => b"fellowship openid client secret v1",
        }
    }
}

/// Where this database's key lives.
pub fn key_path(db: &Db) -> PathBuf {
    if let Some(p) = std::env::var_os("FELLOWSHIP_KEY_FILE") {
        return PathBuf::from(p);
    }
    if cfg!(feature = "postgres") {
        // A PostgreSQL "path" is its URL: the key stays with the server's files instead.
        return PathBuf::from("fellowship.secret-key");
    }
    db.path.with_extension("secret-key")
}

fn read_key(path: &PathBuf) -> Option<[u8; 32]> {
    let text = std::fs::read_to_string(path).ok()?;
    let bytes = data_encoding::BASE64.decode(text.trim().as_bytes()).ok()?;
    bytes.try_into().ok()
}

/// The key, made (readable by this user only) the first time a password is saved.
fn key(db: &Db, create: bool) -> Result<Option<[u8; 32]>> {
    let path = key_path(db);
    if let Some(k) = read_key(&path) {
        return Ok(Some(k));
    }
    if !create {
        return Ok(None);
    }
    let mut k = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut k);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let written = opts.open(&path).and_then(|mut f| {
        use std::io::Write;
        f.write_all(data_encoding::BASE64.encode(&k).as_bytes())?;
        f.sync_all()
    });
    match written {
        Ok(()) => Ok(Some(k)),
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(read_key(&path)),
        Err(e) => Err(ApiError::internal(format!(
            "Could not keep the key for sealed secrets at {}: {e}",
            path.display()
        ))),
    }
}

/// nonce || ciphertext, base64.
pub fn seal(db: &Db, purpose: Purpose, secret: &str) -> Result<String> {
    let k = key(db, true)?.ok_or_else(|| ApiError::internal("No key to seal the secret with."))?;
    let cipher = Aes256Gcm::new((&k).into());
    let mut nonce = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: secret.as_bytes(),
                aad: purpose.aad(),
            },
        )
        .map_err(|_| ApiError::internal("Could not seal a secret."))?;
    let mut out = nonce.to_vec();
    out.extend(sealed);
    Ok(data_encoding::BASE64.encode(&out))
}

/// The secret, or None when this machine does not hold the key it was sealed with.
pub fn open(db: &Db, purpose: Purpose, sealed: &str) -> Result<Option<String>> {
    let Some(k) = key(db, false)? else {
        return Ok(None);
    };
    let Ok(bytes) = data_encoding::BASE64.decode(sealed.as_bytes()) else {
        return Ok(None);
    };
    if bytes.len() < 12 {
        return Ok(None);
    }
    let (nonce, body) = bytes.split_at(12);
    let cipher = Aes256Gcm::new((&k).into());
    Ok(cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: purpose.aad(),
            },
        )
        .ok()
        .and_then(|p| String::from_utf8(p).ok()))
}
