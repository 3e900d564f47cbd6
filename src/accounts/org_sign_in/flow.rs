//! The authorisation code flow with PKCE, by the `openidconnect` crate: discovery, the address
//! the person is sent to, and on their return the code exchanged and the ID token checked
//! (signature, issuer, audience, expiry, nonce). What this module returns is an identity the
//! provider vouched for; `link` decides whether it opens an account.

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EmailClaim, Provider};
use crate::error::{ApiError, Result};

/// How long someone has to finish signing in at the provider.
pub const PENDING_MINUTES: u64 = 10;

/// A sign-in begun and not yet finished: kept in the session only (on a programme server, in its
/// kept state for at most `PENDING_MINUTES`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    redirect_uri: String,
    issuer: String,
    /// Seconds since 1970, so another server process can tell its age.
    started: i64,
}

impl Pending {
    fn expired(&self) -> bool {
        crate::clock::unix_now() - self.started > (PENDING_MINUTES * 60) as i64
    }
}

/// What the provider sends back to the redirect address (the query string's fields).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct OrgCallback {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub state: String,
    /// The provider's refusal (`access_denied` when the person cancelled).
    #[serde(default)]
    pub error: String,
    #[serde(default)]
    pub error_description: String,
}

/// An identity the provider vouched for.
#[derive(Debug, Clone)]
pub struct Verified {
    pub issuer: String,
    pub subject: String,
    /// The address in the chosen claim; None when the provider gave none, or (for `email`)
    /// did not say it was verified.
    pub email: Option<String>,
    pub name: Option<String>,
    /// The provider already did multi-factor authentication (`amr`), so ours is skipped.
    pub multi_factor: bool,
}

/// No redirects followed (they would let a provider's answer send us elsewhere), and a time limit.
fn http() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .map_err(|e| ApiError::internal(format!("Could not start the web client: {e}")))
}

async fn client(
    provider: &Provider,
    http: &reqwest::Client,
    redirect_uri: &str,
) -> Result<
    openidconnect::core::CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
> {
    let issuer = IssuerUrl::new(provider.issuer.clone())
        .map_err(|_| ApiError::internal("The organisation sign-in's issuer is not an address."))?;
    // Discovery also checks the provider names itself with exactly this issuer.
    let metadata = CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(|e| {
            ApiError::signed_out(format!(
                "The organisation's sign-in service at {} could not be used ({}). Try again later, or ask the programme office.",
                provider.issuer,
                discovery_reason(&e)
            ))
        })?;
    let redirect = RedirectUrl::new(redirect_uri.to_owned())
        .map_err(|_| ApiError::internal("The sign-in return address is not an address."))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        provider.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(redirect))
}

fn discovery_reason<E: std::error::Error>(e: &openidconnect::DiscoveryError<E>) -> String {
    match e {
        openidconnect::DiscoveryError::Validation(v) => v.clone(),
        openidconnect::DiscoveryError::Request(r) => r.to_string(),
        openidconnect::DiscoveryError::Response(status, _, _) => format!("it answered {status}"),
        openidconnect::DiscoveryError::Parse(_) => "its description could not be read".into(),
        other => other.to_string(),
    }
}

/// Where to send the person, and what to keep until they come back to `redirect_uri`.
pub async fn begin(provider: &Provider, redirect_uri: &str) -> Result<(String, Pending)> {
    let http = http()?;
    let client = client(provider, &http, redirect_uri).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let state = CsrfToken::new_random();
    let nonce = Nonce::new_random();
    let (url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || state,
            move || nonce,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    Ok((
        url.to_string(),
        Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            redirect_uri: redirect_uri.to_owned(),
            issuer: provider.issuer.clone(),
            started: crate::clock::unix_now(),
        },
    ))
}

const START_AGAIN: &str =
    "This sign-in link has already been used or has expired. Choose \"Sign in with your organisation account\" to start again.";

/// The person came back: checks the state against the one this session sent, exchanges the code
/// (with the PKCE verifier only this session holds) and verifies the ID token.
pub async fn finish(
    provider: &Provider,
    pending: Option<Pending>,
    back: &OrgCallback,
) -> Result<Verified> {
    let Some(pending) = pending else {
        return Err(ApiError::signed_out(START_AGAIN));
    };
    use subtle::ConstantTimeEq;
    if !bool::from(pending.state.as_bytes().ct_eq(back.state.as_bytes())) {
        return Err(ApiError::signed_out(
            "This sign-in did not start here (its state does not match), so it was refused. Choose \"Sign in with your organisation account\" to start again.",
        ));
    }
    if pending.expired() {
        return Err(ApiError::signed_out(START_AGAIN));
    }
    if !back.error.is_empty() {
        return Err(ApiError::signed_out(if back.error == "access_denied" {
            "Signing in with your organisation account was cancelled.".to_owned()
        } else {
            format!(
                "Your organisation's sign-in service refused: {}.",
                if back.error_description.is_empty() {
                    &back.error
                } else {
                    &back.error_description
                }
            )
        }));
    }
    if back.code.is_empty() || pending.issuer != provider.issuer {
        return Err(ApiError::signed_out(START_AGAIN));
    }
    let http = http()?;
    let client = client(provider, &http, &pending.redirect_uri).await?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(back.code.clone()))
        .map_err(|_| ApiError::signed_out("The organisation's sign-in service has no token address."))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
        .request_async(&http)
        .await
        .map_err(|e| match e {
            // A code used twice, or too late: the provider's invalid_grant.
            openidconnect::RequestTokenError::ServerResponse(r)
                if *r.error() == openidconnect::core::CoreErrorResponseType::InvalidGrant =>
            {
                ApiError::signed_out(START_AGAIN)
            }
            other => ApiError::signed_out(format!(
                "Your organisation's sign-in service did not accept this app's request ({other}). Ask the programme office to check the sign-in settings."
            )),
        })?;
    let id_token = tokens.id_token().ok_or_else(|| {
        ApiError::signed_out("Your organisation's sign-in service sent no ID token.")
    })?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce))
        .map_err(|e| {
            ApiError::signed_out(format!(
                "The identity your organisation's sign-in service sent could not be trusted ({e}), so it was refused."
            ))
        })?;
    let email = match provider.email_claim {
        EmailClaim::Email => claims
            .email()
            .filter(|_| claims.email_verified() == Some(true))
            .map(|e| e.as_str().to_owned()),
        EmailClaim::PreferredUsername => claims.preferred_username().map(|u| u.as_str().to_owned()),
    };
    let amr: Vec<&str> = claims
        .auth_method_refs()
        .map(|v| v.iter().map(|a| a.as_str()).collect())
        .unwrap_or_default();
    Ok(Verified {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        email,
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned()),
        multi_factor: multi_factor(&amr),
    })
}

/// RFC 8176: `mfa` says so outright; otherwise something known (password, PIN) together with
/// something held or something one is (a one-time code, a key, a fingerprint, a face).
pub fn multi_factor(amr: &[&str]) -> bool {
    let knows = ["pwd", "pin", "kba"];
    let has_or_is = [
        "otp", "hwk", "swk", "sc", "sms", "tel", "fpt", "face", "iris", "retina", "vbm",
    ];
    amr.contains(&"mfa")
        || (amr.iter().any(|a| knows.contains(a)) && amr.iter().any(|a| has_or_is.contains(a)))
}

#[cfg(test)]
mod tests {
    use super::multi_factor;

    #[test]
    fn multi_factor_needs_mfa_or_two_kinds_of_factor() {
        assert!(multi_factor(&["pwd", "mfa"]));
        assert!(multi_factor(&["pwd", "otp"]));
        assert!(!multi_factor(&["pwd"]));
        assert!(!multi_factor(&["otp", "sms"]));
        assert!(!multi_factor(&[]));
    }
}
