//! Invitation codes for raters: 40 random bits to find the invitation and 160 random bits of
//! secret, written in Crockford-style base32 in groups of five. Only the secret's SHA-256 is
//! stored, and it is compared in constant time.

use data_encoding::{Encoding, Specification};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const LOOKUP_BYTES: usize = 5;
const SECRET_BYTES: usize = 20;

fn alphabet() -> Encoding {
    let mut spec = Specification::new();
    // No I, L, O or U: nothing to misread when a code is typed from paper.
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    spec.encoding().expect("a valid base32 alphabet")
}

pub struct NewCode {
    /// What the rater is given, e.g. "7K3QX-9M2PA-…".
    pub code: String,
    pub lookup: String,
    pub secret_hash: Vec<u8>,
}

pub fn generate() -> NewCode {
    let mut bytes = [0u8; LOOKUP_BYTES + SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text = alphabet().encode(&bytes);
    let lookup = text[..8].to_owned();
    let grouped: Vec<String> = text
        .as_bytes()
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    NewCode {
        code: grouped.join("-"),
        lookup,
        secret_hash: Sha256::digest(&bytes[LOOKUP_BYTES..]).to_vec(),
    }
}

/// Splits a typed code into its lookup and the hash of its secret. Spaces, dashes and case are
/// forgiven; the letters people confuse with digits are read as those digits.
pub fn parse(typed: &str) -> Option<(String, Vec<u8>)> {
    let clean: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    let bytes = alphabet().decode(clean.as_bytes()).ok()?;
    if bytes.len() != LOOKUP_BYTES + SECRET_BYTES {
        return None;
    }
    Some((
        clean[..8].to_owned(),
        Sha256::digest(&bytes[LOOKUP_BYTES..]).to_vec(),
    ))
}

pub fn same_secret(stored: &[u8], presented: &[u8]) -> bool {
    stored.len() == presented.len() && bool::from(stored.ct_eq(presented))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_to_its_lookup_and_secret() {
        let c = generate();
        assert_eq!(c.code.replace('-', "").len(), 40);
        let (lookup, hash) = parse(&c.code).unwrap();
        assert_eq!(lookup, c.lookup);
        assert!(same_secret(&c.secret_hash, &hash));
        // Typed in lower case with spaces instead of dashes, it still works.
        let typed = c.code.to_lowercase().replace('-', " ");
        assert!(same_secret(&c.secret_hash, &parse(&typed).unwrap().1));
    }

    #[test]
    fn a_changed_or_short_code_is_refused() {
        let c = generate();
        let mut chars: Vec<char> = c.code.chars().collect();
        let last = chars.len() - 1;
        chars[last] = if chars[last] == '0' { '2' } else { '0' };
        let altered: String = chars.into_iter().collect();
        if let Some((_, hash)) = parse(&altered) {
            assert!(!same_secret(&c.secret_hash, &hash));
        }
        assert!(parse(&c.code[..20]).is_none());
        assert!(parse("not a code").is_none());
    }

    #[test]
    fn codes_do_not_repeat() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            assert!(seen.insert(generate().code));
        }
    }
}
