// Generated from the Rust core by `fellowship typescript`. Do not edit by hand.

export type ErrorKind = "validation" | "not_found" | "forbidden" | "unauthenticated" | "conflict" | "internal";

export type FieldError = { field: string, message: string, };

export type ApiError = { kind: ErrorKind, message: string, 
/**
 * The first field at fault, if any.
 */
field: string | null, 
/**
 * Every field at fault, so a form can mark them all at once.
 */
fields: Array<FieldError>, };

export type Id = { id: number, };

export type Role = "faculty" | "fellow" | "host_sponsor" | "mentor";

export type Actor = { user_id: number, name: string, email: string, role: Role, 
/**
 * For a fellow: their own fellow record.
 */
fellow_id: number | null, 
/**
 * For a host sponsor or mentor: their organisation.
 */
host_id: number | null, };

export type SignInInput = { email: string, password: string, };

export type NewUserInput = { name: string, email: string, password: string, role: Role, fellow_id: number | null, host_id: number | null, };

export type UserSummary = { id: number, name: string, email: string, role: Role, fellow_id: number | null, host_id: number | null, };

export type AppStatus = { 
/**
 * True until the first faculty account and programme exist.
 */
needs_setup: boolean, in_demo: boolean, user: Actor | null, programme: Programme | null, };

export type SetupInput = { programme_name: string, name: string, email: string, password: string, password_confirm: string, };

export type CodeOption = { code: string, label: string, };

export type ReferenceData = { professions: Array<CodeOption>, professional_bodies: Array<CodeOption>, fellow_statuses: Array<CodeOption>, host_kinds: Array<CodeOption>, roles: Array<CodeOption>, };

export type Programme = { id: number, name: string, description: string, };

export type ProgrammeInput = { name: string, description: string, };

export type Cohort = { id: number, name: string, start_date: string, end_date: string, fellow_count: number, };

export type CohortInput = { id: number | null, name: string, start_date: string, end_date: string, };

export type CountBy<K> = { key: K, count: number, };

export type HostProfessionCount = { host_id: number | null, host_name: string, profession: Profession, count: number, };

export type CohortOverview = { cohort: Cohort, by_status: Array<CountBy<FellowStatus>>, by_profession: Array<CountBy<Profession>>, by_host_profession: Array<HostProfessionCount>, };

export type HostKind = "nhs_trust" | "integrated_care_board" | "primary_care_network" | "gp_federation" | "local_authority" | "charity" | "other";

export type HostOrg = { id: number, name: string, kind: HostKind, ods_code: string | null, region: string, sponsor_name: string, sponsor_email: string, mentor_name: string, mentor_email: string, fellow_count: number, };

export type HostInput = { id: number | null, name: string, 
/**
 * A code from `HostKind`; a string so that "not chosen" is a field message.
 */
kind: string, ods_code: string | null, region: string, sponsor_name: string, sponsor_email: string, mentor_name: string, mentor_email: string, };

export type Profession = "medicine" | "nursing" | "midwifery" | "pharmacy" | "allied_health" | "healthcare_science" | "dentistry" | "psychology" | "paramedicine";

export type ProfessionalBody = "GMC" | "NMC" | "HCPC" | "GPhC" | "GDC" | "AHCS" | "other";

export type FellowStatus = "applicant" | "active" | "interrupted" | "completed" | "withdrawn";

export type Fellow = { id: number, name: string, profession: Profession, professional_body: ProfessionalBody, registration_number: string, email: string, cohort_id: number, cohort_name: string, host_id: number | null, host_name: string | null, status: FellowStatus, };

export type StatusEntry = { status: FellowStatus, effective_date: string, note: string, changed_by: string | null, changed_at: string, };

export type FellowProfile = { fellow: Fellow, history: Array<StatusEntry>, };

export type FellowInput = { id: number | null, name: string, profession: string, professional_body: string, registration_number: string, email: string, cohort_id: number | null, host_id: number | null, 
/**
 * Only used when creating: the first status and the date it took effect.
 */
status: string, status_date: string, };

export type FellowFilter = { 
/**
 * Matches name, email or registration number.
 */
search: string | null, cohort_id: number | null, profession: Profession | null, host_id: number | null, status: FellowStatus | null, };

export type StatusChangeInput = { fellow_id: number, status: string, effective_date: string, note: string, };

export type Commands = {
  app_status: { req: null; res: AppStatus };
  setup_programme: { req: SetupInput; res: AppStatus };
  sign_in: { req: SignInInput; res: AppStatus };
  sign_out: { req: null; res: AppStatus };
  explore_demo: { req: null; res: AppStatus };
  leave_demo: { req: null; res: AppStatus };
  reference_data: { req: null; res: ReferenceData };
  get_programme: { req: null; res: Programme };
  update_programme: { req: ProgrammeInput; res: Programme };
  list_cohorts: { req: null; res: Array<Cohort> };
  save_cohort: { req: CohortInput; res: Cohort };
  cohort_overview: { req: Id; res: CohortOverview };
  list_hosts: { req: null; res: Array<HostOrg> };
  get_host: { req: Id; res: HostOrg };
  save_host: { req: HostInput; res: HostOrg };
  list_fellows: { req: FellowFilter; res: Array<Fellow> };
  get_fellow: { req: Id; res: FellowProfile };
  save_fellow: { req: FellowInput; res: FellowProfile };
  change_fellow_status: { req: StatusChangeInput; res: FellowProfile };
  list_users: { req: null; res: Array<UserSummary> };
  create_user: { req: NewUserInput; res: UserSummary };
};
