//! The outbox's throughput, and the time to queue a round's invitations: a cohort of 40
//! fellows with 10 raters each (400 codes), issued with email on, then delivered to a real SMTP
//! server (aiosmtpd with STARTTLS and AUTH, on loopback) by the worker.
//!
//! cargo bench --bench mail -- [--fellows 40] [--raters 10]
//! cargo bench --features postgres --bench mail   (PostgreSQL, at FELLOWSHIP_TEST_PG)

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use common::smtp::SmtpServer;
use common::*;
use fellowship::feedback360::invitations::{self, IssueCodesInput, NominationInput};
use fellowship::feedback360::rounds;
use fellowship::{programme::cohorts, programme::fellows};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let (n_fellows, n_raters) = (arg("--fellows", 40), arg("--raters", 10));
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    let db = w.db().clone();
    let faculty = w.faculty().await;
    let cohort = cohorts::save(
        &db,
        &faculty,
        cohort_input("2026/27", "2026-09-01", "2027-08-31"),
    )
    .await
    .unwrap()
    .id;
    let mut ids = vec![];
    for f in 0..n_fellows {
        let input = fellow_input(
            &format!("Fellow {f}"),
            &format!("{:07}", 3_000_000 + f),
            cohort,
            None,
        );
        ids.push(fellows::save(&db, &faculty, input).await.unwrap().fellow.id);
    }
    let round = rounds::open(&db, &faculty, round_input(cohort))
        .await
        .unwrap();
    for (f, id) in ids.iter().enumerate() {
        for r in 0..n_raters {
            invitations::nominate(
                &db,
                &faculty,
                NominationInput {
                    round_id: round.id,
                    fellow_id: Some(*id),
                    rater_group: if r == 0 { "line_manager" } else { "peer" }.into(),
                    rater_name: format!("Rater {f}-{r}"),
                    rater_email: format!("rater.{f}.{r}@nhs.net"),
                },
            )
            .await
            .unwrap();
        }
    }
    let start = Instant::now();
    let issued = invitations::issue(
        &db,
        &faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap();
    let queue_time = start.elapsed();
    assert!(issued.iter().all(|c| c.emailed));
    let start = Instant::now();
    let done = fellowship::transport::mail_worker::deliver_due(&db, chrono::Duration::seconds(120))
        .await
        .unwrap();
    let send_time = start.elapsed();
    let received = smtp.received().len();
    assert_eq!(done.sent, received);
    // The SMTP leg alone, over the same pooled connection the worker uses.
    let smtp_settings = fellowship::mail::settings::smtp(&db)
        .await
        .unwrap()
        .unwrap();
    let transport = fellowship::mail::smtp::transport(&smtp_settings).unwrap();
    let start = Instant::now();
    for n in 0..50 {
        let msg = fellowship::mail::smtp::Outgoing {
            key: format!("bench:{n}"),
            to: format!("bench.{n}@nhs.net"),
            subject: "Bench".into(),
            text: "Text".into(),
            html: "<p>Text</p>".into(),
        };
        fellowship::mail::smtp::send(&transport, &smtp_settings, &msg)
            .await
            .unwrap();
    }
    let alone = start.elapsed();
    println!(
        "the SMTP leg alone: 50 messages in {:.2} s ({:.0} a second)",
        alone.as_secs_f64(),
        50.0 / alone.as_secs_f64()
    );
    println!(
        "issued and queued {} invitation codes in {:.0} ms ({:.2} ms each)",
        issued.len(),
        queue_time.as_secs_f64() * 1000.0,
        queue_time.as_secs_f64() * 1000.0 / issued.len() as f64
    );
    println!(
        "delivered {} messages over STARTTLS with AUTH in {:.2} s: {:.0} messages a second",
        done.sent,
        send_time.as_secs_f64(),
        done.sent as f64 / send_time.as_secs_f64()
    );
}
