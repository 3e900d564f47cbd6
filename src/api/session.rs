//! The signed-in session and the workspaces it may use: the programme's own database and,
//! apart from it, the demo programme, so that exploring never mixes demo data into real records.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::NoArgs;
use crate::auth::{self, Actor, NewUserInput, Role, SignInInput};
use crate::db::Db;
use crate::error::{ApiError, Checks, Result};
use crate::programme::programmes::{self, Programme, ProgrammeInput};

pub struct Workspaces {
    main_path: PathBuf,
    /// None while the programme's encrypted database waits for its passphrase. Replaced whole
    /// when the database is encrypted in place.
    main: std::sync::RwLock<Option<Db>>,
    demo_path: Option<PathBuf>,
    demo: tokio::sync::OnceCell<Db>,
    /// Passphrase guesses at unlock, per client (kept in memory: the database is still locked).
    unlock_attempts: crate::auth::throttle::InMemory,
}

impl Workspaces {
    /// `demo_path` is where the demo programme lives; None disables the demo.
    pub fn new(main: Db, demo_path: Option<PathBuf>) -> Self {
        Self {
            main_path: main.path.clone(),
            main: std::sync::RwLock::new(Some(main)),
            demo_path,
            demo: tokio::sync::OnceCell::new(),
            unlock_attempts: Default::default(),
        }
    }

    /// The programme's database is encrypted: it opens once someone gives its passphrase.
    pub fn locked(main_path: PathBuf, demo_path: Option<PathBuf>) -> Self {
        Self {
            main_path,
            main: std::sync::RwLock::new(None),
            demo_path,
            demo: tokio::sync::OnceCell::new(),
            unlock_attempts: Default::default(),
        }
    }

    /// The programme's own database (a cheap handle to its pool).
    pub fn main(&self) -> Result<Db> {
        self.main
            .read()
            .map_err(|_| ApiError::internal("The database handle was poisoned."))?
            .clone()
            .ok_or_else(crate::db::locked)
    }

    pub fn is_locked(&self) -> bool {
        self.main.read().map(|m| m.is_none()).unwrap_or(true)
    }

    fn set_main(&self, db: Db) {
        if let Ok(mut m) = self.main.write() {
            *m = Some(db);
        }
    }

    async fn demo(&self) -> Result<&Db> {
        let path = self
            .demo_path
            .clone()
            .ok_or_else(|| ApiError::not_found("The demo programme is not available here."))?;
        self.demo
            .get_or_try_init(|| async move {
                let db = Db::open(&path).await?;
                if programmes::current(&db).await?.is_none() {
                    crate::demo::fill(&db, &crate::demo::DemoSize::standard()).await?;
                }
                Ok::<Db, ApiError>(db)
            })
            .await
    }
}

/// A signed-in command's pass (see `Session::pass`).
pub struct Pass {
    pub db: Db,
    pub actor: Actor,
    epoch: i64,
}

impl Pass {
    /// The account is still enabled and its password unchanged since this sign-in.
    pub async fn current(&self) -> Result<()> {
        still_current(&self.db, self.actor.user_id, self.epoch).await
    }
}

async fn still_current(db: &Db, user_id: i64, epoch: i64) -> Result<()> {
    match auth::ensure_enabled(db, user_id).await {
        Ok(()) if crate::auth::passwords::epoch(db, user_id).await? != epoch => {
            Err(ApiError::signed_out(
                "This account's password was changed. Sign in again with the new one.",
            ))
        }
        other => other,
    }
}

pub struct Session {
    actor: Option<Actor>,
    /// Right password, second step still to do: who, and what they must do.
    pending: Option<(Actor, crate::accounts::second_step::SecondStepNeed)>,
    /// Where this session's requests come from (a client address on the programme server), for
    /// the guessing limits.
    client: String,
    /// The account's session epoch when this session signed in (see `passwords`).
    epoch: i64,
    in_demo: bool,
    /// When the signed-in user last did anything; a session idle longer than `idle_limit` locks.
    last_active: Option<std::time::Instant>,
    idle_limit: std::time::Duration,
    /// An organisation sign-in begun here and not yet finished.
    org_pending: Option<crate::accounts::org_sign_in::flow::Pending>,
    /// The desktop app's loopback return address, waiting for the browser.
    org_loopback:
        Option<tokio::sync::oneshot::Receiver<crate::accounts::org_sign_in::flow::OrgCallback>>,
}

/// What a programme server keeps of a session between requests, shared by its processes: ids and
/// times, never names or addresses (the actor is read afresh from its account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    pub user_id: Option<i64>,
    pending: Option<(i64, crate::accounts::second_step::SecondStepNeed)>,
    epoch: i64,
    in_demo: bool,
    /// When the signed-in user last did anything (seconds since 1970), for the idle lock.
    last_active: Option<i64>,
    org_pending: Option<crate::accounts::org_sign_in::flow::Pending>,
}

impl Kept {
    /// The same apart from when it was last used, and how far apart those times are (seconds).
    pub fn differs_only_in_time(&self, other: &Kept) -> Option<i64> {
        let same = Kept {
            last_active: other.last_active,
            ..self.clone()
        } == *other;
        same.then(|| {
            self.last_active
                .zip(other.last_active)
                .map_or(0, |(a, b)| (a - b).abs())
        })
    }

    /// The account the session is for, signed in or part way.
    pub fn account(&self) -> Option<i64> {
        self.user_id.or(self.pending.map(|(u, _)| u))
    }
}

pub use crate::clock::unix_now;

/// How long a signed-in session may sit unused before it locks.
pub const IDLE_MINUTES: u64 = 30;

impl Default for Session {
    fn default() -> Self {
        Session {
            actor: None,
            pending: None,
            client: crate::auth::THIS_COMPUTER.to_owned(),
            epoch: 0,
            in_demo: false,
            last_active: None,
            idle_limit: std::time::Duration::from_secs(IDLE_MINUTES * 60),
            org_pending: None,
            org_loopback: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    /// True until the first faculty account and programme exist.
    pub needs_setup: bool,
    /// The programme's data is encrypted and waits for its passphrase.
    pub locked: bool,
    /// The programme's data is encrypted at rest.
    pub encrypted: bool,
    pub in_demo: bool,
    /// A demo programme can be opened here (the desktop app; not a programme server).
    pub demo_available: bool,
    pub user: Option<crate::auth::ActorView>,
    pub programme: Option<Programme>,
    /// What the signed-in person may use, in navigation order (empty when nobody is).
    pub areas: Vec<crate::auth::access::Area>,
    /// The programme's time zone, in which every time is shown.
    pub time_zone: String,
    /// The password was right; this second step comes before being signed in.
    pub second_step: Option<crate::accounts::second_step::SecondStepNeed>,
    /// Organisation sign-in is offered (None when it is off).
    pub org_sign_in: Option<crate::accounts::org_sign_in::OrgSignInOffer>,
}

/// NHS programmes run on UK time; times are stored in UTC and shown in this zone.
pub const TIME_ZONE: &str = "Europe/London";

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnlockInput {
    pub passphrase: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EncryptInput {
    pub passphrase: String,
    pub passphrase_confirm: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetupInput {
    pub programme_name: String,
    pub name: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
}

impl Session {
    pub async fn db(&self, ws: &Workspaces) -> Result<Db> {
        if self.in_demo {
            ws.demo().await.cloned()
        } else {
            ws.main()
        }
    }

    pub fn actor(&self) -> Result<&Actor> {
        self.actor.as_ref().ok_or_else(ApiError::unauthenticated)
    }

    /// What a programme server keeps of this session; None when it holds nothing worth keeping
    /// (nobody signed in or signing in).
    pub fn kept(&self) -> Option<Kept> {
        if self.actor.is_none() && self.pending.is_none() && self.org_pending.is_none() {
            return None;
        }
        Some(Kept {
            user_id: self.actor.as_ref().map(|a| a.user_id),
            pending: self.pending.as_ref().map(|(a, need)| (a.user_id, *need)),
            epoch: self.epoch,
            in_demo: self.in_demo,
            last_active: self
                .last_active
                .map(|t| unix_now() - t.elapsed().as_secs() as i64),
            org_pending: self.org_pending.clone(),
        })
    }

    /// The session a programme server kept, for requests from `client`. The actor is read afresh
    /// from the account; an account gone since leaves the session signed out.
    pub async fn from_kept(ws: &Workspaces, kept: Kept, client: String) -> Session {
        let mut s = Session::from_client(client);
        s.in_demo = kept.in_demo;
        s.epoch = kept.epoch;
        s.org_pending = kept.org_pending;
        let Ok(db) = s.db(ws).await else {
            return s;
        };
        if let Some(id) = kept.user_id {
            let idle = std::time::Duration::from_secs(
                (unix_now() - kept.last_active.unwrap_or(0)).max(0) as u64,
            );
            // An idle time this process's clock cannot show is too long: signed out.
            let since = std::time::Instant::now().checked_sub(idle);
            if let (Ok(actor), Some(since)) = (auth::actor_by_id(&db, id).await, since) {
                s.actor = Some(actor);
                s.last_active = Some(since);
            }
        }
        if let Some((id, need)) = kept.pending {
            if let Ok(actor) = auth::actor_by_id(&db, id).await {
                s.pending = Some((actor, need));
            }
        }
        s
    }

    /// The address this session's requests come from.
    pub fn client(&self) -> &str {
        &self.client
    }

    /// A session with a different idle limit (tests, and settings later).
    pub fn with_idle_limit(limit: std::time::Duration) -> Self {
        Session {
            idle_limit: limit,
            ..Session::default()
        }
    }

    /// A session whose requests come from `client` (the programme server gives each browser
    /// session its client's address), for the guessing limits on sign-in and unlock.
    pub fn from_client(client: impl Into<String>) -> Self {
        Session {
            client: client.into(),
            ..Session::default()
        }
    }

    /// The signed-in user, if the session has not sat idle too long; each call counts as use.
    /// An idle session is signed out, so a machine left unattended does not stay open.
    pub fn active(&mut self) -> Result<&Actor> {
        let now = std::time::Instant::now();
        if self.actor.is_some() && self.last_active.is_some_and(|t| now - t > self.idle_limit) {
            self.actor = None;
            self.last_active = None;
            return Err(ApiError::signed_out(format!(
                "You were signed out after {} minutes without activity. Sign in again to carry on.",
                self.idle_limit.as_secs().div_ceil(60)
            )));
        }
        self.last_active = Some(now);
        self.actor()
    }

    /// Signs the session out (its account was disabled).
    pub fn end(&mut self) {
        self.actor = None;
        self.last_active = None;
    }

    /// A right password: signed in, or held at the second step the account needs.
    async fn enter(&mut self, db: &Db, actor: Actor) -> Result<()> {
        self.actor = None;
        self.org_pending = None;
        self.org_loopback = None;
        match crate::accounts::second_step::need(db, &actor).await? {
            Some(need) => {
                self.pending = Some((actor, need));
                Ok(())
            }
            None => self.signed_in(db, actor).await,
        }
    }

    async fn signed_in(&mut self, db: &Db, actor: Actor) -> Result<()> {
        self.pending = None;
        self.epoch = crate::auth::passwords::epoch(db, actor.user_id).await?;
        self.actor = Some(actor);
        self.last_active = Some(std::time::Instant::now());
        Ok(())
    }

    /// A session stays usable only while its account is enabled and its password unchanged since
    /// it signed in: checked on every call, so disabling an account or changing its password
    /// stops a session already open.
    pub async fn ensure_current(&mut self, db: &Db) -> Result<()> {
        let user_id = self.active()?.user_id;
        let checked = still_current(db, user_id, self.epoch).await;
        if checked.is_err() {
            self.end();
        }
        checked
    }

    /// What a signed-in command needs from the session, taken in one short step so the command
    /// itself can run while others do: the programme, who is calling, and which sign-in this is.
    /// Counts as activity for the idle lock.
    pub async fn pass(&mut self, ws: &Workspaces) -> Result<Pass> {
        let db = self.db(ws).await?;
        let actor = self.active()?.clone();
        Ok(Pass {
            db,
            actor,
            epoch: self.epoch,
        })
    }

    /// Ends the session if it is still the sign-in `pass` was taken from; a sign-in made
    /// meanwhile stays.
    pub fn end_if(&mut self, pass: &Pass) {
        let same = self.actor.as_ref().map(|a| a.user_id) == Some(pass.actor.user_id);
        if same && self.epoch == pass.epoch {
            self.end();
        }
    }

    /// Changes the signed-in person's own password; this session stays signed in, every other
    /// session of the account ends.
    pub async fn change_password(
        &mut self,
        ws: &Workspaces,
        input: crate::auth::passwords::ChangePasswordInput,
    ) -> Result<AppStatus> {
        let db = self.db(ws).await?;
        self.ensure_current(&db).await?;
        let actor = self.active()?.clone();
        let result = crate::auth::passwords::change(&db, &actor, &self.client, input).await;
        let named = crate::privacy::audit::Named::of("change_password", &serde_json::Value::Null);
        crate::privacy::audit::record(
            &db,
            Some(&actor),
            "",
            "change_password",
            crate::privacy::audit::Action::Change,
            named,
            result.as_ref().map(|_| ()),
        )
        .await?;
        self.epoch = result?;
        self.status(ws).await
    }

    /// Sets a new password with a one-time reset link, and signs the person in.
    pub async fn reset_password(
        &mut self,
        ws: &Workspaces,
        input: crate::auth::passwords::ResetInput,
    ) -> Result<AppStatus> {
        let db = self.db(ws).await?;
        let actor = crate::auth::passwords::reset(&db, input).await?;
        let named = crate::privacy::audit::Named::of("reset_password", &serde_json::Value::Null);
        crate::privacy::audit::record(
            &db,
            Some(&actor),
            "",
            "reset_password",
            crate::privacy::audit::Action::Change,
            named,
            Ok(()),
        )
        .await?;
        crate::accounts::org_sign_in::password_may_sign_in(&db, &actor).await?;
        self.in_demo = false;
        self.enter(&db, actor).await?;
        self.status(ws).await
    }

    /// The second step at sign-in: a code from the authenticator app, or a recovery code.
    pub async fn verify_second_step(
        &mut self,
        ws: &Workspaces,
        input: crate::accounts::second_step::CodeEntry,
    ) -> Result<AppStatus> {
        let db = self.db(ws).await?;
        let Some((actor, crate::accounts::second_step::SecondStepNeed::Code)) =
            self.pending.clone()
        else {
            return Err(ApiError::unauthenticated());
        };
        let result =
            crate::accounts::second_step::verify(&db, actor.user_id, &input, &self.client).await;
        let named =
            crate::privacy::audit::Named::of("verify_second_step", &serde_json::Value::Null);
        crate::privacy::audit::record(
            &db,
            Some(&actor),
            "",
            "verify_second_step",
            crate::privacy::audit::Action::Change,
            named,
            result.as_ref().map(|_| ()),
        )
        .await?;
        result?;
        self.signed_in(&db, actor).await?;
        self.status(ws).await
    }

    /// Who may set up a second step now: the signed-in person, or one held at sign-in because
    /// the programme requires it.
    fn setting_up(&self) -> Result<Actor> {
        match (&self.actor, &self.pending) {
            (Some(a), _) => Ok(a.clone()),
            (None, Some((a, crate::accounts::second_step::SecondStepNeed::Setup))) => Ok(a.clone()),
            _ => Err(ApiError::unauthenticated()),
        }
    }

    pub async fn begin_second_step(
        &mut self,
        ws: &Workspaces,
        _: NoArgs,
    ) -> Result<crate::accounts::second_step::SecondStepSetup> {
        let db = self.db(ws).await?;
        let actor = self.setting_up()?;
        if self.actor.is_some() {
            self.ensure_current(&db).await?;
        }
        crate::accounts::second_step::begin(&db, &actor).await
    }

    /// Turns the second step on with a code from the app; one held at sign-in is then signed in.
    pub async fn confirm_second_step(
        &mut self,
        ws: &Workspaces,
        input: crate::accounts::second_step::CodeEntry,
    ) -> Result<crate::accounts::second_step::RecoveryCodes> {
        let db = self.db(ws).await?;
        let actor = self.setting_up()?;
        if self.actor.is_some() {
            self.ensure_current(&db).await?;
        }
        let result = crate::accounts::second_step::confirm(&db, &actor, input).await;
        let named =
            crate::privacy::audit::Named::of("confirm_second_step", &serde_json::Value::Null);
        crate::privacy::audit::record(
            &db,
            Some(&actor),
            "",
            "confirm_second_step",
            crate::privacy::audit::Action::Change,
            named,
            result.as_ref().map(|_| ()),
        )
        .await?;
        let codes = result?;
        if self.actor.is_none() {
            self.signed_in(&db, actor).await?;
        }
        Ok(codes)
    }

    /// Rater mode: a 360 rater opens their questionnaire with an invitation code, no account.
    pub async fn open_questionnaire(
        &mut self,
        ws: &Workspaces,
        input: crate::feedback360::responses::CodeInput,
    ) -> Result<crate::feedback360::responses::Questionnaire> {
        crate::feedback360::responses::open_questionnaire(&self.db(ws).await?, input).await
    }

    pub async fn submit_questionnaire(
        &mut self,
        ws: &Workspaces,
        input: crate::feedback360::responses::QuestionnaireAnswers,
    ) -> Result<crate::feedback360::responses::Receipt> {
        crate::feedback360::responses::submit_questionnaire(&self.db(ws).await?, input).await
    }

    pub async fn app_status(&mut self, ws: &Workspaces, _: NoArgs) -> Result<AppStatus> {
        self.status(ws).await
    }

    pub async fn status(&self, ws: &Workspaces) -> Result<AppStatus> {
        if !self.in_demo && ws.is_locked() {
            return Ok(AppStatus {
                needs_setup: false,
                locked: true,
                encrypted: true,
                in_demo: false,
                demo_available: ws.demo_path.is_some(),
                user: None,
                programme: None,
                areas: vec![],
                time_zone: TIME_ZONE.into(),
                second_step: None,
                org_sign_in: None,
            });
        }
        let db = self.db(ws).await?;
        Ok(AppStatus {
            needs_setup: auth::user_count(&db).await? == 0,
            locked: false,
            encrypted: db.is_encrypted(),
            in_demo: self.in_demo,
            demo_available: ws.demo_path.is_some(),
            user: self.actor.as_ref().map(Actor::view),
            programme: programmes::current(&db).await?,
            areas: self
                .actor
                .as_ref()
                .map(|a| crate::auth::access::areas(a.role()))
                .unwrap_or_default(),
            time_zone: TIME_ZONE.into(),
            second_step: self.pending.as_ref().map(|(_, need)| *need),
            org_sign_in: crate::accounts::org_sign_in::offer(&db).await?,
        })
    }

    /// The sign-up page: who an invitation link is for (no account needed).
    pub async fn open_invitation(
        &mut self,
        ws: &Workspaces,
        input: crate::accounts::invitations::TokenInput,
    ) -> Result<crate::accounts::invitations::InvitationView> {
        crate::accounts::invitations::view(&self.db(ws).await?, input).await
    }

    /// Creates the invited account and signs it in.
    pub async fn accept_invitation(
        &mut self,
        ws: &Workspaces,
        input: crate::accounts::invitations::AcceptInput,
    ) -> Result<AppStatus> {
        let db = self.db(ws).await?;
        let actor = crate::accounts::invitations::accept(&db, input).await?;
        let named = crate::privacy::audit::Named::of("accept_invitation", &serde_json::Value::Null);
        crate::privacy::audit::record(
            &db,
            Some(&actor),
            "",
            "accept_invitation",
            crate::privacy::audit::Action::Change,
            named,
            Ok(()),
        )
        .await?;
        crate::accounts::org_sign_in::password_may_sign_in(&db, &actor).await?;
        self.enter(&db, actor).await?;
        self.status(ws).await
    }

    /// Opens the programme's encrypted database with its passphrase.
    pub async fn unlock(&mut self, ws: &Workspaces, input: UnlockInput) -> Result<AppStatus> {
        if ws.is_locked() {
            use crate::auth::throttle::Decision;
            let now = chrono::Utc::now();
            if let Decision::Wait(until) = ws.unlock_attempts.attempt(&self.client, now) {
                return Err(ApiError::field(
                    "passphrase",
                    crate::auth::throttle::wait_message(until, now),
                ));
            }
            let db = Db::unlock(&ws.main_path, &input.passphrase).await?;
            ws.unlock_attempts.clear(&self.client);
            // The daily backup waits for the key; make it now if it is due.
            if let Err(e) = crate::db::backups::scheduled(&db, chrono::Utc::now()).await {
                eprintln!("Fellowship could not make its daily backup: {}", e.message);
            }
            ws.set_main(db);
        }
        self.status(ws).await
    }

    /// Encrypts the programme's database in place with a new passphrase (faculty only).
    pub async fn encrypt_database(
        &mut self,
        ws: &Workspaces,
        input: EncryptInput,
    ) -> Result<AppStatus> {
        let actor = self.active()?.clone();
        crate::auth::access::require_faculty(&actor)?;
        if self.in_demo {
            return Err(ApiError::forbidden(
                "The demo programme holds no real data and is not encrypted.",
            ));
        }
        let db = ws.main()?;
        let named = crate::privacy::audit::Named::of("encrypt_database", &serde_json::Value::Null);
        let result =
            crate::db::encryption::encrypt(&db, &input.passphrase, &input.passphrase_confirm).await;
        let now = match &result {
            Ok(encrypted) => encrypted.clone(),
            Err(_) => db,
        };
        crate::privacy::audit::record(
            &now,
            Some(&actor),
            "",
            "encrypt_database",
            crate::privacy::audit::Action::Change,
            named,
            result.as_ref().map(|_| ()),
        )
        .await?;
        ws.set_main(result?);
        self.status(ws).await
    }

    /// First start: creates the programme and its first faculty account, and signs in.
    pub async fn setup_programme(
        &mut self,
        ws: &Workspaces,
        input: SetupInput,
    ) -> Result<AppStatus> {
        let db = &ws.main()?;
        let mut c = Checks::new();
        if input.programme_name.trim().is_empty() {
            c.fail("programme_name", "Enter the programme's name.");
        }
        if input.password != input.password_confirm {
            c.fail("password_confirm", "The two passwords are not the same.");
        }
        c.finish()?;
        let mut tx = db.begin().await?;
        // Checked inside the write transaction, so two first starts cannot both succeed.
        let (users,): (i64,) = crate::db::query_as("SELECT count(*) FROM users")
            .fetch_one(&mut *tx)
            .await?;
        if users > 0 {
            return Err(ApiError::forbidden(
                "This programme is already set up; please sign in.",
            ));
        }
        programmes::insert(
            &mut tx,
            &ProgrammeInput {
                name: input.programme_name,
                description: String::new(),
            },
        )
        .await?;
        let user = NewUserInput {
            name: input.name,
            email: input.email,
            password: input.password,
            role: Role::Faculty,
            fellow_id: None,
            host_id: None,
        };
        let id = auth::insert_user(&mut tx, &user).await?;
        tx.commit().await?;
        self.in_demo = false;
        self.signed_in(db, auth::actor_by_id(db, id).await?).await?;
        self.status(ws).await
    }

    pub async fn sign_in(&mut self, ws: &Workspaces, input: SignInInput) -> Result<AppStatus> {
        let db = self.db(ws).await?;
        let db = &db;
        let result = match auth::sign_in_from(db, &input, &self.client).await {
            Ok(actor) => crate::accounts::org_sign_in::password_may_sign_in(db, &actor)
                .await
                .map(|()| actor),
            refused => refused,
        };
        let named = crate::privacy::audit::Named::of("sign_in", &serde_json::Value::Null);
        // What the trail keeps of a refused address is bounded like the address itself.
        let typed: String = input
            .email
            .trim()
            .chars()
            .take(crate::validate::MAX_EMAIL_LEN)
            .collect();
        crate::privacy::audit::record(
            db,
            result.as_ref().ok(),
            &typed,
            "sign_in",
            crate::privacy::audit::Action::SignIn,
            named,
            result.as_ref().map(|_| ()),
        )
        .await?;
        self.enter(db, result?).await?;
        self.status(ws).await
    }

    /// Begins signing in with the organisation's account. On the programme server the browser
    /// goes to the provider and comes back to `return_to` (the app's own address); in the desktop
    /// app the system browser is opened and comes back to a loopback address on this computer.
    pub async fn begin_org_sign_in(
        &mut self,
        ws: &Workspaces,
        input: crate::accounts::org_sign_in::OrgSignInStart,
    ) -> Result<crate::accounts::org_sign_in::OrgSignInStarted> {
        let db = self.db(ws).await?;
        let provider = crate::accounts::org_sign_in::provider(&db)
            .await?
            .ok_or_else(|| {
                ApiError::not_found("Organisation sign-in is not set up for this programme.")
            })?;
        let desktop = input.return_to.trim().is_empty();
        if desktop && self.client != auth::THIS_COMPUTER {
            return Err(ApiError::field(
                "return_to",
                "Give the address of the app's own page to come back to.",
            ));
        }
        let (redirect_uri, loopback) = if desktop {
            let l = crate::accounts::org_sign_in::loopback::start().await?;
            (l.redirect_uri, Some(l.received))
        } else {
            (input.return_to.trim().to_owned(), None)
        };
        let (url, pending) =
            crate::accounts::org_sign_in::flow::begin(&provider, &redirect_uri).await?;
        self.org_pending = Some(pending);
        self.org_loopback = loopback;
        let opened = desktop && crate::opener::open(&url).is_ok();
        Ok(crate::accounts::org_sign_in::OrgSignInStarted {
            url,
            waits_here: desktop,
            browser_opened: opened,
        })
    }

    /// The browser came back from the provider with `input` (the programme server's flow).
    pub async fn finish_org_sign_in(
        &mut self,
        ws: &Workspaces,
        input: crate::accounts::org_sign_in::flow::OrgCallback,
    ) -> Result<AppStatus> {
        let db = self.db(ws).await?;
        self.org_loopback = None;
        let pending = self.org_pending.take();
        let result = async {
            let provider = crate::accounts::org_sign_in::provider(&db)
                .await?
                .ok_or_else(|| {
                    ApiError::not_found("Organisation sign-in is not set up for this programme.")
                })?;
            let who =
                crate::accounts::org_sign_in::flow::finish(&provider, pending, &input).await?;
            let actor = crate::accounts::org_sign_in::link::account_for(&db, &who).await?;
            Ok::<_, ApiError>((actor, who.multi_factor))
        }
        .await;
        let named = crate::privacy::audit::Named::of("org_sign_in", &serde_json::Value::Null);
        crate::privacy::audit::record(
            &db,
            result.as_ref().ok().map(|(a, _)| a),
            "",
            "org_sign_in",
            crate::privacy::audit::Action::SignIn,
            named,
            result.as_ref().map(|_| ()),
        )
        .await?;
        let (actor, multi_factor) = result?;
        self.in_demo = false;
        if multi_factor {
            // The organisation's provider already asked for a second factor.
            self.signed_in(&db, actor).await?;
        } else {
            self.enter(&db, actor).await?;
        }
        self.status(ws).await
    }

    /// The desktop app asks whether the system browser has come back yet.
    pub async fn check_org_sign_in(&mut self, ws: &Workspaces, _: NoArgs) -> Result<OrgSignInWait> {
        let polled = crate::accounts::org_sign_in::loopback::poll(&mut self.org_loopback);
        if polled.is_err() {
            self.org_pending = None;
        }
        match polled? {
            None => Ok(OrgSignInWait {
                done: false,
                status: self.status(ws).await?,
            }),
            Some(back) => Ok(OrgSignInWait {
                done: true,
                status: self.finish_org_sign_in(ws, back).await?,
            }),
        }
    }

    pub async fn sign_out(&mut self, ws: &Workspaces, _: NoArgs) -> Result<AppStatus> {
        self.actor = None;
        self.pending = None;
        self.status(ws).await
    }

    /// Opens the demo programme, signed in as its demo faculty user.
    pub async fn explore_demo(&mut self, ws: &Workspaces, _: NoArgs) -> Result<AppStatus> {
        let db = ws.demo().await?;
        let actor = auth::sign_in(db, &crate::demo::faculty_sign_in()).await?;
        self.in_demo = true;
        self.signed_in(db, actor).await?;
        self.status(ws).await
    }

    pub async fn leave_demo(&mut self, ws: &Workspaces, _: NoArgs) -> Result<AppStatus> {
        self.in_demo = false;
        self.actor = None;
        self.status(ws).await
    }
}

/// The answer to `check_org_sign_in`: whether the browser came back, and who is now in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OrgSignInWait {
    /// The browser came back and the sign-in is finished (`status` says who is in).
    pub done: bool,
    pub status: AppStatus,
}
