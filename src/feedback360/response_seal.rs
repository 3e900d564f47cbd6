//! Sealed response files from the offline questionnaire. The questionnaire carries the
//! programme's public key; the browser seals each response to it (`questionnaire_seal.js`: an
//! ECDH P-256 key pair of its own, HKDF-SHA-256, AES-256-GCM), so whoever carries or imports the
//! file cannot read it and only this programme's core can open it. The private key is made once,
//! on first need, and kept only in the programme's database (encrypted at rest with the rest when
//! encryption is on); no file, export or subject-access output holds it.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Result};

pub const FORMAT: &str = "fellowship-360-response/2";
const EARLIER_FORMAT: &str = "fellowship-360-response/1";

/// The programme's key pair for response files. Not `Debug`, so it cannot end up in a log.
pub struct ProgrammeKey {
    secret: SecretKey,
    key_id: String,
}

impl ProgrammeKey {
    pub fn generate() -> ProgrammeKey {
        ProgrammeKey::from_secret(SecretKey::random(&mut rand::rngs::OsRng))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<ProgrammeKey> {
        SecretKey::from_slice(bytes)
            .map(ProgrammeKey::from_secret)
            .map_err(|_| ApiError::internal("The programme's questionnaire key is damaged."))
    }

    fn from_secret(secret: SecretKey) -> ProgrammeKey {
        // Named by its public half, so the name gives nothing away and cannot drift from it.
        let public = secret.public_key().to_encoded_point(false);
        let key_id = data_encoding::HEXLOWER.encode(&Sha256::digest(public.as_bytes())[..16]);
        ProgrammeKey { secret, key_id }
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The public key as WebCrypto imports it ("raw": SEC1 uncompressed), in base64.
    pub fn public_key(&self) -> String {
        B64.encode(self.secret.public_key().to_encoded_point(false).as_bytes())
    }

    /// Opens a sealed file, giving the JSON the questionnaire sealed; a refusal names "file".
    pub fn open(&self, contents: &str) -> Result<Vec<u8>> {
        let file: SealedFile = match serde_json::from_str(contents.trim_start_matches('\u{feff}')) {
            Ok(f) => f,
            Err(_) if is_earlier_format(contents) => return Err(earlier_format()),
            Err(_) => return Err(unreadable()),
        };
        if file.format != FORMAT {
            return Err(unreadable());
        }
        if file.key_id != self.key_id {
            return Err(ApiError::field(
                "file",
                "This response file was made for another programme, so it cannot be imported here. Nothing was imported.",
            ));
        }
        let decode = |s: &str| B64.decode(s).map_err(|_| changed());
        let (sender, iv, sealed) = (
            decode(&file.sender)?,
            decode(&file.iv)?,
            decode(&file.sealed)?,
        );
        let sender = PublicKey::from_sec1_bytes(&sender).map_err(|_| changed())?;
        if iv.len() != 12 {
            return Err(changed());
        }
        let shared =
            p256::ecdh::diffie_hellman(self.secret.to_nonzero_scalar(), sender.as_affine());
        let cipher = cipher(
            shared.raw_secret_bytes(),
            &sender,
            &self.secret.public_key(),
        );
        // The tag covers the answers and the associated data: any changed byte fails here.
        cipher
            .decrypt(
                Nonce::from_slice(&iv),
                Payload {
                    msg: &sealed,
                    aad: associated_data(&self.key_id).as_bytes(),
                },
            )
            .map_err(|_| changed())
    }
}

#[derive(Serialize, Deserialize)]
struct SealedFile {
    format: String,
    key_id: String,
    /// The browser's one-off public key (SEC1 uncompressed, base64).
    sender: String,
    iv: String,
    /// AES-GCM ciphertext followed by its 16-byte tag (as WebCrypto writes it), base64.
    sealed: String,
}

fn associated_data(key_id: &str) -> String {
    format!("{FORMAT}\n{key_id}")
}

/// AES-256-GCM under HKDF-SHA-256 of the ECDH secret, salted with both public keys.
fn cipher(shared: &[u8], sender: &PublicKey, recipient: &PublicKey) -> Aes256Gcm {
    let mut salt = sender.to_encoded_point(false).as_bytes().to_vec();
    salt.extend_from_slice(recipient.to_encoded_point(false).as_bytes());
    let mut key = [0u8; 32];
    Hkdf::<Sha256>::new(Some(&salt), shared)
        .expand(FORMAT.as_bytes(), &mut key)
        .expect("32 bytes is a valid HKDF-SHA-256 length");
    Aes256Gcm::new(&key.into())
}

/// Seals `body` as the questionnaire's JavaScript does. The core never needs to seal; tests and
/// the fuzz harness use it to make files the browser would make.
pub fn seal(public_key: &str, key_id: &str, body: &[u8]) -> String {
    use rand::RngCore;
    let recipient = PublicKey::from_sec1_bytes(&B64.decode(public_key).expect("base64"))
        .expect("a P-256 public key");
    let mine = p256::ecdh::EphemeralSecret::random(&mut rand::rngs::OsRng);
    let sender = mine.public_key();
    let shared = mine.diffie_hellman(&recipient);
    let mut iv = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut iv);
    let sealed = cipher(shared.raw_secret_bytes(), &sender, &recipient)
        .encrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: body,
                aad: associated_data(key_id).as_bytes(),
            },
        )
        .expect("AES-GCM seals any length we write");
    serde_json::to_string(&SealedFile {
        format: FORMAT.into(),
        key_id: key_id.into(),
        sender: B64.encode(sender.to_encoded_point(false).as_bytes()),
        iv: B64.encode(iv),
        sealed: B64.encode(sealed),
    })
    .expect("plain strings serialise")
}

/// The programme's key, made and stored the first time it is needed.
pub async fn programme_key(db: &Db) -> Result<ProgrammeKey> {
    if let Some(key) = stored(db).await? {
        return Ok(key);
    }
    let fresh = ProgrammeKey::generate();
    // Two first needs at once: the table holds one row, so the second insert does nothing and
    // both read back the same key.
    crate::db::query(
        "INSERT INTO questionnaire_keys (id, secret, created_at) VALUES (1, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(fresh.secret.to_bytes().to_vec())
    .bind(now_stamp())
    .execute(&db.pool)
    .await?;
    stored(db)
        .await?
        .ok_or_else(|| ApiError::internal("The programme's questionnaire key was not saved."))
}

async fn stored(db: &Db) -> Result<Option<ProgrammeKey>> {
    let row: Option<(Vec<u8>,)> =
        crate::db::query_as("SELECT secret FROM questionnaire_keys WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?;
    row.map(|(bytes,)| ProgrammeKey::from_bytes(&bytes))
        .transpose()
}

fn is_earlier_format(contents: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(contents.trim_start_matches('\u{feff}'))
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(str::to_owned))
        .as_deref()
        == Some(EARLIER_FORMAT)
}

fn earlier_format() -> ApiError {
    ApiError::field(
        "file",
        "This response file was saved by an older questionnaire, which did not seal the answers, so it can no longer be imported. Nothing was imported. Ask the rater to fill in a new questionnaire file.",
    )
}

fn unreadable() -> ApiError {
    ApiError::field(
        "file",
        "This is not a Fellowship 360 response file. Ask the rater for the .fellowship-response file their questionnaire saved.",
    )
}

pub(crate) fn changed() -> ApiError {
    ApiError::field(
        "file",
        "This response file has been changed since the rater saved it, so it cannot be imported. Nothing was imported.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_body_opens_only_with_its_programme_key_and_unchanged() {
        let key = ProgrammeKey::generate();
        let file = seal(&key.public_key(), key.key_id(), b"{\"comment\":\"Marker\"}");
        assert!(!file.contains("Marker"));
        assert_eq!(key.open(&file).unwrap(), b"{\"comment\":\"Marker\"}");

        // Every byte of the sealed part matters.
        let mut parsed: SealedFile = serde_json::from_str(&file).unwrap();
        let mut bytes = B64.decode(&parsed.sealed).unwrap();
        bytes[3] ^= 1;
        parsed.sealed = B64.encode(bytes);
        let edited = serde_json::to_string(&parsed).unwrap();
        assert!(key.open(&edited).unwrap_err().message.contains("changed"));

        // Another programme's file is refused by name; relabelled as ours, it does not open.
        let other = ProgrammeKey::generate();
        let theirs = seal(&other.public_key(), other.key_id(), b"{}");
        assert!(key
            .open(&theirs)
            .unwrap_err()
            .message
            .contains("another programme"));
        let relabelled = theirs.replace(other.key_id(), key.key_id());
        assert!(key
            .open(&relabelled)
            .unwrap_err()
            .message
            .contains("changed"));

        // The stored bytes give back the same key.
        let again = ProgrammeKey::from_bytes(&key.secret.to_bytes()).unwrap();
        assert_eq!(again.key_id(), key.key_id());
        assert_eq!(again.public_key(), key.public_key());
    }

    #[test]
    fn an_unsealed_earlier_file_asks_for_a_new_questionnaire() {
        let key = ProgrammeKey::generate();
        let old = r#"{"format":"fellowship-360-response/1","code":"X","payload":"{}","mac":"00"}"#;
        let e = key.open(old).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("file"));
        assert!(e.message.contains("new questionnaire"), "{}", e.message);
        for junk in ["", "{}", "not json", "{\"format\":\"x\"}"] {
            assert!(key
                .open(junk)
                .unwrap_err()
                .message
                .contains("not a Fellowship"));
        }
    }
}
