//! A municipality sends its people: enrolment, approval, capacity, waitlist, withdrawal.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::{CohortId, EnrolmentState, OrgId, UserId};
use kompetence_core::store::{Cohort, ProviderScope};

use crate::support::{TestApp, cohort_input};

struct World {
    t: TestApp,
    cohort: Cohort,
    provider: ProviderScope,
    muni: OrgId,
    hr: UserId,
}

/// A provider with one cohort of `capacity` seats, and Aabenraa with `staff` employees.
async fn world(capacity: i64, staff: usize) -> World {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let cohort = p.course("PRA").capacity(capacity).build().await.cohort;
    let aabenraa = p.t.municipality("Aabenraa Kommune", "hr@aabenraa.dk").await;
    let (muni, hr) = (aabenraa.org, aabenraa.hr);
    for i in 0..staff {
        p.t.employee(hr, muni, &format!("Lønkonsulent {i}"), &format!("lk{i}@aabenraa.dk"), "").await;
    }
    World { provider: scope, t: p.t, cohort, muni, hr }
}

impl World {
    async fn hr(&self) -> kompetence_core::store::MunicipalityScope {
        self.t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(self.hr, self.muni, &[]).await.unwrap()
    }
    fn cohort_id(&self) -> CohortId {
        self.cohort.id
    }
}

#[tokio::test]
async fn a_full_cohort_waitlists_with_positions_and_a_withdrawal_promotes_the_first() {
    let w = world(2, 4).await;
    let hr = w.hr().await;
    let mut ids = vec![];
    for i in 0..4 {
        ids.push(hr.enrol(w.cohort_id(), &format!("lk{i}@aabenraa.dk"), true).await.unwrap());
    }
    let states: Vec<(&str, Option<i64>)> = ids.iter().map(|e| (e.state.as_str(), e.waitlist_position)).collect();
    assert_eq!(states, [("enrolled", None), ("enrolled", None), ("waitlisted", Some(1)), ("waitlisted", Some(2))]);
    // The HR page tells the waitlist position.
    let s = w.t.session(w.hr).await;
    let page = w.t.get(&format!("/o/{}/enrolments/{}", w.muni, ids[3].id), Some(&s)).await;
    assert!(page.body.contains("nr. 2 på ventelisten"), "{}", page.body);
    // lk0 withdraws: lk2 (first on the list) gets the seat, lk3 moves up.
    let resp = w.t.post_form(&format!("/o/{}/enrolments/{}/withdraw", w.muni, ids[0].id), Some(&s), &[]).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    assert_eq!(hr.enrolment(ids[2].id).await.unwrap().state, "enrolled");
    assert_eq!(hr.enrolment(ids[3].id).await.unwrap().waitlist_position, Some(1));
    // Every change is kept with who and when.
    let history = hr.enrolment_history(ids[2].id).await.unwrap();
    let moves: Vec<(Option<&str>, &str)> =
        history.iter().map(|h| (h.from_state.map(|s| s.as_str()), h.to_state.as_str())).collect();
    assert_eq!(
        moves,
        [
            (None, "requested"),
            (Some("requested"), "approved"),
            (Some("approved"), "waitlisted"),
            (Some("waitlisted"), "enrolled")
        ]
    );
    assert!(history.iter().all(|h| h.by_name.as_deref() == Some("Test hr@aabenraa.dk") && h.at > 0));
}

#[tokio::test]
async fn enrolments_await_approval_unless_approved_at_once() {
    let w = world(5, 2).await;
    let s = w.t.session(w.hr).await;
    let path = format!("/o/{}/catalogue/{}/enrol", w.muni, w.cohort.id);
    let resp = w.t.post_form(&path, Some(&s), &[("employee_email", "lk0@aabenraa.dk")]).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    let notice = w.t.get(resp.location(), Some(&s)).await;
    assert!(notice.body.contains("Tilmeldingen er registreret: Anmodet."), "{}", notice.body);
    let hr = w.hr().await;
    let e = hr.municipal_cohort_enrolments(w.cohort_id()).await.unwrap().remove(0);
    assert_eq!(e.state, "requested");
    assert_eq!(w.seats_taken().await, 0, "a request holds no seat");
    let approve = w.t.post_form(&format!("/o/{}/enrolments/{}/approve", w.muni, e.id), Some(&s), &[]).await;
    assert_eq!(approve.status, StatusCode::SEE_OTHER);
    assert_eq!(hr.enrolment(e.id).await.unwrap().state, "enrolled");
    let again = w.t.post_form(&format!("/o/{}/enrolments/{}/approve", w.muni, e.id), Some(&s), &[]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("kan ikke ændres sådan"));
}

impl World {
    async fn seats_taken(&self) -> i64 {
        self.provider.cohort(self.cohort_id()).await.unwrap().seats_taken
    }
}

#[tokio::test]
async fn bad_enrolments_are_refused_and_nothing_is_saved() {
    let w = world(5, 1).await;
    let s = w.t.session(w.hr).await;
    let path = format!("/o/{}/catalogue/{}/enrol", w.muni, w.cohort.id);
    // An employee of another municipality.
    let odense = w.t.org("Odense Kommune", "municipality").await.id;
    let hr_o = w.t.user("hr@odense.dk", &[(odense, "hr")]).await;
    w.t.employee(hr_o, odense, "Anden Kommune", "anden@odense.dk", "").await;
    let foreign = w.t.post_form(&path, Some(&s), &[("employee_email", "anden@odense.dk"), ("approve", "1")]).await;
    assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        foreign.body.contains("Der er ingen medarbejder med den e-mail i kommunen.")
            && foreign.body.contains("value=\"anden@odense.dk\"")
    );
    // Twice.
    assert_eq!(
        w.t.post_form(&path, Some(&s), &[("employee_email", "lk0@aabenraa.dk"), ("approve", "1")]).await.status,
        StatusCode::SEE_OTHER
    );
    let twice = w.t.post_form(&path, Some(&s), &[("employee_email", "LK0@aabenraa.dk"), ("approve", "1")]).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("Medarbejderen er allerede tilmeldt holdet."));
    assert_eq!(w.hr().await.municipal_cohort_enrolments(w.cohort_id()).await.unwrap().len(), 1);
    // Capacity below the number already enrolled.
    let token = w.t.token(w.provider.grant().user(), None).await;
    let mut body =
        serde_json::json!({"name": "Hold 1", "capacity": 0, "starts_on": "2030-09-01", "ends_on": "2031-03-31"});
    let zero =
        w.t.api(
            Method::PUT,
            &format!("/api/v1/orgs/{}/cohorts/{}", w.provider.org_id(), w.cohort.id),
            Some(&token),
            Some(body.clone()),
        )
        .await;
    assert_eq!(zero.json()["fields"][0]["code"], "err-capacity-range");
    w.t.employee(w.hr, w.muni, "To", "to@aabenraa.dk", "").await;
    w.hr().await.enrol(w.cohort_id(), "to@aabenraa.dk", true).await.unwrap();
    body["capacity"] = 1.into();
    let below =
        w.t.api(
            Method::PUT,
            &format!("/api/v1/orgs/{}/cohorts/{}", w.provider.org_id(), w.cohort.id),
            Some(&token),
            Some(body),
        )
        .await;
    assert_eq!(below.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(below.json()["fields"][0]["code"], "err-capacity-below-enrolled");
    assert_eq!(w.provider.cohort(w.cohort_id()).await.unwrap().capacity, 5, "unchanged");
}

#[tokio::test]
async fn the_sign_up_deadline_closes_enrolment() {
    let w = world(5, 1).await;
    let mut input = cohort_input(w.cohort.module_id, 5);
    input.signup_deadline = "2020-01-01".into();
    let closed = w.provider.create_cohort(&input).await.unwrap();
    let err = w.hr().await.enrol(closed.id, "lk0@aabenraa.dk", true).await.unwrap_err();
    assert!(format!("{err:?}").contains("err-signup-closed"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hr_users_taking_the_last_seat_at_once_get_one_seat_between_them() {
    let w = world(1, 2).await;
    let hr2 = w.t.user("hr2@aabenraa.dk", &[(w.muni, "hr")]).await;
    let (a, b) = (
        w.hr().await,
        w.t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr2, w.muni, &[]).await.unwrap(),
    );
    let cohort = w.cohort_id();
    let (ra, rb) = tokio::join!(
        tokio::spawn(async move { a.enrol(cohort, "lk0@aabenraa.dk", true).await }),
        tokio::spawn(async move { b.enrol(cohort, "lk1@aabenraa.dk", true).await }),
    );
    let mut states = vec![ra.unwrap().unwrap().state.as_str(), rb.unwrap().unwrap().state.as_str()];
    states.sort();
    assert_eq!(states, ["enrolled", "waitlisted"]);
    assert_eq!(w.provider.cohort(cohort).await.unwrap().seats_taken, 1);
}

#[tokio::test]
async fn a_leader_enrols_and_approves_only_their_own_staff() {
    let w = world(5, 0).await;
    let leader = w.t.user("lis@aabenraa.dk", &[(w.muni, "leader")]).await;
    let lis = w.t.employee(w.hr, w.muni, "Lis Leder", "lis@aabenraa.dk", "").await;
    w.hr().await.link_existing_user(lis).await.unwrap();
    w.t.employee(w.hr, w.muni, "Min Medarbejder", "min@aabenraa.dk", "lis@aabenraa.dk").await;
    w.t.employee(w.hr, w.muni, "Fremmed", "fremmed@aabenraa.dk", "").await;
    let s = w.t.session(leader).await;
    let path = format!("/o/{}/catalogue/{}/enrol", w.muni, w.cohort.id);
    let mine = w.t.post_form(&path, Some(&s), &[("employee_email", "min@aabenraa.dk")]).await;
    assert_eq!(mine.status, StatusCode::SEE_OTHER);
    let other = w.t.post_form(&path, Some(&s), &[("employee_email", "fremmed@aabenraa.dk")]).await;
    assert!(other.body.contains("Du kan kun tilmelde dine egne medarbejdere."));
    // HR's request for a stranger is invisible to the leader.
    let e = w.hr().await.enrol(w.cohort_id(), "fremmed@aabenraa.dk", false).await.unwrap();
    assert_eq!(w.t.get(&format!("/o/{}/enrolments/{}", w.muni, e.id), Some(&s)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        w.t.post_form(&format!("/o/{}/enrolments/{}/approve", w.muni, e.id), Some(&s), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let list = w.t.get(&format!("/o/{}/enrolments", w.muni), Some(&s)).await;
    assert!(list.body.contains("Min Medarbejder") && !list.body.contains("Fremmed"));
    // The cohort page lists the leader's own staff on it, not the rest of the municipality.
    let cohort_page = w.t.get(&format!("/o/{}/catalogue/{}", w.muni, w.cohort.id), Some(&s)).await;
    assert!(cohort_page.body.contains("Min Medarbejder") && !cohort_page.body.contains("Fremmed"));
}

#[tokio::test]
async fn the_provider_sees_participants_from_every_municipality() {
    let w = world(10, 1).await;
    w.hr().await.enrol(w.cohort_id(), "lk0@aabenraa.dk", true).await.unwrap();
    let bornholm = w.t.org("Bornholms Regionskommune", "municipality").await.id;
    let hr_b = w.t.user("hr@bornholm.dk", &[(bornholm, "hr")]).await;
    w.t.employee(hr_b, bornholm, "Birgit Ipsen", "birgit@bornholm.dk", "").await;
    w.t.store
        .authorize_as::<kompetence_core::store::MunicipalityScope>(hr_b, bornholm, &[])
        .await
        .unwrap()
        .enrol(w.cohort_id(), "birgit@bornholm.dk", true)
        .await
        .unwrap();
    let s = w.t.session(w.provider.grant().user()).await;
    let page = w.t.get(&format!("/o/{}/cohorts/{}", w.provider.org_id(), w.cohort.id), Some(&s)).await;
    assert!(page.body.contains("Birgit Ipsen") && page.body.contains("Bornholms Regionskommune"));
    assert!(page.body.contains("Lønkonsulent 0") && page.body.contains("Aabenraa Kommune"));
    // Each municipality sees only its own people on the cohort.
    let hs = w.t.session(w.hr).await;
    let muni_page = w.t.get(&format!("/o/{}/catalogue/{}", w.muni, w.cohort.id), Some(&hs)).await;
    assert!(muni_page.body.contains("Lønkonsulent 0") && !muni_page.body.contains("Birgit Ipsen"));
}

/// HR withdraws a participant while the provider marks them completed, at the same time,
/// round after round: one of the two wins, the other is refused, and the cohort's single
/// seat is never held twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_and_completing_at_once_never_both_succeed_or_overbook() {
    const ROUNDS: usize = 12;
    let w = world(1, 2 * ROUNDS).await;
    let hr = w.hr().await;
    let (mut withdrawn, mut completed) = (0, 0);
    for r in 0..ROUNDS {
        let cohort = w.provider.create_cohort(&cohort_input(w.cohort.module_id, 1)).await.unwrap().id;
        let seated = hr.enrol(cohort, &format!("lk{}@aabenraa.dk", 2 * r), true).await.unwrap();
        hr.enrol(cohort, &format!("lk{}@aabenraa.dk", 2 * r + 1), true).await.unwrap();
        let (a, b) = tokio::join!(
            tokio::spawn({
                let hr = hr.clone();
                async move { hr.withdraw_enrolment(seated.id).await }
            }),
            tokio::spawn({
                let provider = w.provider.clone();
                async move { provider.complete_enrolment(cohort, seated.id).await }
            }),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(a.is_ok() != b.is_ok(), "round {r}: exactly one wins: {a:?} / {b:?}");
        let withdraw_won = a.is_ok();
        let loser = if withdraw_won { b.unwrap_err() } else { a.unwrap_err() };
        assert!(
            matches!(loser, kompetence_core::Error::Conflict { .. } | kompetence_core::Error::Validation(_)),
            "round {r}: {loser:?}"
        );
        if withdraw_won {
            withdrawn += 1
        } else {
            completed += 1
        }
        let seats = w.provider.cohort_enrolments(cohort).await.unwrap();
        let held = seats.iter().filter(|e| e.state.holds_seat()).count();
        assert_eq!(held, 1, "round {r}: one seat, held once: {:?}", seats.iter().map(|e| e.state).collect::<Vec<_>>());
        let history = hr.enrolment_history(seated.id).await.unwrap();
        let moves_from_enrolled = history.iter().filter(|e| e.from_state == Some(EnrolmentState::Enrolled)).count();
        assert_eq!(moves_from_enrolled, 1, "round {r}: the history shows one move, not both");
    }
    assert_eq!(withdrawn + completed, ROUNDS);
}
