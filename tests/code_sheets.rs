//! Invitation codes by hand: a printable sheet with one rater a page, and a CSV for a mail
//! merge, made from codes just issued and checked against their hashes.

use crate::common::*;
use fellowship::error::ErrorKind;
use fellowship::feedback360::code_sheets::{merge_csv, sheet_pdf, CodesInput};
use fellowship::feedback360::invitations::{self, IssueCodesInput, NominationInput};
use fellowship::feedback360::rounds;

#[tokio::test]
async fn issued_codes_make_a_sheet_a_rater_a_page_and_a_mail_merge() {
    let w = world().await;
    let db = w.db();
    let t = two_hosts(&w).await;
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    for (group, name, email) in [
        ("line_manager", "Lee Manager", "lee@nhs.net"),
        ("peer", "=HYPERLINK(\"http://x\")", "pat@nhs.net"),
    ] {
        invitations::nominate(
            db,
            &t.faculty,
            NominationInput {
                round_id: round.id,
                fellow_id: Some(t.fellow_a),
                rater_group: group.into(),
                rater_name: name.into(),
                rater_email: email.into(),
            },
        )
        .await
        .unwrap();
    }
    let issued = invitations::issue(
        db,
        &t.faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap();
    let codes: Vec<String> = issued.iter().map(|c| c.code.clone()).collect();
    let input = CodesInput {
        codes: codes.clone(),
    };

    let pdf = sheet_pdf(db, &t.faculty, input.clone()).await.unwrap();
    assert_eq!(pdf.mime, "application/pdf");
    let bytes = data_encoding::BASE64.decode(pdf.base64.as_bytes()).unwrap();
    let text = pdf_text(&bytes);
    for c in &codes {
        assert!(text.contains(c.as_str()), "the sheet holds {c}");
    }
    assert!(text.contains("Dear Lee Manager,"));
    assert!(
        text.contains("shown to the fellow as yours"),
        "the line manager is told"
    );
    // One page object per rater (printpdf writes each as `/Type/Page/MediaBox...`).
    let pages = String::from_utf8_lossy(&bytes)
        .matches("/Page/MediaBox")
        .count();
    assert_eq!(pages, 2, "one rater a page");

    let csv = merge_csv(db, &t.faculty, input.clone()).await.unwrap();
    let body =
        String::from_utf8(data_encoding::BASE64.decode(csv.base64.as_bytes()).unwrap()).unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert!(
        lines[0].starts_with("rater_name,rater_email,fellow_name,rater_group,round,answer_by,code")
    );
    assert_eq!(lines.len(), 3);
    // A name that a spreadsheet would run as a formula is written as text.
    assert!(
        !body.contains(",=HYPERLINK") && !body.starts_with("=HYPERLINK"),
        "{body}"
    );
    for c in &codes {
        assert!(body.contains(c.as_str()));
    }

    // Only faculty; only real codes.
    let e = sheet_pdf(db, &t.fellow_user_a, input.clone())
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let mut wrong = codes.clone();
    wrong[0] = "A".repeat(40);
    let e = merge_csv(db, &t.faculty, CodesInput { codes: wrong })
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "codes");
    let e = merge_csv(db, &t.faculty, CodesInput { codes: vec![] })
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "codes");
}
