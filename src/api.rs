//! The one declared command surface. Each command names its request and response types once;
//! from that list come the dispatcher (used by the Tauri shell now and an HTTP server later)
//! and the TypeScript `Commands` map the UI is typed against.

use serde_json::Value;
use ts_rs::TS;

use crate::audit::{self, AuditEntry, AuditFilter};
use crate::auth::{self, Actor, NewUserInput, SignInInput, UserSummary};
use crate::backups::BackupPreview;
use crate::calendar::{self, feed::CalendarFeed, feed::IssuedFeed};
use crate::challenges::actions::{
    self, ActionInput, ActionNoteInput, MilestoneInput, ReorderActionsInput,
};
use crate::challenges::board::{self, BoardInput, BoardRow};
use crate::challenges::measures::{
    self, MeasureChangeInput, MeasureChart, MeasureInput, MeasureRef, MeasureValuesInput, PdsaInput,
};
use crate::challenges::reviews::{self, CommentInput, ReviewDraftInput, SignReviewInput};
use crate::challenges::summary_pdf::{self, Document};
use crate::challenges::{
    self, Challenge, ChallengeDetail, ChallengeFilter, ChallengeInput, ChallengeStatusInput,
    ProgressScoreInput,
};
use crate::codes::{self, ReferenceData};
use crate::cohorts::{self, Cohort, CohortInput, CohortOverview};
use crate::db::Db;
use crate::desktop::{ServerInput, WorkspaceInfo};
use crate::error::{ApiError, Result};
use crate::feedback360::code_sheets::{self, CodesInput};
use crate::feedback360::frameworks::{self, FrameworkDetail, FrameworkInput, FrameworkSummary};
use crate::feedback360::invitations::{
    self, IssueCodesInput, IssuedCode, Nomination, NominationInput, NominationsRef,
};
use crate::feedback360::overview::{
    self as feedback_overview, CohortFeedback, MyRound, SharedReport,
};
use crate::feedback360::questionnaire_file::{self, ResponseFileInput};
use crate::feedback360::report::{
    self as feedback_report, FeedbackReport, ReportRef, ReportShareInput,
};
use crate::feedback360::report_pdf;
use crate::feedback360::responses::{
    self as feedback_responses, CodeInput, Questionnaire, QuestionnaireAnswers, Receipt,
    SelfAssessment, SelfAssessmentInput,
};
use crate::feedback360::rounds::{self, Round, RoundInput, RoundProgress};
use crate::fellows::{self, Fellow, FellowFilter, FellowInput, FellowProfile, StatusChangeInput};
use crate::hosts::{self, HostInput, HostOrg};
use crate::invitations::{
    self as accounts, AcceptInput, DisableInput, InvitationSummary, InvitationView, InviteInput,
    IssuedInvitation, TokenInput,
};
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
use crate::log_file::About;
use crate::mail::outbox::{self, Outbox, OutboxFilter};
use crate::mail::prefs::{self as email_prefs, EmailPreference, EmailPreferenceInput};
use crate::mail::settings::{
    self as mail_settings, MailSettings, MailSettingsInput, TestEmailInput, TestEmailResult,
};
use crate::org_sign_in::flow::OrgCallback;
use crate::org_sign_in::{
    self, OrgSignInInput, OrgSignInSettings, OrgSignInStart, OrgSignInStarted, OrgSignInWait,
    PasswordFallbackInput,
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
use crate::passwords::{self, ChangePasswordInput, IssuedReset, ResetInput, ResetRequest};
use crate::privacy::erasure::{self, EraseDueInput, EraseInput, ErasedDue, ErasureReport};
use crate::privacy::subject_access;
use crate::privacy::{
    self, ConsentInput, FellowRef, Privacy, RetentionInput, RetentionReview, TodayInput,
};
use crate::programmes::{self, Programme, ProgrammeInput};
use crate::restore::{self, BackupInfo, BackupRef, RestoreInput, RestoreResult};
use crate::second_step::{
    self, CodeEntry, RecoveryCodes, SecondStepRule, SecondStepSetup, SecondStepStatus, UserRef,
};
use crate::session::{AppStatus, EncryptInput, Session, SetupInput, UnlockInput, Workspaces};
use crate::today::{self, Today};

/// A request with no arguments.
pub type NoArgs = ();

/// An identifier argument, for commands that fetch one record.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct Id {
    pub id: i64,
}

macro_rules! commands {
    (
        session { $($sname:ident($sreq:ty) -> $sres:ty;)* }
        signed_in { $($name:ident($req:ty) -> $res:ty = $handler:expr;)* }
    ) => {
        /// Every command name, for transports that route by name.
        pub const COMMANDS: &[&str] = &[$(stringify!($sname),)* $(stringify!($name),)*];

        /// Runs one command for this session. Unknown commands and malformed arguments are
        /// errors, never panics.
        pub async fn dispatch(ws: &Workspaces, session: &mut Session, command: &str, args: Value) -> Result<Value> {
            // Each command runs in its own boxed future, so the dispatcher's own stack frame stays
            // small however many commands there are (debug builds give every arm its own slots).
            match command {
                $(stringify!($sname) => Box::pin(async move {
                    // Every text is bounded before anything reads it.
                    crate::validate::lengths(&args)?;
                    let req: $sreq = parse(args)?;
                    let res: $sres = session.$sname(ws, req).await?;
                    to_value(res)
                }).await,)*
                $(stringify!($name) => Box::pin(async move {
                    crate::validate::lengths(&args)?;
                    let named = audit::Named::of(stringify!($name), &args);
                    let req: $req = parse(args)?;
                    let db = session.db(ws).await?;
                    let db = &db;
                    // A disabled account's session, or one from before a password change, ends
                    // at its next call.
                    session.ensure_current(db).await?;
                    let actor = session.actor()?;
                    let result: Result<$res> = $handler(db, actor, req).await;
                    // Every command is recorded, done or refused, before its answer goes back.
                    audit::record(db, Some(actor), "", stringify!($name), named, result.as_ref().map(|_| ())).await?;
                    to_value(result?)
                }).await,)*
                other => Err(ApiError::not_found(format!("The app does not know the command {other}."))),
            }
        }

        fn command_map() -> String {
            let mut out = String::from("export type Commands = {\n");
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
    session {
        app_status(NoArgs) -> AppStatus;
        workspace_info(NoArgs) -> WorkspaceInfo;
        about(NoArgs) -> About;
        open_log_folder(NoArgs) -> About;
        open_server_workspace(ServerInput) -> WorkspaceInfo;
        open_local_workspace(NoArgs) -> WorkspaceInfo;
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
        begin_org_sign_in(OrgSignInStart) -> OrgSignInStarted;
        finish_org_sign_in(OrgCallback) -> AppStatus;
        check_org_sign_in(NoArgs) -> OrgSignInWait;
    }
    signed_in {
        reference_data(NoArgs) -> ReferenceData = |_: &Db, _: &Actor, _: NoArgs| async { Ok::<_, ApiError>(codes::reference_data()) };
        get_programme(NoArgs) -> Programme = |db, a, _: NoArgs| programmes::get(db, a);
        update_programme(ProgrammeInput) -> Programme = programmes::update;
        list_cohorts(NoArgs) -> Vec<Cohort> = |db, a, _: NoArgs| cohorts::list(db, a);
        save_cohort(CohortInput) -> Cohort = cohorts::save;
        cohort_overview(Id) -> CohortOverview = |db, a, r: Id| cohorts::overview(db, a, r.id);
        list_hosts(NoArgs) -> Vec<HostOrg> = |db, a, _: NoArgs| hosts::list(db, a);
        get_host(Id) -> HostOrg = |db, a, r: Id| hosts::get(db, a, r.id);
        save_host(HostInput) -> HostOrg = hosts::save;
        list_fellows(FellowFilter) -> Vec<Fellow> = fellows::list;
        get_fellow(Id) -> FellowProfile = |db, a, r: Id| fellows::get(db, a, r.id);
        save_fellow(FellowInput) -> FellowProfile = fellows::save;
        change_fellow_status(StatusChangeInput) -> FellowProfile = fellows::change_status;
        list_users(NoArgs) -> Vec<UserSummary> = |db, a, _: NoArgs| auth::list_users(db, a);
        create_user(NewUserInput) -> UserSummary = auth::create_user;
        list_challenges(ChallengeFilter) -> Vec<Challenge> = challenges::list;
        get_challenge(Id) -> ChallengeDetail = |db, a, r: Id| challenges::get(db, a, r.id);
        save_challenge(ChallengeInput) -> ChallengeDetail = challenges::save;
        change_challenge_status(ChallengeStatusInput) -> ChallengeDetail = challenges::change_status;
        set_progress_score(ProgressScoreInput) -> ChallengeDetail = challenges::set_progress;
        save_action(ActionInput) -> ChallengeDetail = actions::save;
        add_action_note(ActionNoteInput) -> ChallengeDetail = actions::add_note;
        reorder_actions(ReorderActionsInput) -> ChallengeDetail = actions::reorder;
        save_milestone(MilestoneInput) -> ChallengeDetail = actions::save_milestone;
        save_measure(MeasureInput) -> ChallengeDetail = measures::save;
        add_measure_values(MeasureValuesInput) -> MeasureChart = measures::add_values;
        add_measure_change(MeasureChangeInput) -> MeasureChart = measures::add_change;
        measure_chart(MeasureRef) -> MeasureChart = measures::chart;
        save_pdsa(PdsaInput) -> ChallengeDetail = measures::save_pdsa;
        add_comment(CommentInput) -> ChallengeDetail = reviews::add_comment;
        save_review_draft(ReviewDraftInput) -> ChallengeDetail = reviews::save_draft;
        sign_review(SignReviewInput) -> ChallengeDetail = reviews::sign;
        cohort_board(BoardInput) -> Vec<BoardRow> = board::cohort_board;
        challenge_summary_pdf(Id) -> Document = |db, a, r: Id| summary_pdf::summary_document(db, a, r.id);
        reflection_options(NoArgs) -> ReflectionOptions = |db, a, _: NoArgs| reflections::options(db, a);
        list_reflections(ReflectionFilter) -> Vec<ReflectionSummary> = reflections::list_own;
        get_reflection(Id) -> Reflection = |db, a, r: Id| reflections::get(db, a, r.id);
        save_reflection(ReflectionInput) -> Reflection = reflections::save;
        share_reflection(ShareInput) -> Reflection = reflections::share;
        withdraw_reflection_share(ShareInput) -> Reflection = reflections::withdraw_share;
        reflections_shared_with_me(NoArgs) -> Vec<ReflectionSummary> = |db, a, _: NoArgs| reflections::shared_with_me(db, a);
        reflection_insights(NoArgs) -> ReflectionInsights = |db, a, _: NoArgs| reflections::insights(db, a);
        save_relationship(RelationshipInput) -> Relationship = mentoring::save_relationship;
        my_relationships(NoArgs) -> Vec<Relationship> = |db, a, _: NoArgs| mentoring::my_relationships(db, a);
        get_relationship(Id) -> RelationshipDetail = |db, a, r: Id| mentoring::get_relationship(db, a, r.id);
        log_mentoring_session(SessionInput) -> RelationshipDetail = mentoring::log_session;
        mentoring_overview(OverviewInput) -> MentoringOverview = mentoring::overview;
        set_mentoring_gap(GapInput) -> MentoringOverview = mentoring::set_gap_days;
        list_learning_sets(LearningSetFilter) -> Vec<LearningSet> = sets::list;
        get_learning_set(Id) -> LearningSetDetail = |db, a, r: Id| sets::get(db, a, r.id);
        save_learning_set(LearningSetInput) -> LearningSetDetail = sets::save;
        save_ground_rules(GroundRulesInput) -> LearningSetDetail = sets::save_ground_rules;
        schedule_set_session(ScheduleSessionInput) -> LearningSetDetail = sets::schedule_session;
        get_set_session(Id) -> SetSessionRecord = |db, a, r: Id| set_sessions::get(db, a, r.id);
        record_set_session(RecordSetSessionInput) -> SetSessionRecord = set_sessions::record;
        list_frameworks(NoArgs) -> Vec<FrameworkSummary> = |db, a, _: NoArgs| frameworks::list(db, a);
        get_framework(Id) -> FrameworkDetail = |db, a, r: Id| frameworks::get(db, a, r.id);
        save_framework(FrameworkInput) -> FrameworkDetail = frameworks::save;
        list_feedback_rounds(NoArgs) -> Vec<Round> = |db, a, _: NoArgs| rounds::list(db, a);
        open_feedback_round(RoundInput) -> Round = rounds::open;
        feedback_round_progress(Id) -> RoundProgress = |db, a, r: Id| rounds::progress(db, a, r.id);
        close_feedback_round(Id) -> Round = |db, a, r: Id| rounds::close(db, a, r.id);
        list_nominations(NominationsRef) -> Vec<Nomination> = invitations::list;
        nominate_rater(NominationInput) -> Vec<Nomination> = invitations::nominate;
        issue_invitation_codes(IssueCodesInput) -> Vec<IssuedCode> = invitations::issue;
        get_self_assessment(Id) -> SelfAssessment = |db, a, r: Id| feedback_responses::self_assessment(db, a, r.id);
        save_self_assessment(SelfAssessmentInput) -> SelfAssessment = feedback_responses::save_self_assessment;
        get_feedback_report(ReportRef) -> FeedbackReport = feedback_report::get;
        review_feedback_report(ReportRef) -> FeedbackReport = feedback_report::review;
        release_feedback_report(ReportRef) -> FeedbackReport = feedback_report::release;
        share_feedback_report(ReportShareInput) -> FeedbackReport = feedback_report::share_with_host;
        feedback_report_pdf(ReportRef) -> Document = report_pdf::report_pdf;
        my_feedback(NoArgs) -> Vec<MyRound> = |db, a, _: NoArgs| feedback_overview::mine(db, a);
        shared_feedback_reports(NoArgs) -> Vec<SharedReport> = |db, a, _: NoArgs| feedback_overview::shared_with_me(db, a);
        cohort_feedback(Id) -> CohortFeedback = |db, a, r: Id| feedback_overview::cohort(db, a, r.id);
        audit_log(AuditFilter) -> Vec<AuditEntry> = audit::list;
        export_audit_log(AuditFilter) -> Document = audit::export;
        get_privacy(FellowRef) -> Privacy = privacy::get;
        record_consent(ConsentInput) -> Privacy = privacy::record_consent;
        export_subject_access(FellowRef) -> Document = subject_access::export_json;
        export_subject_access_readable(FellowRef) -> Document = subject_access::export_html;
        erase_fellow(EraseInput) -> ErasureReport = erasure::erase;
        erase_due_alumni(EraseDueInput) -> ErasedDue = erasure::erase_due;
        retention_review(TodayInput) -> RetentionReview = privacy::retention_review;
        my_today(TodayInput) -> Today = today::my_today;
        invitation_code_sheet(CodesInput) -> Document = code_sheets::sheet_pdf;
        invitation_code_merge(CodesInput) -> Document = code_sheets::merge_csv;
        my_calendar(NoArgs) -> Document = |db, a, _: NoArgs| calendar::download(db, a);
        my_calendar_feed(NoArgs) -> CalendarFeed = calendar::feed::status;
        renew_calendar_feed(NoArgs) -> IssuedFeed = calendar::feed::renew;
        revoke_calendar_feed(NoArgs) -> CalendarFeed = calendar::feed::revoke;
        get_mail_settings(NoArgs) -> MailSettings = |db, a, _: NoArgs| mail_settings::get(db, a);
        save_mail_settings(MailSettingsInput) -> MailSettings = mail_settings::save;
        send_test_email(TestEmailInput) -> TestEmailResult = mail_settings::send_test;
        list_outbox(OutboxFilter) -> Outbox = outbox::list;
        retry_outbox_message(Id) -> Outbox = |db, a, r: Id| outbox::retry(db, a, r.id);
        my_email_preference(NoArgs) -> EmailPreference = |db, a, _: NoArgs| email_prefs::mine(db, a);
        set_email_preference(EmailPreferenceInput) -> EmailPreference = email_prefs::set;
        my_second_step(NoArgs) -> SecondStepStatus = |db, a, _: NoArgs| second_step::status(db, a);
        remove_second_step(CodeEntry) -> SecondStepStatus = second_step::remove;
        reset_second_step(UserRef) -> SecondStepStatus = second_step::reset;
        set_second_step_rule(SecondStepRule) -> SecondStepStatus = second_step::set_rule;
        get_org_sign_in(NoArgs) -> OrgSignInSettings = |db, a, _: NoArgs| org_sign_in::get(db, a);
        save_org_sign_in(OrgSignInInput) -> OrgSignInSettings = org_sign_in::save;
        set_password_fallback(PasswordFallbackInput) -> Vec<UserSummary> = org_sign_in::set_password_fallback;
        unlink_org_account(UserRef) -> Vec<UserSummary> = |db, a, r: UserRef| org_sign_in::link::unlink(db, a, r.user_id);
        set_retention(RetentionInput) -> i64 = privacy::set_retention;
        invite_user(InviteInput) -> IssuedInvitation = accounts::invite;
        list_invitations(NoArgs) -> Vec<InvitationSummary> = |db, a, _: NoArgs| accounts::list(db, a);
        set_user_disabled(DisableInput) -> Vec<UserSummary> = accounts::set_disabled;
        make_password_reset(ResetRequest) -> IssuedReset = passwords::make_reset;
        list_backups(NoArgs) -> Vec<BackupInfo> = restore::list_backups;
        make_backup(NoArgs) -> BackupInfo = restore::make_backup;
        preview_backup(BackupRef) -> BackupPreview = restore::preview_backup;
        restore_backup(RestoreInput) -> RestoreResult = restore::restore_backup;
        list_outcome_waves(NoArgs) -> Vec<Wave> = |db, a, _: NoArgs| outcomes::list_waves(db, a);
        save_outcome_wave(WaveInput) -> Vec<Wave> = outcomes::save_wave;
        list_outcome_measures(NoArgs) -> Vec<OutcomeMeasure> = |db, a, _: NoArgs| outcomes::list_measures(db, a);
        save_outcome_measure(OutcomeMeasureInput) -> Vec<OutcomeMeasure> = outcomes::save_measure;
        outcome_follow_up(FollowUpInput) -> FollowUp = follow_up::follow_up;
        get_outcome_response(ResponseRef) -> OutcomeResponse = follow_up::get_response;
        save_outcome_response(OutcomeResponseInput) -> OutcomeResponse = follow_up::save_response;
        preview_outcome_import(OutcomeImportInput) -> ImportPreview = outcomes_import::preview;
        import_outcomes(OutcomeImportInput) -> ImportResult = outcomes_import::import;
        preview_historic_import(HistoricImportInput) -> HistoricPreview = historic::preview;
        import_historic(HistoricImportInput) -> HistoricResult = historic::import;
        historic_import_template(NoArgs) -> Document = |db, a, _: NoArgs| historic::template(db, a);
        annual_report(NoArgs) -> Document = |db, a, _: NoArgs| crate::outcomes::annual_report::annual_report(db, a);
        outcomes_dashboard(DashboardInput) -> Dashboard = dashboard::dashboard;
        export_outcomes(OutcomesExportInput) -> Document = outcomes_export::export_csv;
        outcomes_data_dictionary(NoArgs) -> Document = |db, a, _: NoArgs| outcomes_export::data_dictionary(db, a);
        questionnaire_file(CodeInput) -> Document = questionnaire_file::questionnaire_file;
        import_questionnaire_response(ResponseFileInput) -> Receipt = questionnaire_file::import_response;
        portfolio_pdf(NoArgs) -> Document = |db, a, _: NoArgs| portfolio::pdf(db, a);
        portfolio_markdown(NoArgs) -> Document = |db, a, _: NoArgs| portfolio::markdown(db, a);
    }
}

/// The TypeScript the UI is typed against: every type that crosses, then the `Commands` map.
/// ts-rs renders i64 as `bigint`; serde_json sends plain numbers, and our ids and counts fit
/// easily in a JavaScript number, so they are declared as `number`.
pub fn typescript() -> String {
    let decls = [
        crate::error::ErrorKind::decl(),
        crate::error::FieldError::decl(),
        ApiError::decl(),
        Id::decl(),
        auth::Role::decl(),
        Actor::decl(),
        SignInInput::decl(),
        NewUserInput::decl(),
        UserSummary::decl(),
        AppStatus::decl(),
        crate::access::Area::decl(),
        Today::decl(),
        crate::today::Item::decl(),
        crate::today::ItemKind::decl(),
        crate::today::Section::decl(),
        crate::today::Link::decl(),
        CalendarFeed::decl(),
        CodesInput::decl(),
        crate::second_step::SecondStepNeed::decl(),
        crate::org_sign_in::OrgSignInOffer::decl(),
        crate::org_sign_in::EmailClaim::decl(),
        OrgSignInSettings::decl(),
        OrgSignInInput::decl(),
        OrgSignInStart::decl(),
        OrgSignInStarted::decl(),
        OrgSignInWait::decl(),
        OrgCallback::decl(),
        PasswordFallbackInput::decl(),
        SecondStepSetup::decl(),
        CodeEntry::decl(),
        RecoveryCodes::decl(),
        SecondStepStatus::decl(),
        SecondStepRule::decl(),
        UserRef::decl(),
        MailSettings::decl(),
        MailSettingsInput::decl(),
        crate::mail::settings::Security::decl(),
        TestEmailInput::decl(),
        TestEmailResult::decl(),
        Outbox::decl(),
        OutboxFilter::decl(),
        crate::mail::outbox::OutboxMessage::decl(),
        crate::mail::Kind::decl(),
        EmailPreference::decl(),
        EmailPreferenceInput::decl(),
        crate::mail::prefs::EmailFrequency::decl(),
        IssuedFeed::decl(),
        WorkspaceInfo::decl(),
        About::decl(),
        ServerInput::decl(),
        SetupInput::decl(),
        crate::session::UnlockInput::decl(),
        crate::session::EncryptInput::decl(),
        TokenInput::decl(),
        InvitationView::decl(),
        AcceptInput::decl(),
        InviteInput::decl(),
        IssuedInvitation::decl(),
        ChangePasswordInput::decl(),
        ResetInput::decl(),
        ResetRequest::decl(),
        IssuedReset::decl(),
        InvitationSummary::decl(),
        DisableInput::decl(),
        codes::CodeOption::decl(),
        ReferenceData::decl(),
        Programme::decl(),
        ProgrammeInput::decl(),
        Cohort::decl(),
        CohortInput::decl(),
        cohorts::CountBy::<fellows::FellowStatus>::decl(),
        cohorts::HostProfessionCount::decl(),
        CohortOverview::decl(),
        hosts::HostKind::decl(),
        HostOrg::decl(),
        HostInput::decl(),
        fellows::Profession::decl(),
        fellows::ProfessionalBody::decl(),
        fellows::FellowStatus::decl(),
        Fellow::decl(),
        fellows::StatusEntry::decl(),
        FellowProfile::decl(),
        FellowInput::decl(),
        FellowFilter::decl(),
        StatusChangeInput::decl(),
        challenges::ChallengeStatus::decl(),
        challenges::Nature::decl(),
        challenges::Rights::decl(),
        challenges::Proposal::decl(),
        ChallengeInput::decl(),
        Challenge::decl(),
        challenges::StatusChange::decl(),
        challenges::ProgressScore::decl(),
        ChallengeDetail::decl(),
        ChallengeStatusInput::decl(),
        ProgressScoreInput::decl(),
        ChallengeFilter::decl(),
        actions::ActionStatus::decl(),
        actions::MilestoneKind::decl(),
        actions::ActionNote::decl(),
        actions::Action::decl(),
        ActionInput::decl(),
        ActionNoteInput::decl(),
        ReorderActionsInput::decl(),
        actions::Milestone::decl(),
        MilestoneInput::decl(),
        challenges::spc::Direction::decl(),
        challenges::spc::Verdict::decl(),
        challenges::spc::RunRule::decl(),
        challenges::spc::RunSignal::decl(),
        challenges::spc::RunChart::decl(),
        challenges::spc::XmrRule::decl(),
        challenges::spc::XmrSignal::decl(),
        challenges::spc::XmrSegment::decl(),
        challenges::spc::XmrPoint::decl(),
        challenges::spc::Assurance::decl(),
        challenges::spc::XmrChart::decl(),
        measures::Frequency::decl(),
        measures::Measure::decl(),
        MeasureInput::decl(),
        MeasureValuesInput::decl(),
        measures::MeasureChange::decl(),
        MeasureChangeInput::decl(),
        measures::Pdsa::decl(),
        PdsaInput::decl(),
        measures::ChartPoint::decl(),
        MeasureChart::decl(),
        MeasureRef::decl(),
        reviews::ReviewKind::decl(),
        reviews::Comment::decl(),
        reviews::Review::decl(),
        CommentInput::decl(),
        ReviewDraftInput::decl(),
        SignReviewInput::decl(),
        BoardInput::decl(),
        BoardRow::decl(),
        Document::decl(),
        crate::feedback360::Dimension::decl(),
        crate::learning::templates::Template::decl(),
        crate::learning::templates::TemplateSection::decl(),
        crate::learning::templates::TemplateInfo::decl(),
        reflections::SectionText::decl(),
        ReflectionInput::decl(),
        reflections::Share::decl(),
        Reflection::decl(),
        ReflectionSummary::decl(),
        ReflectionFilter::decl(),
        ShareInput::decl(),
        reflections::Person::decl(),
        reflections::ChallengeRef::decl(),
        ReflectionOptions::decl(),
        reflections::MonthCount::decl(),
        reflections::DimensionCount::decl(),
        ReflectionInsights::decl(),
        mentoring::RelationshipKind::decl(),
        mentoring::SessionMode::decl(),
        RelationshipInput::decl(),
        Relationship::decl(),
        mentoring::MentoringSession::decl(),
        RelationshipDetail::decl(),
        SessionInput::decl(),
        OverviewInput::decl(),
        mentoring::OverviewRow::decl(),
        MentoringOverview::decl(),
        GapInput::decl(),
        sets::AttendanceMark::decl(),
        sets::ActionReview::decl(),
        LearningSetInput::decl(),
        LearningSetFilter::decl(),
        LearningSet::decl(),
        sets::SetMember::decl(),
        sets::AttendanceEntry::decl(),
        sets::SetSessionSummary::decl(),
        LearningSetDetail::decl(),
        GroundRulesInput::decl(),
        ScheduleSessionInput::decl(),
        set_sessions::SetAction::decl(),
        set_sessions::Presenter::decl(),
        set_sessions::ReviewItem::decl(),
        SetSessionRecord::decl(),
        set_sessions::AttendanceInput::decl(),
        set_sessions::SetActionInput::decl(),
        set_sessions::PresenterInput::decl(),
        set_sessions::ReviewInput::decl(),
        RecordSetSessionInput::decl(),
        crate::feedback360::anonymity::RaterGroup::decl(),
        crate::feedback360::anonymity::RuleFailure::decl(),
        crate::feedback360::anonymity::Cell::decl(),
        rounds::RoundKind::decl(),
        RoundInput::decl(),
        rounds::GroupMinimum::decl(),
        Round::decl(),
        rounds::GroupProgress::decl(),
        rounds::FellowProgress::decl(),
        rounds::Reminder::decl(),
        RoundProgress::decl(),
        NominationInput::decl(),
        NominationsRef::decl(),
        Nomination::decl(),
        IssueCodesInput::decl(),
        IssuedCode::decl(),
        feedback_responses::ScalePoint::decl(),
        feedback_responses::QuestionDimension::decl(),
        feedback_responses::Questions::decl(),
        feedback_responses::Answer::decl(),
        SelfAssessment::decl(),
        SelfAssessmentInput::decl(),
        CodeInput::decl(),
        Questionnaire::decl(),
        QuestionnaireAnswers::decl(),
        Receipt::decl(),
        ReportRef::decl(),
        feedback_report::GroupCell::decl(),
        feedback_report::Change::decl(),
        feedback_report::DimensionReport::decl(),
        feedback_report::GroupCount::decl(),
        feedback_report::Comment::decl(),
        FeedbackReport::decl(),
        ReportShareInput::decl(),
        rounds::ReportState::decl(),
        MyRound::decl(),
        SharedReport::decl(),
        feedback_overview::CohortFigure::decl(),
        feedback_overview::CohortDimension::decl(),
        CohortFeedback::decl(),
        ResponseFileInput::decl(),
        FrameworkSummary::decl(),
        frameworks::DimensionInput::decl(),
        FrameworkDetail::decl(),
        FrameworkInput::decl(),
        outcomes::Category::decl(),
        outcomes::ValueType::decl(),
        outcomes::Kirkpatrick::decl(),
        Wave::decl(),
        WaveInput::decl(),
        outcomes::Choice::decl(),
        OutcomeMeasure::decl(),
        OutcomeMeasureInput::decl(),
        follow_up::FollowUpState::decl(),
        FollowUpInput::decl(),
        follow_up::FollowUpRow::decl(),
        FollowUp::decl(),
        ResponseRef::decl(),
        follow_up::OutcomeAnswer::decl(),
        OutcomeResponse::decl(),
        OutcomeResponseInput::decl(),
        outcomes_import::ColumnMapping::decl(),
        OutcomeImportInput::decl(),
        outcomes_import::ImportProblem::decl(),
        outcomes_import::ImportTarget::decl(),
        ImportPreview::decl(),
        ImportResult::decl(),
        DashboardInput::decl(),
        dashboard::ResponseRate::decl(),
        dashboard::WaveTotal::decl(),
        dashboard::SurveyShare::decl(),
        dashboard::LeadershipPoint::decl(),
        dashboard::LegacyRow::decl(),
        Dashboard::decl(),
        OutcomesExportInput::decl(),
        HistoricImportInput::decl(),
        HistoricPreview::decl(),
        HistoricResult::decl(),
        AuditFilter::decl(),
        AuditEntry::decl(),
        FellowRef::decl(),
        privacy::ConsentDecision::decl(),
        privacy::ConsentEntry::decl(),
        Privacy::decl(),
        ConsentInput::decl(),
        EraseInput::decl(),
        erasure::ErasedPart::decl(),
        ErasureReport::decl(),
        EraseDueInput::decl(),
        ErasedDue::decl(),
        TodayInput::decl(),
        privacy::RetentionDue::decl(),
        RetentionReview::decl(),
        RetentionInput::decl(),
        crate::backups::TableCount::decl(),
        BackupPreview::decl(),
        BackupInfo::decl(),
        BackupRef::decl(),
        RestoreInput::decl(),
        RestoreResult::decl(),
    ];
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
