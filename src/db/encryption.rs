//! Encryption at rest with SQLCipher (AES-256 pages, HMAC-SHA512 page authentication). The key is
//! derived from a passphrase with argon2id, salted with the 16 random bytes SQLCipher keeps at
//! the start of the file, so that nothing but the passphrase is needed to open the database and
//! no key is ever written down. The derived key is handed to SQLCipher raw, so each connection
//! of the pool opens without running a key derivation of its own.

use std::io::Read;
use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

use crate::error::{ApiError, Checks, Result};

const SALT_LEN: usize = 16;
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";
pub const MIN_PASSPHRASE: usize = 12;

/// True when the file exists and is not a plain SQLite database (so, for us, an encrypted one).
pub fn is_encrypted(path: &Path) -> bool {
    let mut head = [0u8; SALT_LEN];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head != PLAIN_HEADER)
}

/// The raw SQLCipher key for `passphrase` and `salt`: `x'<key><salt>'` in hex.
fn derive(passphrase: &str, salt: &[u8; SALT_LEN]) -> Result<String> {
    // OWASP's argon2id setting: 19 MiB, two passes, one lane.
    let params = Params::new(19 * 1024, 2, 1, Some(32))
        .map_err(|e| ApiError::internal(format!("Key derivation: {e}")))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| ApiError::internal(format!("Key derivation: {e}")))?;
    Ok(format!(
        "x'{}{}'",
        data_encoding::HEXUPPER.encode(&key),
        data_encoding::HEXUPPER.encode(salt)
    ))
}

/// The key that opens the encrypted database at `path` with `passphrase` (if it is the right one).
pub fn key_for(path: &Path, passphrase: &str) -> Result<String> {
    let mut salt = [0u8; SALT_LEN];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut salt))
        .map_err(|e| ApiError::internal(format!("Cannot read {}: {e}", path.display())))?;
    derive(passphrase, &salt)
}

/// A key for a new encrypted file, with a fresh random salt.
pub fn new_key(passphrase: &str) -> Result<String> {
    let mut salt = [0u8; SALT_LEN];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    derive(passphrase, &salt)
}

/// A new passphrase must be long enough and typed the same twice.
pub fn check_new(passphrase: &str, confirm: &str) -> Result<()> {
    let mut c = Checks::new();
    if passphrase.chars().count() < MIN_PASSPHRASE {
        c.fail(
            "passphrase",
            format!("Use a passphrase of at least {MIN_PASSPHRASE} characters; a few unrelated words work well."),
        );
    } else if passphrase != confirm {
        c.fail(
            "passphrase_confirm",
            "The two passphrases are not the same.",
        );
    }
    c.finish()
}

/// Encrypts the open (plain) database in place: an encrypted copy is written with
/// `sqlcipher_export`, checked, and moved over the original, which is then reopened with its key.
/// Plain backups would leave the data readable, so they are replaced by one encrypted copy.
pub async fn encrypt(db: &crate::db::Db, passphrase: &str, confirm: &str) -> Result<crate::db::Db> {
    use crate::db::Db;
    check_new(passphrase, confirm)?;
    if db.key.is_some() {
        return Err(ApiError::field(
            "passphrase",
            "This programme's data is already encrypted.",
        ));
    }
    let key = new_key(passphrase)?;
    let target = db.path.with_extension("encrypting");
    let _ = std::fs::remove_file(&target);
    let fellows = |pool: &crate::db::Pool| {
        let pool = pool.clone();
        async move {
            let (n,): (i64,) = crate::db::query_as("SELECT count(*) FROM fellows")
                .fetch_one(&pool)
                .await?;
            Ok::<i64, ApiError>(n)
        }
    };
    let before = fellows(&db.pool).await?;
    {
        let mut conn = db.pool.acquire().await?;
        crate::db::query("ATTACH DATABASE ? AS encrypted KEY ?")
            .bind(target.to_string_lossy().to_string())
            .bind(&key)
            .execute(&mut *conn)
            .await?;
        let exported = crate::db::query("SELECT sqlcipher_export('encrypted')")
            .execute(&mut *conn)
            .await;
        crate::db::query("DETACH DATABASE encrypted")
            .execute(&mut *conn)
            .await?;
        exported?;
    }
    let copy = Db::open_with_key(&target, Some(key.clone())).await?;
    let after = fellows(&copy.pool).await?;
    copy.close().await;
    if !is_encrypted(&target) || after != before {
        let _ = std::fs::remove_file(&target);
        return Err(ApiError::internal(
            "The encrypted copy did not check out, so nothing was changed.",
        ));
    }
    db.close().await;
    for side in ["-wal", "-shm"] {
        let mut p = db.path.clone().into_os_string();
        p.push(side);
        let _ = std::fs::remove_file(p);
    }
    std::fs::rename(&target, &db.path).map_err(|e| {
        ApiError::internal(format!("Could not put the encrypted copy in place: {e}"))
    })?;
    let opened = Db::open_with_key(&db.path, Some(key)).await?;
    remove_plain_copies(&opened.path);
    crate::db::backups::backup_now(
        &opened,
        &crate::db::backups::folder(&opened.path),
        chrono::Utc::now(),
    )
    .await?;
    Ok(opened)
}

/// Deletes unencrypted backups and pre-migration copies of the database at `path`.
fn remove_plain_copies(path: &Path) {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("fellowship")
        .to_owned();
    let mut candidates: Vec<std::path::PathBuf> =
        crate::db::backups::list(&crate::db::backups::folder(path))
            .into_iter()
            .map(|(p, _)| p)
            .collect();
    if let Some(Ok(entries)) = path.parent().map(std::fs::read_dir) {
        candidates.extend(entries.flatten().map(|e| e.path()).filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{stem}.pre-migration-")))
        }));
    }
    for p in candidates {
        if !is_encrypted(&p) {
            let _ = std::fs::remove_file(p);
        }
    }
}
