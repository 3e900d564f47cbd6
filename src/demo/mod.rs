//! A realistic demo programme (cohorts, hosts, fellows, status histories), used by
//! "explore the demo programme", `fellowship demo` and the benchmark. Deterministic: the same
//! size always gives the same data.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

mod challenges;
mod feedback;
mod outcomes;
mod sets;

use chrono::{Duration, NaiveDate};

use crate::auth::{self, NewUserInput, Role, SignInInput};
use crate::db::{now_stamp, Db};
use crate::error::Result;
use crate::programme::fellows::{FellowStatus, Profession, ProfessionalBody};
use crate::programme::hosts::HostKind;
use crate::programme::programmes::{self, ProgrammeInput};

pub const DEMO_FACULTY_EMAIL: &str = "demo.faculty@fellowship.example";
pub const DEMO_FELLOW_EMAIL: &str = "demo.fellow@fellowship.example";
pub const DEMO_SPONSOR_EMAIL: &str = "demo.sponsor@fellowship.example";
pub const DEMO_MENTOR_EMAIL: &str = "demo.mentor@fellowship.example";
pub const DEMO_FACILITATOR_EMAIL: &str = "demo.facilitator@fellowship.example";
/// Demo accounts share one published password: the demo holds no real data.
pub const DEMO_PASSWORD: &str = "explore-the-demo";

pub struct DemoSize {
    pub cohorts: u32,
    pub fellows_per_cohort: u32,
    pub hosts: u32,
    /// The September the newest cohort starts.
    pub newest_start_year: i32,
}

/// The newest cohort is the one whose fellows have enrolled (July) by today, so the demo
/// always shows a year in progress.
fn current_intake_year() -> i32 {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    if today.month() >= 7 {
        today.year()
    } else {
        today.year() - 1
    }
}

impl DemoSize {
    pub fn standard() -> Self {
        Self {
            cohorts: 4,
            fellows_per_cohort: 24,
            hosts: 14,
            newest_start_year: current_intake_year(),
        }
    }
    /// `n` times as big: the same ten years of cohorts, each `n` times as many fellows, at `n`
    /// times as many host organisations (a region's academy, or a national scheme).
    pub fn scaled(self, n: u32) -> Self {
        let n = n.max(1);
        Self {
            fellows_per_cohort: self.fellows_per_cohort * n,
            hosts: self.hosts * n,
            ..self
        }
    }
    /// The benchmark's large programme: ten cohorts of forty.
    pub fn large() -> Self {
        Self {
            cohorts: 10,
            fellows_per_cohort: 40,
            hosts: 40,
            newest_start_year: current_intake_year(),
        }
    }
}

/// The demo faculty's sign-in as a command's arguments.
pub fn faculty_sign_in_json() -> serde_json::Value {
    serde_json::json!({"email": DEMO_FACULTY_EMAIL, "password": DEMO_PASSWORD})
}

pub fn faculty_sign_in() -> SignInInput {
    SignInInput {
        email: DEMO_FACULTY_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
    }
}

/// The demo fellow's sign-in, for the bench.
pub fn fellow_sign_in() -> SignInInput {
    SignInInput {
        email: DEMO_FELLOW_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
    }
}

const GIVEN: &[&str] = &[
    "Amara", "Ben", "Chloe", "Daniel", "Efua", "Fatima", "George", "Hannah", "Imran", "Jade",
    "Kwame", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Rhys", "Sofia", "Tomasz", "Uchenna",
    "Vikram", "Wei", "Yasmin", "Zara", "Aisha", "Callum", "Deepa", "Eleanor", "Farhan", "Grace",
    "Harriet", "Isaac", "Joanna", "Kieran",
];
const FAMILY: &[&str] = &[
    "Adeyemi",
    "Begum",
    "Campbell",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Iqbal",
    "Johnson",
    "Khan",
    "Lewis",
    "Mensah",
    "Nowak",
    "O'Connor",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Thompson",
    "Usman",
    "Walker",
    "Xu",
    "Young",
    "Zhang",
    "Ahmed",
    "Brown",
    "Chowdhury",
    "Okafor",
    "Murphy",
    "Kowalski",
    "Rahman",
];
const HOSTS: &[(&str, HostKind, &str)] = &[
    (
        "North Thames Hospitals NHS Foundation Trust",
        HostKind::NhsTrust,
        "London",
    ),
    (
        "South London Community Health NHS Trust",
        HostKind::NhsTrust,
        "London",
    ),
    (
        "North Central London Integrated Care Board",
        HostKind::IntegratedCareBoard,
        "London",
    ),
    (
        "Riverside Primary Care Network",
        HostKind::PrimaryCareNetwork,
        "London",
    ),
    (
        "East Kent Mental Health NHS Trust",
        HostKind::NhsTrust,
        "South East",
    ),
    ("Thameside GP Federation", HostKind::GpFederation, "London"),
    (
        "London Borough of Westbridge",
        HostKind::LocalAuthority,
        "London",
    ),
    ("Healthwatch Together", HostKind::Charity, "London"),
    (
        "Royal Eastgate University Hospitals NHS Trust",
        HostKind::NhsTrust,
        "London",
    ),
    (
        "Southwark and Lambeth Ambulance Service NHS Trust",
        HostKind::NhsTrust,
        "London",
    ),
    (
        "West Essex Integrated Care Board",
        HostKind::IntegratedCareBoard,
        "East of England",
    ),
    (
        "Hillside Primary Care Network",
        HostKind::PrimaryCareNetwork,
        "South East",
    ),
    ("Children's Hospice Alliance", HostKind::Charity, "London"),
    (
        "Greenwich Community Pharmacy Group",
        HostKind::Other,
        "London",
    ),
];
const PROFESSIONS: &[(Profession, ProfessionalBody)] = &[
    (Profession::Medicine, ProfessionalBody::Gmc),
    (Profession::Medicine, ProfessionalBody::Gmc),
    (Profession::Medicine, ProfessionalBody::Gmc),
    (Profession::Nursing, ProfessionalBody::Nmc),
    (Profession::Nursing, ProfessionalBody::Nmc),
    (Profession::Midwifery, ProfessionalBody::Nmc),
    (Profession::Pharmacy, ProfessionalBody::Gphc),
    (Profession::AlliedHealth, ProfessionalBody::Hcpc),
    (Profession::AlliedHealth, ProfessionalBody::Hcpc),
    (Profession::HealthcareScience, ProfessionalBody::Ahcs),
    (Profession::Dentistry, ProfessionalBody::Gdc),
    (Profession::Psychology, ProfessionalBody::Hcpc),
    (Profession::Paramedicine, ProfessionalBody::Hcpc),
];

/// A small deterministic generator, so demo and benchmark data are repeatable.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn registration(body: ProfessionalBody, n: u32) -> String {
    match body {
        ProfessionalBody::Gmc | ProfessionalBody::Gphc => format!("{}", 7_000_000 + n * 37),
        ProfessionalBody::Nmc => format!("{:02}A{:04}E", 10 + n % 89, n),
        ProfessionalBody::Hcpc => format!("PA{:06}", 100_000 + n),
        ProfessionalBody::Gdc => format!("{}", 200_000 + n),
        ProfessionalBody::Ahcs => format!("AHCS{:05}", n),
        ProfessionalBody::Other => format!("X{n}"),
    }
}

fn note_for(status: FellowStatus) -> &'static str {
    match status {
        FellowStatus::Applicant => "Application received",
        FellowStatus::Active => "Enrolled",
        FellowStatus::Interrupted => "Interruption agreed with host",
        FellowStatus::Withdrawn => "Withdrew from the programme",
        FellowStatus::Completed => "Completed the fellowship year",
    }
}

/// Fills an empty database with a demo programme of the given size.
pub async fn fill(db: &Db, size: &DemoSize) -> Result<()> {
    let mut rng = Lcg(20_261_126);
    let today = chrono::Utc::now().date_naive();
    let mut tx = db.begin().await?;
    let programme = programmes::insert(
        &mut tx,
        &ProgrammeInput {
            name: "London Clinical Leadership Fellowship".into(),
            description: "A demo programme: every person and organisation in it is invented."
                .into(),
        },
    )
    .await?;
    let faculty = auth::insert_user(
        &mut tx,
        &NewUserInput {
            name: "Dr Sam Okoye (demo faculty)".into(),
            email: DEMO_FACULTY_EMAIL.into(),
            password: DEMO_PASSWORD.into(),
            role: Role::Faculty,
            fellow_id: None,
            host_id: None,
        },
    )
    .await?;
    let mut host_ids = vec![];
    for i in 0..size.hosts as usize {
        let (base, kind, region) = HOSTS[i % HOSTS.len()];
        let name = if i < HOSTS.len() {
            base.to_string()
        } else {
            format!("{base} ({})", i / HOSTS.len() + 1)
        };
        let sponsor = format!(
            "{} {}",
            GIVEN[rng.next(GIVEN.len())],
            FAMILY[rng.next(FAMILY.len())]
        );
        let mentor = format!(
            "{} {}",
            GIVEN[rng.next(GIVEN.len())],
            FAMILY[rng.next(FAMILY.len())]
        );
        let id = crate::db::query_scalar::<i64>(
            "INSERT INTO host_organisations (programme_id, name, kind, ods_code, region, sponsor_name, sponsor_email,
             mentor_name, mentor_email) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(programme)
        .bind(&name)
        .bind(kind.code())
        .bind(format!("R{}{}", (b'A' + (i % 26) as u8) as char, i + 1))
        .bind(region)
        .bind(format!("{sponsor} (Medical Director)"))
        .bind(format!("sponsor{}@nhs.example", i + 1))
        .bind(mentor)
        .bind(format!("mentor{}@nhs.example", i + 1))
        .fetch_one(&mut *tx).await?;
        host_ids.push(id);
    }
    let mut n = 0u32;
    let mut first_active_fellow = None;
    let mut challenge_fellows = vec![];
    // The newest cohort's active fellows, for its action learning sets.
    let mut newest = (0, NaiveDate::default(), vec![]);
    let mut feedback_cohorts: Vec<feedback::Cohort> = vec![];
    for k in 0..size.cohorts as i32 {
        let year = size.newest_start_year - (size.cohorts as i32 - 1) + k;
        let start = NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(year + 1, 8, 31).unwrap_or_default();
        let cohort = crate::db::query_scalar::<i64>(
            "INSERT INTO cohorts (programme_id, name, start_date, end_date) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(programme)
        .bind(format!("{}/{:02}", year, (year + 1) % 100))
        .bind(start)
        .bind(end)
        .fetch_one(&mut *tx).await?;
        feedback_cohorts.push(feedback::Cohort {
            id: cohort,
            start,
            fellows: vec![],
        });
        for _ in 0..size.fellows_per_cohort {
            n += 1;
            let name = format!(
                "{} {}",
                GIVEN[rng.next(GIVEN.len())],
                FAMILY[rng.next(FAMILY.len())]
            );
            let (profession, body) = PROFESSIONS[rng.next(PROFESSIONS.len())];
            let host = host_ids[rng.next(host_ids.len())];
            let enrol = NaiveDate::from_ymd_opt(year, 7, 1).unwrap_or_default();
            let mut history = vec![(FellowStatus::Applicant, start - Duration::days(150))];
            if today >= enrol {
                history.push((FellowStatus::Active, enrol));
                if rng.next(25) == 0 {
                    history.push((FellowStatus::Interrupted, start + Duration::days(120)));
                    if today > end {
                        history.push((FellowStatus::Withdrawn, start + Duration::days(200)));
                    }
                } else if today > end {
                    history.push((FellowStatus::Completed, end));
                }
            }
            let status = history
                .last()
                .map(|h| h.0)
                .unwrap_or(FellowStatus::Applicant);
            let email = format!(
                "{}.{}{}@nhs.example",
                name.split(' ').next().unwrap_or("fellow").to_lowercase(),
                name.split(' ')
                    .nth(1)
                    .unwrap_or("")
                    .to_lowercase()
                    .replace('\'', ""),
                n
            );
            let fellow = crate::db::query_scalar::<i64>(
                "INSERT INTO fellows (programme_id, cohort_id, host_id, name, profession, professional_body,
                 registration_number, email, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(programme)
            .bind(cohort)
            .bind(host)
            .bind(&name)
            .bind(profession.code())
            .bind(body.code())
            .bind(registration(body, n))
            .bind(email)
            .bind(status.code())
            .bind(now_stamp())
            .fetch_one(&mut *tx).await?;
            for (s, d) in history {
                crate::db::query(
                    "INSERT INTO fellow_status_history (fellow_id, status, effective_date, note, changed_by, changed_at)
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(fellow)
                .bind(s.code())
                .bind(d)
                .bind(note_for(s))
                .bind(faculty)
                .bind(now_stamp())
                .execute(&mut *tx)
                .await?;
            }
            if matches!(status, FellowStatus::Active | FellowStatus::Completed) {
                if let Some(c) = feedback_cohorts.last_mut() {
                    c.fellows.push(fellow);
                }
            }
            if status == FellowStatus::Active && k == size.cohorts as i32 - 1 {
                newest.0 = cohort;
                newest.1 = start;
                newest.2.push(fellow);
            }
            // The first active fellow is the demo fellow, left to draft their own challenge.
            if status == FellowStatus::Active && first_active_fellow.is_none() {
                first_active_fellow = Some((fellow, host));
            } else if status == FellowStatus::Active && k == size.cohorts as i32 - 1 {
                challenge_fellows.push((fellow, start));
            }
        }
    }
    challenges::fill(&mut tx, &challenge_fellows, faculty, today).await?;
    let facilitator = auth::insert_user(
        &mut tx,
        &NewUserInput {
            name: "Jo Mensah (demo faculty, set facilitator)".into(),
            email: DEMO_FACILITATOR_EMAIL.into(),
            password: DEMO_PASSWORD.into(),
            role: Role::Faculty,
            fellow_id: None,
            host_id: None,
        },
    )
    .await?;
    let (cohort, start, mut members) = newest;
    // The demo fellow (if in this cohort) joins the first set, which the demo faculty runs.
    if let Some((demo, _)) = first_active_fellow {
        if let Some(i) = members.iter().position(|m| *m == demo) {
            members.swap(0, i);
        }
    }
    sets::fill(
        &mut tx,
        cohort,
        &members,
        faculty,
        facilitator,
        start,
        today,
    )
    .await?;
    feedback::fill(&mut tx, &feedback_cohorts, faculty, today, &mut rng).await?;
    outcomes::fill(&mut tx, faculty, today, &mut rng).await?;
    if let Some((fellow, host)) = first_active_fellow {
        for (name, email, role, fellow_id, host_id) in [
            (
                "Demo fellow",
                DEMO_FELLOW_EMAIL,
                Role::Fellow,
                Some(fellow),
                None,
            ),
            (
                "Demo host sponsor",
                DEMO_SPONSOR_EMAIL,
                Role::HostSponsor,
                None,
                Some(host),
            ),
            (
                "Demo workplace mentor",
                DEMO_MENTOR_EMAIL,
                Role::Mentor,
                None,
                Some(host),
            ),
        ] {
            let user = NewUserInput {
                name: name.into(),
                email: email.into(),
                password: DEMO_PASSWORD.into(),
                role,
                fellow_id,
                host_id,
            };
            auth::insert_user(&mut tx, &user).await?;
        }
    }
    tx.commit().await?;
    // A round closed in the app keeps its cohort figures as it closes; the demo's are made
    // closed, so they keep theirs here rather than at the first report asked for.
    let closed: Vec<(i64,)> =
        crate::db::query_as("SELECT id FROM feedback_rounds WHERE closed_at IS NOT NULL")
            .fetch_all(&db.pool)
            .await?;
    for (id,) in closed {
        let round = crate::feedback360::rounds::load(db, id).await?;
        crate::feedback360::overview::keep_closed_round_figures(db, &round).await?;
    }
    Ok(())
}
