//! Room `api`: the command surface. Uses every room below it; only `transport` and `tools` use it.
//!
//! The one declared command surface. Each command names its request and response types once;
//! from that list come the dispatcher (used by the Tauri shell now and an HTTP server later)
//! and the TypeScript `Commands` map the UI is typed against.

pub mod log_file;
pub mod reference;
pub mod restore;
pub mod session;
pub mod workspace;

use serde_json::Value;
use ts_rs::TS;

use crate::accounts::invitations::{
    self as accounts, AcceptInput, DisableInput, InvitationSummary, InvitationView, InviteInput,
    IssuedInvitation, TokenInput,
};
use crate::accounts::org_sign_in::flow::OrgCallback;
use crate::accounts::org_sign_in::{
    self, OrgSignInInput, OrgSignInSettings, OrgSignInStart, OrgSignInStarted,
    PasswordFallbackInput,
};
use crate::accounts::resets::{IssuedReset, ResetRequest};
use crate::accounts::second_step::{
    self, CodeEntry, RecoveryCodes, SecondStepRule, SecondStepSetup, SecondStepStatus, UserRef,
};
use crate::accounts::users::UserSummary;
use crate::api::log_file::About;
use crate::api::reference::ReferenceData;
use crate::api::restore::{BackupInfo, BackupRef, RestoreInput, RestoreResult};
use crate::api::session::{
    AppStatus, EncryptInput, OrgSignInWait, Pass, Session, SetupInput, UnlockInput, Workspaces,
};
use crate::api::workspace::{ServerInput, WorkspaceInfo};
use crate::auth::passwords::{ChangePasswordInput, ResetInput};
use crate::auth::{Actor, NewUserInput, SignInInput};
use crate::calendar::{self, feed::CalendarFeed, feed::IssuedFeed};
use crate::challenges::actions::{
    self, ActionInput, ActionNoteInput, MilestoneInput, ReorderActionsInput,
};
use crate::challenges::board::{self, BoardInput, BoardPage};
use crate::challenges::measures::{
    self, MeasureChangeInput, MeasureChart, MeasureInput, MeasureRef, MeasureValuesInput, PdsaInput,
};
use crate::challenges::reviews::{self, CommentInput, ReviewDraftInput, SignReviewInput};
use crate::challenges::summary_pdf::{self, Document};
use crate::challenges::{
    self, Challenge, ChallengeDetail, ChallengeFilter, ChallengeInput, ChallengeStatusInput,
    ProgressScoreInput,
};
use crate::db::backups::BackupPreview;
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::feedback360::code_sheets::{self, CodesInput};
use crate::feedback360::frameworks::{self, FrameworkDetail, FrameworkInput, FrameworkSummary};
use crate::feedback360::invitations::{
    self, IssueCodesInput, IssuedCode, Nomination, NominationInput, NominationsRef,
};
use crate::feedback360::overview::{
    self as feedback_overview, CohortFeedback, MyRound, SharedReport,
};
use crate::feedback360::progress::{self, RoundPageInput, RoundProgress};
use crate::feedback360::questionnaire_file::{self, ResponseFileInput};
use crate::feedback360::report::{
    self as feedback_report, FeedbackReport, ReportRef, ReportShareInput,
};
use crate::feedback360::report_pdf;
use crate::feedback360::responses::{
    self as feedback_responses, CodeInput, Questionnaire, QuestionnaireAnswers, Receipt,
    SelfAssessment, SelfAssessmentInput,
};
use crate::feedback360::rounds::{self, Round, RoundInput};
use crate::learning::mentoring::{
    self, GapInput, MentoringOverview, OverviewInput, Relationship, RelationshipDetail,
    RelationshipInput, SessionInput,
};
use crate::learning::portfolio;
use crate::learning::reflections::{
    self, Reflection, ReflectionFilter, ReflectionInput, ReflectionInsights, ReflectionOptions,
    ReflectionSummary, ShareInput,
};
use crate::learning::set_sessions::{self, RecordSetSessionInput, SetSessionRecord};
use crate::learning::sets::{
    self, GroundRulesInput, LearningSet, LearningSetDetail, LearningSetFilter, LearningSetInput,
    ScheduleSessionInput,
};
use crate::mail::outbox::{self, Outbox, OutboxFilter};
use crate::mail::prefs::{self as email_prefs, EmailPreference, EmailPreferenceInput};
use crate::mail::settings::{
    self as mail_settings, MailSettings, MailSettingsInput, TestEmailInput, TestEmailResult,
};
use crate::outcomes::dashboard::{self, Dashboard, DashboardInput};
use crate::outcomes::export::{self as outcomes_export, OutcomesExportInput};
use crate::outcomes::follow_up::{
    self, FollowUp, FollowUpInput, OutcomeResponse, OutcomeResponseInput, ResponseRef,
};
use crate::outcomes::historic::{self, HistoricImportInput, HistoricPreview, HistoricResult};
use crate::outcomes::import::{
    self as outcomes_import, ImportPreview, ImportResult, OutcomeImportInput,
};
use crate::outcomes::{self, OutcomeMeasure, OutcomeMeasureInput, Wave, WaveInput};
use crate::privacy::audit::{self, AuditEntry, AuditFilter};
use crate::privacy::erasure::{self, EraseDueInput, EraseInput, ErasedDue, ErasureReport};
use crate::privacy::subject_access;
use crate::privacy::{
    self, ConsentInput, FellowRef, Privacy, RetentionInput, RetentionReview, TodayInput,
};
use crate::programme::cohorts::{self, Cohort, CohortInput, CohortOverview, CohortOverviewInput};
use crate::programme::fellows::{
    self, Fellow, FellowFilter, FellowInput, FellowPage, FellowPageInput, FellowProfile,
    StatusChangeInput,
};
use crate::programme::hosts::{self, HostInput, HostOrg, HostPage, HostPageInput};
use crate::programme::picks::{self, FellowPickInput, FellowPicks, HostPickInput, HostPicks};
use crate::programme::programmes::{self, Programme, ProgrammeInput};
use crate::today::{self, Today};

/// Gathers the TypeScript declaration of every named type reachable from the roots it visits,
/// each once, by name: ts-rs visits a type's fields in no fixed order, and the file is compared
/// with the committed one.
#[derive(Default)]
struct Collect {
    decls: std::collections::BTreeMap<String, String>,
}

impl ts_rs::TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Containers (Vec, Option, maps) have no declaration of their own: their parameters do.
        T::visit_generics(self);
        if T::output_path().is_some() && !self.decls.contains_key(&T::ident()) {
            self.decls.insert(T::ident(), T::decl());
            T::visit_dependencies(self);
        }
    }
}

/// How a signed-in command reaches its session: owned for the call (a server request, a
/// test), or shared by calls running at once (the desktop app).
enum Gate<'a> {
    Own(&'a mut Session),
    Shared(&'a tokio::sync::Mutex<Session>),
}

impl Gate<'_> {
    /// The command's pass. A disabled account's session, or one from before a password change,
    /// ends at its next call.
    async fn pass(self, ws: &Workspaces) -> Result<Pass> {
        match self {
            Gate::Own(session) => {
                let pass = session.pass(ws).await?;
                if let Err(e) = pass.current().await {
                    session.end();
                    return Err(e);
                }
                Ok(pass)
            }
            Gate::Shared(session) => {
                let pass = session.lock().await.pass(ws).await?;
                if let Err(e) = pass.current().await {
                    session.lock().await.end_if(&pass);
                    return Err(e);
                }
                Ok(pass)
            }
        }
    }
}

/// A request with no arguments.
pub type NoArgs = ();

/// An identifier argument, for commands that fetch one record.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct Id {
    pub id: i64,
}

/// A command's kind of access, as the command table declares it beside each command.
macro_rules! action {
    (view) => {
        audit::Action::View
    };
    (change) => {
        audit::Action::Change
    };
    (export) => {
        audit::Action::Export
    };
    (reference) => {
        audit::Action::Reference
    };
}

macro_rules! commands {
    (
        on_this_computer { $($cname:ident($creq:ty) -> $cres:ty;)* }
        session { $($sname:ident($sreq:ty) -> $sres:ty;)* }
        signed_in { $($kind:ident $name:ident($req:ty) -> $res:ty = $handler:expr;)* }
    ) => {
        /// Every command name, for transports that route by name.
        pub const COMMANDS: &[&str] = &[$(stringify!($cname),)* $(stringify!($sname),)* $(stringify!($name),)*];

        /// The commands the desktop app answers itself, about this computer (its workspace, its
        /// log, its browser's return from organisation sign-in), parsed from the table so a new
        /// or renamed one cannot be missed there. Elsewhere the session answers them.
        #[allow(non_camel_case_types)]
        pub enum ComputerCommand { $($cname($creq),)* }

        impl ComputerCommand {
            /// Whether the command is one of these.
            pub fn is(command: &str) -> bool {
                matches!(command, $(stringify!($cname))|*)
            }

            /// The command with its arguments, bounded and read like any other's.
            pub fn parse(command: &str, args: Value) -> Result<ComputerCommand> {
                crate::validate::lengths(&args)?;
                match command {
                    $(stringify!($cname) => parse(args).map(ComputerCommand::$cname),)*
                    other => Err(ApiError::not_found(format!("{other} is not a command about this computer."))),
                }
            }
        }

        /// Each signed-in command's kind of access, as declared in the table.
        pub const ACTIONS: &[(&str, audit::Action)] = &[$((stringify!($name), action!($kind)),)*];

        /// Runs one command for this session. Unknown commands and malformed arguments are
        /// errors, never panics.
        pub async fn dispatch(ws: &Workspaces, session: &mut Session, command: &str, args: Value) -> Result<Value> {
            // Each command runs in its own boxed future, so the dispatcher's own stack frame stays
            // small however many commands there are (debug builds give every arm its own slots).
            match command {
                $(stringify!($cname) => Box::pin(async move {
                    crate::validate::lengths(&args)?;
                    let req: $creq = parse(args)?;
                    let res: $cres = session.$cname(ws, req).await?;
                    to_value(res)
                }).await,)*
                $(stringify!($sname) => Box::pin(async move {
                    // Every text is bounded before anything reads it.
                    crate::validate::lengths(&args)?;
                    let req: $sreq = parse(args)?;
                    let res: $sres = session.$sname(ws, req).await?;
                    to_value(res)
                }).await,)*
                _ => signed_in(ws, Gate::Own(session), command, args).await,
            }
        }

        /// Runs one command for a session that several commands share at once (the desktop
        /// app): a command that signs in or out has the session to itself; a signed-in command
        /// holds it only to take its pass, then runs beside the others.
        pub async fn dispatch_shared(ws: &Workspaces, session: &tokio::sync::Mutex<Session>, command: &str, args: Value) -> Result<Value> {
            match command {
                $(stringify!($cname))|* | $(stringify!($sname))|* => dispatch(ws, &mut *session.lock().await, command, args).await,
                _ => signed_in(ws, Gate::Shared(session), command, args).await,
            }
        }

        async fn signed_in(ws: &Workspaces, gate: Gate<'_>, command: &str, args: Value) -> Result<Value> {
            match command {
                $(stringify!($name) => Box::pin(async move {
                    crate::validate::lengths(&args)?;
                    let named = audit::Named::of(stringify!($name), &args);
                    let req: $req = parse(args)?;
                    let pass = gate.pass(ws).await?;
                    let (db, actor) = (&pass.db, &pass.actor);
                    let result: Result<$res> = $handler(db, actor, req).await;
                    // Every command is recorded, done or refused, before its answer goes back.
                    audit::record(db, Some(actor), "", stringify!($name), action!($kind), named, result.as_ref().map(|_| ())).await?;
                    to_value(result?)
                }).await,)*
                other => Err(ApiError::not_found(format!("The app does not know the command {other}."))),
            }
        }

        fn visit_commands(v: &mut Collect) {
            use ts_rs::TypeVisitor;
            $(v.visit::<$creq>(); v.visit::<$cres>();)*
            $(v.visit::<$sreq>(); v.visit::<$sres>();)*
            $(v.visit::<$req>(); v.visit::<$res>();)*
        }

        fn command_map() -> String {
            let mut out = String::from("export type Commands = {\n");
            $(out.push_str(&format!("  {}: {{ req: {}; res: {} }};\n", stringify!($cname), <$creq as TS>::name(), <$cres as TS>::name()));)*
            $(out.push_str(&format!("  {}: {{ req: {}; res: {} }};\n", stringify!($sname), <$sreq as TS>::name(), <$sres as TS>::name()));)*
            $(out.push_str(&format!("  {}: {{ req: {}; res: {} }};\n", stringify!($name), <$req as TS>::name(), <$res as TS>::name()));)*
            out.push_str("};\n");
            out
        }
    };
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(args: Value) -> Result<T> {
    serde_json::from_value(args).map_err(|e| ApiError::unreadable(&e))
}

pub(crate) fn to_value<T: serde::Serialize>(v: T) -> Result<Value> {
    serde_json::to_value(v)
        .map_err(|e| ApiError::internal(format!("Could not send the answer: {e}")))
}

commands! {
    on_this_computer {
        workspace_info(NoArgs) -> WorkspaceInfo;
        about(NoArgs) -> About;
        open_log_folder(NoArgs) -> About;
        open_server_workspace(ServerInput) -> WorkspaceInfo;
        open_local_workspace(NoArgs) -> WorkspaceInfo;
        begin_org_sign_in(OrgSignInStart) -> OrgSignInStarted;
        check_org_sign_in(NoArgs) -> OrgSignInWait;
    }
    session {
        app_status(NoArgs) -> AppStatus;
        setup_programme(SetupInput) -> AppStatus;
        unlock(UnlockInput) -> AppStatus;
        encrypt_database(EncryptInput) -> AppStatus;
        open_invitation(TokenInput) -> InvitationView;
        accept_invitation(AcceptInput) -> AppStatus;
        sign_in(SignInInput) -> AppStatus;
        sign_out(NoArgs) -> AppStatus;
        change_password(ChangePasswordInput) -> AppStatus;
        reset_password(ResetInput) -> AppStatus;
        explore_demo(NoArgs) -> AppStatus;
        leave_demo(NoArgs) -> AppStatus;
        open_questionnaire(CodeInput) -> Questionnaire;
        submit_questionnaire(QuestionnaireAnswers) -> Receipt;
        verify_second_step(CodeEntry) -> AppStatus;
        begin_second_step(NoArgs) -> SecondStepSetup;
        confirm_second_step(CodeEntry) -> RecoveryCodes;
        finish_org_sign_in(OrgCallback) -> AppStatus;
    }
    signed_in {
        reference reference_data(NoArgs) -> ReferenceData = |_: &Db, _: &Actor, _: NoArgs| async { Ok::<_, ApiError>(reference::reference_data()) };
        reference get_programme(NoArgs) -> Programme = |db, a, _: NoArgs| programmes::get(db, a);
        change update_programme(ProgrammeInput) -> Programme = programmes::update;
        reference list_cohorts(NoArgs) -> Vec<Cohort> = |db, a, _: NoArgs| cohorts::list(db, a);
        change save_cohort(CohortInput) -> Cohort = cohorts::save;
        view cohort_overview(CohortOverviewInput) -> CohortOverview = cohorts::overview;
        view list_hosts(NoArgs) -> Vec<HostOrg> = |db, a, _: NoArgs| hosts::list(db, a);
        view page_hosts(HostPageInput) -> HostPage = hosts::page;
        view pick_hosts(HostPickInput) -> HostPicks = picks::hosts;
        view get_host(Id) -> HostOrg = |db, a, r: Id| hosts::get(db, a, r.id);
        change save_host(HostInput) -> HostOrg = hosts::save;
        view list_fellows(FellowFilter) -> Vec<Fellow> = fellows::list;
        view page_fellows(FellowPageInput) -> FellowPage = fellows::page;
        view pick_fellows(FellowPickInput) -> FellowPicks = picks::fellows;
        view get_fellow(Id) -> FellowProfile = |db, a, r: Id| fellows::get(db, a, r.id);
        change save_fellow(FellowInput) -> FellowProfile = fellows::save;
        change change_fellow_status(StatusChangeInput) -> FellowProfile = fellows::change_status;
        view list_users(NoArgs) -> Vec<UserSummary> = |db, a, _: NoArgs| crate::accounts::users::list_users(db, a);
        change create_user(NewUserInput) -> UserSummary = crate::accounts::users::create_user;
        view list_challenges(ChallengeFilter) -> Vec<Challenge> = challenges::list;
        view get_challenge(Id) -> ChallengeDetail = |db, a, r: Id| challenges::get(db, a, r.id);
        change save_challenge(ChallengeInput) -> ChallengeDetail = challenges::save;
        change change_challenge_status(ChallengeStatusInput) -> ChallengeDetail = challenges::change_status;
        change set_progress_score(ProgressScoreInput) -> ChallengeDetail = challenges::set_progress;
        change save_action(ActionInput) -> ChallengeDetail = actions::save;
        change add_action_note(ActionNoteInput) -> ChallengeDetail = actions::add_note;
        change reorder_actions(ReorderActionsInput) -> ChallengeDetail = actions::reorder;
        change save_milestone(MilestoneInput) -> ChallengeDetail = actions::save_milestone;
        change save_measure(MeasureInput) -> ChallengeDetail = measures::save;
        change add_measure_values(MeasureValuesInput) -> MeasureChart = measures::add_values;
        change add_measure_change(MeasureChangeInput) -> MeasureChart = measures::add_change;
        view measure_chart(MeasureRef) -> MeasureChart = measures::chart;
        change save_pdsa(PdsaInput) -> ChallengeDetail = measures::save_pdsa;
        change add_comment(CommentInput) -> ChallengeDetail = reviews::add_comment;
        change save_review_draft(ReviewDraftInput) -> ChallengeDetail = reviews::save_draft;
        change sign_review(SignReviewInput) -> ChallengeDetail = reviews::sign;
        view cohort_board(BoardInput) -> BoardPage = board::cohort_board;
        export challenge_summary_pdf(Id) -> Document = |db, a, r: Id| summary_pdf::summary_document(db, a, r.id);
        view reflection_options(NoArgs) -> ReflectionOptions = |db, a, _: NoArgs| reflections::options(db, a);
        view list_reflections(ReflectionFilter) -> Vec<ReflectionSummary> = reflections::list_own;
        view get_reflection(Id) -> Reflection = |db, a, r: Id| reflections::get(db, a, r.id);
        change save_reflection(ReflectionInput) -> Reflection = reflections::save;
        change share_reflection(ShareInput) -> Reflection = reflections::share;
        change withdraw_reflection_share(ShareInput) -> Reflection = reflections::withdraw_share;
        view reflections_shared_with_me(NoArgs) -> Vec<ReflectionSummary> = |db, a, _: NoArgs| reflections::shared_with_me(db, a);
        view reflection_insights(NoArgs) -> ReflectionInsights = |db, a, _: NoArgs| reflections::insights(db, a);
        change save_relationship(RelationshipInput) -> Relationship = mentoring::save_relationship;
        view my_relationships(NoArgs) -> Vec<Relationship> = |db, a, _: NoArgs| mentoring::my_relationships(db, a);
        view get_relationship(Id) -> RelationshipDetail = |db, a, r: Id| mentoring::get_relationship(db, a, r.id);
        change log_mentoring_session(SessionInput) -> RelationshipDetail = mentoring::log_session;
        view mentoring_overview(OverviewInput) -> MentoringOverview = mentoring::overview;
        change set_mentoring_gap(GapInput) -> MentoringOverview = mentoring::set_gap_days;
        view list_learning_sets(LearningSetFilter) -> Vec<LearningSet> = sets::list;
        view get_learning_set(Id) -> LearningSetDetail = |db, a, r: Id| sets::get(db, a, r.id);
        change save_learning_set(LearningSetInput) -> LearningSetDetail = sets::save;
        change save_ground_rules(GroundRulesInput) -> LearningSetDetail = sets::save_ground_rules;
        change schedule_set_session(ScheduleSessionInput) -> LearningSetDetail = sets::schedule_session;
        view get_set_session(Id) -> SetSessionRecord = |db, a, r: Id| set_sessions::get(db, a, r.id);
        change record_set_session(RecordSetSessionInput) -> SetSessionRecord = set_sessions::record;
        view list_frameworks(NoArgs) -> Vec<FrameworkSummary> = |db, a, _: NoArgs| frameworks::list(db, a);
        view get_framework(Id) -> FrameworkDetail = |db, a, r: Id| frameworks::get(db, a, r.id);
        change save_framework(FrameworkInput) -> FrameworkDetail = frameworks::save;
        view list_feedback_rounds(NoArgs) -> Vec<Round> = |db, a, _: NoArgs| rounds::list(db, a);
        change open_feedback_round(RoundInput) -> Round = rounds::open;
        view feedback_round_progress(RoundPageInput) -> RoundProgress = progress::progress;
        change close_feedback_round(Id) -> Round = |db, a, r: Id| rounds::close(db, a, r.id);
        view list_nominations(NominationsRef) -> Vec<Nomination> = invitations::list;
        change nominate_rater(NominationInput) -> Vec<Nomination> = invitations::nominate;
        change issue_invitation_codes(IssueCodesInput) -> Vec<IssuedCode> = invitations::issue;
        view get_self_assessment(Id) -> SelfAssessment = |db, a, r: Id| feedback_responses::self_assessment(db, a, r.id);
        change save_self_assessment(SelfAssessmentInput) -> SelfAssessment = feedback_responses::save_self_assessment;
        view get_feedback_report(ReportRef) -> FeedbackReport = feedback_report::get;
        change review_feedback_report(ReportRef) -> FeedbackReport = feedback_report::review;
        change release_feedback_report(ReportRef) -> FeedbackReport = feedback_report::release;
        change share_feedback_report(ReportShareInput) -> FeedbackReport = feedback_report::share_with_host;
        export feedback_report_pdf(ReportRef) -> Document = report_pdf::report_pdf;
        view my_feedback(NoArgs) -> Vec<MyRound> = |db, a, _: NoArgs| feedback_overview::mine(db, a);
        view shared_feedback_reports(NoArgs) -> Vec<SharedReport> = |db, a, _: NoArgs| feedback_overview::shared_with_me(db, a);
        view cohort_feedback(Id) -> CohortFeedback = |db, a, r: Id| feedback_overview::cohort(db, a, r.id);
        view audit_log(AuditFilter) -> Vec<AuditEntry> = audit::list;
        export export_audit_log(AuditFilter) -> Document = audit::export;
        view get_privacy(FellowRef) -> Privacy = privacy::get;
        change record_consent(ConsentInput) -> Privacy = privacy::record_consent;
        export export_subject_access(FellowRef) -> Document = subject_access::export_json;
        export export_subject_access_readable(FellowRef) -> Document = subject_access::export_html;
        change erase_fellow(EraseInput) -> ErasureReport = erasure::erase;
        change erase_due_alumni(EraseDueInput) -> ErasedDue = erasure::erase_due;
        view retention_review(TodayInput) -> RetentionReview = privacy::retention_review;
        view my_today(TodayInput) -> Today = today::my_today;
        change invitation_code_sheet(CodesInput) -> Document = code_sheets::sheet_pdf;
        change invitation_code_merge(CodesInput) -> Document = code_sheets::merge_csv;
        view my_calendar(NoArgs) -> Document = |db, a, _: NoArgs| calendar::download(db, a);
        view my_calendar_feed(NoArgs) -> CalendarFeed = calendar::feed::status;
        change renew_calendar_feed(NoArgs) -> IssuedFeed = calendar::feed::renew;
        change revoke_calendar_feed(NoArgs) -> CalendarFeed = calendar::feed::revoke;
        view get_mail_settings(NoArgs) -> MailSettings = |db, a, _: NoArgs| mail_settings::get(db, a);
        change save_mail_settings(MailSettingsInput) -> MailSettings = mail_settings::save;
        change send_test_email(TestEmailInput) -> TestEmailResult = mail_settings::send_test;
        view list_outbox(OutboxFilter) -> Outbox = outbox::list;
        change retry_outbox_message(Id) -> Outbox = |db, a, r: Id| outbox::retry(db, a, r.id);
        view my_email_preference(NoArgs) -> EmailPreference = |db, a, _: NoArgs| email_prefs::mine(db, a);
        change set_email_preference(EmailPreferenceInput) -> EmailPreference = email_prefs::set;
        view my_second_step(NoArgs) -> SecondStepStatus = |db, a, _: NoArgs| second_step::status(db, a);
        change remove_second_step(CodeEntry) -> SecondStepStatus = second_step::remove;
        change reset_second_step(UserRef) -> SecondStepStatus = second_step::reset;
        change set_second_step_rule(SecondStepRule) -> SecondStepStatus = second_step::set_rule;
        view get_org_sign_in(NoArgs) -> OrgSignInSettings = |db, a, _: NoArgs| org_sign_in::get(db, a);
        change save_org_sign_in(OrgSignInInput) -> OrgSignInSettings = org_sign_in::save;
        change set_password_fallback(PasswordFallbackInput) -> Vec<UserSummary> = org_sign_in::set_password_fallback;
        change unlink_org_account(UserRef) -> Vec<UserSummary> = |db, a, r: UserRef| org_sign_in::link::unlink(db, a, r.user_id);
        change set_retention(RetentionInput) -> i64 = privacy::set_retention;
        change invite_user(InviteInput) -> IssuedInvitation = accounts::invite;
        view list_invitations(NoArgs) -> Vec<InvitationSummary> = |db, a, _: NoArgs| accounts::list(db, a);
        change set_user_disabled(DisableInput) -> Vec<UserSummary> = accounts::set_disabled;
        change make_password_reset(ResetRequest) -> IssuedReset = crate::accounts::resets::make_reset;
        view list_backups(NoArgs) -> Vec<BackupInfo> = restore::list_backups;
        change make_backup(NoArgs) -> BackupInfo = restore::make_backup;
        view preview_backup(BackupRef) -> BackupPreview = restore::preview_backup;
        change restore_backup(RestoreInput) -> RestoreResult = restore::restore_backup;
        view list_outcome_waves(NoArgs) -> Vec<Wave> = |db, a, _: NoArgs| outcomes::list_waves(db, a);
        change save_outcome_wave(WaveInput) -> Vec<Wave> = outcomes::save_wave;
        view list_outcome_measures(NoArgs) -> Vec<OutcomeMeasure> = |db, a, _: NoArgs| outcomes::list_measures(db, a);
        change save_outcome_measure(OutcomeMeasureInput) -> Vec<OutcomeMeasure> = outcomes::save_measure;
        view outcome_follow_up(FollowUpInput) -> FollowUp = follow_up::follow_up;
        view get_outcome_response(ResponseRef) -> OutcomeResponse = follow_up::get_response;
        change save_outcome_response(OutcomeResponseInput) -> OutcomeResponse = follow_up::save_response;
        view preview_outcome_import(OutcomeImportInput) -> ImportPreview = outcomes_import::preview;
        change import_outcomes(OutcomeImportInput) -> ImportResult = outcomes_import::import;
        view preview_historic_import(HistoricImportInput) -> HistoricPreview = historic::preview;
        change import_historic(HistoricImportInput) -> HistoricResult = historic::import;
        export historic_import_template(NoArgs) -> Document = |db, a, _: NoArgs| historic::template(db, a);
        export annual_report(NoArgs) -> Document = |db, a, _: NoArgs| crate::outcomes::annual_report::annual_report(db, a);
        view outcomes_dashboard(DashboardInput) -> Dashboard = dashboard::dashboard;
        export export_outcomes(OutcomesExportInput) -> Document = outcomes_export::export_csv;
        export outcomes_data_dictionary(NoArgs) -> Document = |db, a, _: NoArgs| outcomes_export::data_dictionary(db, a);
        export questionnaire_file(CodeInput) -> Document = questionnaire_file::questionnaire_file;
        change import_questionnaire_response(ResponseFileInput) -> Receipt = questionnaire_file::import_response;
        export portfolio_pdf(NoArgs) -> Document = |db, a, _: NoArgs| portfolio::pdf(db, a);
        export portfolio_markdown(NoArgs) -> Document = |db, a, _: NoArgs| portfolio::markdown(db, a);
    }
}

/// The TypeScript the UI is typed against: every type that crosses, then the `Commands` map.
/// ts-rs renders i64 as `bigint`; serde_json sends plain numbers, and our ids and counts fit
/// easily in a JavaScript number, so they are declared as `number`.
pub fn typescript() -> String {
    // The declarations are collected from the command table, so a type a command names is never
    // missing from the UI's types, and none is kept that no command uses. Errors cross every
    // command, so they are named here.
    use ts_rs::TypeVisitor;
    let mut collect = Collect::default();
    collect.visit::<ApiError>();
    visit_commands(&mut collect);
    let decls = collect.decls.into_values();
    let mut out = String::from(
        "// Generated from the Rust core by `fellowship typescript`. Do not edit by hand.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d.replace("bigint", "number"));
        out.push_str("\n\n");
    }
    out.push_str(&command_map());
    out
}

#[cfg(test)]
mod tests {
    use crate::privacy::audit::Action;

    fn action(command: &str) -> Action {
        super::ACTIONS
            .iter()
            .find(|(c, _)| *c == command)
            .map(|(_, a)| *a)
            .unwrap()
    }

    /// The kinds are declared by hand, so a file leaving the app declared as a view or change
    /// would hide an export in the trail: every command that makes a document is an export.
    #[test]
    fn each_command_declares_its_kind_of_access() {
        assert_eq!(action("get_reflection"), Action::View);
        assert_eq!(action("save_reflection"), Action::Change);
        assert_eq!(action("feedback_report_pdf"), Action::Export);
        assert_eq!(action("export_outcomes"), Action::Export);
        assert_eq!(action("reference_data"), Action::Reference);
        for (command, kind) in super::ACTIONS {
            if command.ends_with("_pdf") || command.starts_with("export_") {
                assert_eq!(*kind, Action::Export, "{command}");
            }
            if command.starts_with("save_") || command.starts_with("list_") {
                assert_ne!(*kind, Action::Export, "{command}");
            }
        }
        assert_eq!(super::ACTIONS.len() + 25, super::COMMANDS.len());
    }

    /// Two Rust types with one name would collide in TypeScript and break the UI's build.
    #[test]
    fn every_typescript_declaration_has_its_own_name() {
        let ts = super::typescript();
        let mut names: Vec<&str> = ts
            .lines()
            .filter_map(|l| l.strip_prefix("export type "))
            .filter_map(|l| l.split([' ', '<', '=']).next())
            .collect();
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        assert!(total > 100);
        assert_eq!(names.len(), total, "a type name is declared twice");
    }
}
