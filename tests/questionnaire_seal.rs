//! The offline questionnaire's response file is sealed to the programme: made by the browser
//! (here by a Rust twin of its JavaScript, and by the real JavaScript under node), it holds
//! nothing readable, imports once with a receipt that names only the fellow, and is refused
//! when a byte is changed, when it was made for another programme, or when it is an older,
//! unsealed file.

use crate::common::*;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use fellowship::db::Db;
use fellowship::error::ErrorKind;
use fellowship::feedback360::invitations::{self, IssueCodesInput, NominationInput};
use fellowship::feedback360::questionnaire_file::{self, ResponseFileInput};
use fellowship::feedback360::responses::CodeInput;
use fellowship::feedback360::rounds;
use fellowship::feedback360::{default_dimensions, response_seal};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use serde_json::{json, Value};

const FORMAT: &str = "fellowship-360-response/2";
/// A word that must never be readable in a response file.
const MARKER: &str = "Quetzalcoatl";

/// What a rater holds: the questionnaire's HTML and its code, for one peer of Ada Alpha.
struct Setup {
    w: World,
    t: TwoHosts,
    code: String,
    html: String,
    file_name: String,
    dims: Vec<i64>,
}

async fn setup() -> Setup {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    invitations::nominate(
        db,
        &t.faculty,
        NominationInput {
            round_id: round.id,
            fellow_id: Some(t.fellow_a),
            rater_group: "peer".into(),
            rater_name: "Pat Peer".into(),
            rater_email: "pat.peer@nhs.net".into(),
        },
    )
    .await
    .unwrap();
    let code = invitations::issue(
        db,
        &t.faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap()
    .remove(0)
    .code;
    let doc =
        questionnaire_file::questionnaire_file(db, &t.faculty, CodeInput { code: code.clone() })
            .await
            .unwrap();
    let html = String::from_utf8(B64.decode(&doc.base64).unwrap()).unwrap();
    let dims = default_dimensions(db)
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    Setup {
        file_name: doc.file_name,
        w,
        t,
        code,
        html,
        dims,
    }
}

/// The text between `open` (the first after `after`) and the next `</script>`.
fn script_after<'a>(html: &'a str, after: &str, open: &str) -> &'a str {
    let from = html.find(after).expect("marker") + after.len();
    let start = from + html[from..].find(open).expect("script") + open.len();
    let end = start + html[start..].find("</script>").expect("end of script");
    &html[start..end]
}

fn config(html: &str) -> Value {
    serde_json::from_str(script_after(
        html,
        "<script id=\"config\"",
        "type=\"application/json\">",
    ))
    .unwrap()
}

fn body(code: &str, dims: &[i64]) -> Value {
    let answers: Vec<Value> = dims
        .iter()
        .map(|d| json!({"dimension_id": d, "rating": 3, "importance": null}))
        .collect();
    json!({"code": code, "answers": answers, "comment": format!("{MARKER} listens well")})
}

/// Seals `body` as `questionnaire_seal.js` does, written apart from the core's own code.
fn seal_like_the_browser(programme: &Value, body: &Value) -> String {
    let theirs = B64
        .decode(programme["public_key"].as_str().unwrap())
        .unwrap();
    let key_id = programme["key_id"].as_str().unwrap();
    let recipient = p256::PublicKey::from_sec1_bytes(&theirs).unwrap();
    let mine = p256::ecdh::EphemeralSecret::random(&mut rand::rngs::OsRng);
    let mine_public = mine
        .public_key()
        .to_encoded_point(false)
        .as_bytes()
        .to_vec();
    let shared = mine.diffie_hellman(&recipient);
    let salt = [mine_public.as_slice(), theirs.as_slice()].concat();
    let mut key = [0u8; 32];
    hkdf::Hkdf::<sha2::Sha256>::new(Some(&salt), shared.raw_secret_bytes())
        .expand(FORMAT.as_bytes(), &mut key)
        .unwrap();
    let iv: [u8; 12] = rand::random();
    let aad = format!("{FORMAT}\n{key_id}");
    let sealed = Aes256Gcm::new(&key.into())
        .encrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: body.to_string().as_bytes(),
                aad: aad.as_bytes(),
            },
        )
        .unwrap();
    json!({
        "format": FORMAT,
        "key_id": key_id,
        "sender": B64.encode(mine_public),
        "iv": B64.encode(iv),
        "sealed": B64.encode(sealed),
    })
    .to_string()
}

fn import(contents: &str) -> ResponseFileInput {
    ResponseFileInput {
        file_name: "360-response-0a1b2c3d.fellowship-response".into(),
        contents: contents.into(),
    }
}

async fn responses(db: &Db) -> i64 {
    fellowship::db::query_as::<(i64,)>("SELECT count(*) FROM feedback_responses")
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .0
}

#[tokio::test]
async fn a_sealed_response_imports_once_and_shows_nothing_of_itself() {
    let s = setup().await;
    let db = s.w.db();
    let lookup = s.code.replace('-', "")[..8].to_string();

    // Only faculty make questionnaires; the file carries the code (it is the rater's own) and
    // the programme's public key, fetches nothing, and its name says nothing of the code.
    assert_eq!(
        questionnaire_file::questionnaire_file(
            db,
            &s.t.fellow_user_a,
            CodeInput {
                code: s.code.clone()
            }
        )
        .await
        .unwrap_err()
        .kind,
        ErrorKind::Forbidden
    );
    assert!(
        s.file_name.starts_with("360-questionnaire-ada-alpha-") && s.file_name.ends_with(".html")
    );
    assert!(!s.file_name.to_lowercase().contains(&lookup.to_lowercase()));
    assert!(s.html.contains("Inspiring shared purpose") && s.html.contains(&s.code));
    assert!(!s.html.contains("/*CONFIG*/") && !s.html.contains("/*SEAL*/"));
    assert!(!s.html.contains("http://") && !s.html.contains("https://"));
    let cfg = config(&s.html);
    let key = response_seal::programme_key(db).await.unwrap();
    assert_eq!(cfg["programme"]["key_id"], key.key_id());
    assert_eq!(cfg["programme"]["public_key"], key.public_key());

    let good = seal_like_the_browser(&cfg["programme"], &body(&s.code, &s.dims));
    for secret in [s.code.as_str(), &lookup, MARKER, "listens"] {
        assert!(!good.contains(secret), "{secret} readable in the file");
    }

    // Any changed byte is refused, and nothing is saved.
    let mut edited: Value = serde_json::from_str(&good).unwrap();
    let mut sealed = B64.decode(edited["sealed"].as_str().unwrap()).unwrap();
    sealed[10] ^= 0x20;
    edited["sealed"] = B64.encode(sealed).into();
    let e = questionnaire_file::import_response(db, &s.t.faculty, import(&edited.to_string()))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"));
    assert!(e.message.contains("changed"), "{}", e.message);
    assert_eq!(responses(db).await, 0);

    // A file sealed to another programme is refused by name.
    let other = fresh_db(s.w.dir.path(), "other").await;
    let theirs = response_seal::programme_key(&other).await.unwrap();
    assert_ne!(theirs.key_id(), key.key_id());
    let foreign = seal_like_the_browser(
        &json!({"public_key": theirs.public_key(), "key_id": theirs.key_id()}),
        &body(&s.code, &s.dims),
    );
    let e = questionnaire_file::import_response(db, &s.t.faculty, import(&foreign))
        .await
        .unwrap_err();
    assert_eq!(
        e.message,
        "This response file was made for another programme, so it cannot be imported here. Nothing was imported."
    );

    // An older, unsealed file asks for a new questionnaire.
    let old = json!({"format": "fellowship-360-response/1", "code": s.code, "payload": "{}", "mac": "00"});
    let e = questionnaire_file::import_response(db, &s.t.faculty, import(&old.to_string()))
        .await
        .unwrap_err();
    assert!(e.message.contains("new questionnaire"), "{}", e.message);
    assert_eq!(responses(db).await, 0);

    // Only faculty import.
    assert_eq!(
        questionnaire_file::import_response(db, &s.t.fellow_user_a, import(&good))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );

    // The receipt names whose round it joined, and nothing of the answers.
    let r = questionnaire_file::import_response(db, &s.t.faculty, import(&good))
        .await
        .unwrap();
    assert_eq!(r.message, "1 response added to Ada Alpha's round.");
    assert_eq!(responses(db).await, 1);
    let (comment,): (String,) = fellowship::db::query_as("SELECT comment FROM feedback_responses")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(comment, format!("{MARKER} listens well"));

    // The same file again is refused, and nothing more is saved.
    let e = questionnaire_file::import_response(db, &s.t.faculty, import(&good))
        .await
        .unwrap_err();
    assert!(e.message.contains("already been imported"), "{}", e.message);
    // So is the code in the app's rater mode.
    let answers = serde_json::from_value(body(&s.code, &s.dims)).unwrap();
    let e = fellowship::feedback360::responses::submit_questionnaire(db, answers)
        .await
        .unwrap_err();
    assert!(e.message.contains("already been used"), "{}", e.message);
    assert_eq!(responses(db).await, 1);
}

#[tokio::test]
async fn the_key_is_made_once_and_a_later_questionnaire_carries_the_same_one() {
    let s = setup().await;
    let db = s.w.db();
    let first = response_seal::programme_key(db).await.unwrap();
    let again = response_seal::programme_key(db).await.unwrap();
    assert_eq!(first.key_id(), again.key_id());
    let (rows,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM questionnaire_keys")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
    assert_eq!(config(&s.html)["programme"]["key_id"], first.key_id());
}

/// The questionnaire's own JavaScript, taken from the HTML the core made, seals under node.
#[tokio::test]
async fn the_questionnaires_javascript_seals_a_file_the_core_imports() {
    let node_ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        eprintln!("SKIPPED: node is not installed, so the questionnaire's JavaScript was not run");
        return;
    }
    let s = setup().await;
    let db = s.w.db();
    // The script element after the configuration (whose "<" are escaped, so none is in it).
    let seal_js = script_after(&s.html, "<script id=\"config\"", "<script>");
    assert!(
        seal_js.contains("var fellowshipSeal"),
        "the sealing script is in the page"
    );
    let cfg = config(&s.html);
    let dir = s.w.dir.path();
    std::fs::write(dir.join("seal.js"), seal_js).unwrap();
    std::fs::write(
        dir.join("input.json"),
        json!({"programme": cfg["programme"], "body": body(&s.code, &s.dims)}).to_string(),
    )
    .unwrap();
    std::fs::write(
        dir.join("run.js"),
        r#"
const fs = require('fs');
const src = fs.readFileSync(process.argv[2], 'utf8');
const seal = new Function(src + '\nreturn fellowshipSeal;')();
const input = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
seal.seal(globalThis.crypto, input.programme, input.body).then((file) => {
  process.stdout.write(JSON.stringify({ file, name: seal.fileName(globalThis.crypto) }));
}, (e) => { console.error(e); process.exit(1); });
"#,
    )
    .unwrap();
    let out = std::process::Command::new("node")
        .arg(dir.join("run.js"))
        .arg(dir.join("seal.js"))
        .arg(dir.join("input.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = got["file"].as_str().unwrap();
    let name = got["name"].as_str().unwrap();
    assert!(
        name.starts_with("360-response-") && name.ends_with(".fellowship-response"),
        "{name}"
    );
    for secret in [s.code.as_str(), &s.code.replace('-', "")[..8], MARKER] {
        assert!(!file.contains(secret) && !name.contains(secret));
    }
    let r = questionnaire_file::import_response(db, &s.t.faculty, import(file))
        .await
        .unwrap();
    assert_eq!(r.message, "1 response added to Ada Alpha's round.");
    assert_eq!(responses(db).await, 1);
    let e = questionnaire_file::import_response(db, &s.t.faculty, import(file))
        .await
        .unwrap_err();
    assert!(e.message.contains("already been imported"), "{}", e.message);
}

/// Questionnaires already handed out are sealed to the programme's key, so restoring a backup
/// made before the key existed must not take it away.
#[cfg(not(feature = "postgres"))]
#[tokio::test]
async fn restoring_a_backup_keeps_the_programmes_key() {
    let mut w = world().await;
    let taken = w.call("make_backup", json!(null)).await.unwrap();
    let key = response_seal::programme_key(w.db()).await.unwrap();
    w.call(
        "restore_backup",
        json!({"file_name": taken["file_name"], "confirm": true}),
    )
    .await
    .unwrap();
    let after = response_seal::programme_key(w.db()).await.unwrap();
    assert_eq!(after.key_id(), key.key_id());
}
