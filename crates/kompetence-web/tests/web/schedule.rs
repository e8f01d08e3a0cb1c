//! "Mit forløb", clashes and the iCalendar feeds.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::schedule::DayInput;
use kompetence_core::store::CohortInput;

use crate::support::{TestApp, cohort_input, module_input};

fn day(date: &str, from: &str, to: &str) -> DayInput {
    DayInput {
        date: date.into(),
        starts_at: from.into(),
        ends_at: to.into(),
        kind: "teaching".into(),
        title: "Dag".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_enrolled_participant_sees_the_cohorts_days_and_clashes() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let module = scope.create_module(&module_input("PRA", "10")).await.unwrap();
    let a = scope.create_cohort(&CohortInput { name: "Hold A".into(), ..cohort_input(module.id, 10) }).await.unwrap();
    let b = scope.create_cohort(&CohortInput { name: "Hold B".into(), ..cohort_input(module.id, 10) }).await.unwrap();
    scope.add_day(a.id, &day("2030-10-01", "09:00", "15:00")).await.unwrap();
    scope.add_day(a.id, &day("2030-11-05", "09:00", "12:00")).await.unwrap();
    scope.add_day(b.id, &day("2030-10-01", "13:00", "16:00")).await.unwrap();
    let muni = p.t.org("Aabenraa Kommune", "municipality").await.id;
    let hr = p.t.user("hr@aabenraa.dk", &[(muni, "hr")]).await;
    let emp = p.t.employee(hr, muni, "Dorthe Dam", "dorthe@aabenraa.dk", "").await;
    let hr_scope = p.t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, muni, &[]).await.unwrap();
    let user = hr_scope.create_participant_login(emp, None).await.unwrap();
    let s = p.t.session(user).await;
    assert!(p.t.get("/me/schedule", Some(&s)).await.body.contains("Du er ikke tilmeldt"));
    hr_scope.enrol(a.id, "dorthe@aabenraa.dk", true).await.unwrap();
    let page = p.t.get("/me/schedule", Some(&s)).await;
    assert!(page.body.contains("Hold A") && page.body.contains("2030-10-01") && page.body.contains("2030-11-05"));
    assert!(!page.body.contains("Overlapper"));
    // Enrolled on a second cohort whose day overlaps: the clash is shown.
    hr_scope.enrol(b.id, "dorthe@aabenraa.dk", true).await.unwrap();
    let page = p.t.get("/me/schedule", Some(&s)).await;
    assert!(page.body.contains("booket to steder på samme tid 1 gang"), "{}", page.body);
    assert_eq!(page.body.matches("<strong>Overlapper</strong>").count(), 2);
    let token = p.t.token(user, None).await;
    let api = p.t.api(Method::GET, "/api/v1/me/schedule", Some(&token), None).await.json();
    assert_eq!(api["days"].as_array().unwrap().len(), 3);
    assert_eq!(api["clashes"].as_array().unwrap().len(), 1);
    // A waitlisted cohort's days are not on the schedule.
    let full = scope.create_cohort(&CohortInput { name: "Hold C".into(), ..cohort_input(module.id, 1) }).await.unwrap();
    scope.add_day(full.id, &day("2030-12-01", "09:00", "15:00")).await.unwrap();
    p.t.employee(hr, muni, "Først", "foerst@aabenraa.dk", "").await;
    hr_scope.enrol(full.id, "foerst@aabenraa.dk", true).await.unwrap();
    hr_scope.enrol(full.id, "dorthe@aabenraa.dk", true).await.unwrap();
    assert!(!p.t.get("/me/schedule", Some(&s)).await.body.contains("2030-12-01"));
}

#[tokio::test]
async fn a_teacher_is_warned_when_booked_on_two_cohorts_at_once() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let module = scope.create_module(&module_input("PRA", "10")).await.unwrap();
    let teacher = p.t.user("torben@nordlys.dk", &[(p.org, "teacher")]).await;
    for name in ["Hold A", "Hold B"] {
        let c = scope.create_cohort(&CohortInput { name: name.into(), ..cohort_input(module.id, 10) }).await.unwrap();
        scope.add_day(c.id, &day("2030-10-01", "09:00", "15:00")).await.unwrap();
        scope.assign_teacher(c.id, "torben@nordlys.dk").await.unwrap();
    }
    let s = p.t.session(teacher).await;
    let page = p.t.get("/me/schedule", Some(&s)).await;
    assert!(page.body.contains("booket to steder på samme tid"));
}

#[tokio::test]
async fn the_private_feed_is_icalendar_and_renewing_it_retires_the_old_address() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let module = scope.create_module(&module_input("PRA", "10")).await.unwrap();
    let c = scope.create_cohort(&cohort_input(module.id, 10)).await.unwrap();
    scope.add_day(c.id, &day("2030-10-01", "09:00", "15:00")).await.unwrap();
    let teacher = p.t.user("torben@nordlys.dk", &[(p.org, "teacher")]).await;
    scope.assign_teacher(c.id, "torben@nordlys.dk").await.unwrap();
    let s = p.t.session(teacher).await;
    let page = p.t.get("/me/schedule", Some(&s)).await;
    let shown = page.body.split("<code>").nth(1).unwrap().split("</code>").next().unwrap().to_string();
    // Calendar programs need an absolute address.
    let url = shown.strip_prefix("http://localhost").expect("absolute feed address").to_string();
    assert!(url.starts_with("/feeds/") && url.ends_with(".ics"));
    assert!(page.body.contains("webcal://localhost/feeds/"));
    let feed = p.t.get(&url, None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(feed.headers["content-type"], "text/calendar; charset=utf-8");
    assert!(feed.body.contains("DTSTART;TZID=Europe/Copenhagen:20301001T090000"));
    p.t.post_form("/me/feed", Some(&s), &[]).await;
    assert_eq!(p.t.get(&url, None).await.status, StatusCode::NOT_FOUND, "old address retired");
    let renewed = p.t.get("/me/schedule", Some(&s)).await;
    assert!(!renewed.body.contains(&shown));
    assert_eq!(p.t.get("/feeds/nonsense.ics", None).await.status, StatusCode::NOT_FOUND);
}

/// Teaching days on both summer-time changes. The feed is checked here and, when
/// KOMPETENCE_ICAL_SAMPLE names a file, written there for CI's independent parsers
/// (Python `icalendar`, npm `ical.js`; see tests/ical/).
#[tokio::test]
async fn the_cohort_feed_carries_days_across_the_summer_time_changes() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let module = scope.create_module(&module_input("PRA", "10")).await.unwrap();
    let mut input = cohort_input(module.id, 10);
    (input.starts_on, input.ends_on, input.name) =
        ("2026-09-01".into(), "2027-06-30".into(), "Hold 1, efterår; vinter".into());
    let c = scope.create_cohort(&input).await.unwrap();
    scope.add_day(c.id, &day("2026-10-25", "09:00", "15:00")).await.unwrap();
    scope.add_day(c.id, &day("2027-03-28", "09:00", "15:00")).await.unwrap();
    let page = p.t.get(&format!("/o/{}/cohorts/{}", p.org, c.id), Some(&p.s)).await;
    let url = page.body.split("href=\"/feeds/").nth(1).unwrap().split('"').next().unwrap();
    let feed = p.t.get(&format!("/feeds/{url}"), None).await.body;
    assert!(feed.contains("DTSTART;TZID=Europe/Copenhagen:20261025T090000\r\n"));
    assert!(feed.contains("DTSTART;TZID=Europe/Copenhagen:20270328T090000\r\n"));
    assert!(feed.contains("X-WR-CALNAME:Hold 1\\, efterår\\; vinter\r\n"));
    assert!(feed.contains("TZNAME:CEST") && feed.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), 2);
    if let Ok(path) = std::env::var("KOMPETENCE_ICAL_SAMPLE") {
        std::fs::write(path, &feed).unwrap();
    }
}
