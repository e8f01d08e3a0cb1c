//! The three journeys, modelled on Moodle's JMeter plan (log in → dashboard → course →
//! activity → post → … → log out), each with the product's real pages and forms.
use hyper::Method;
use kompetence_core::store::{HrAccounts, ParticipantAccount, TeacherAccount};

use super::browser::{Browser, attendance_fields};
use super::stats::Stats;

pub const PASSWORD: &str = kompetence_core::generate::PASSWORD;

/// Participant: log in → Mit forløb (schedule of the cohort and its teaching days) → the
/// cohort's and days' materials → log an action → assignments → hand in → log out.
pub async fn participant(b: &mut Browser, s: &mut Stats, a: &ParticipantAccount, today: &str) -> Option<()> {
    b.login(s, &a.email, PASSWORD).await?;
    b.step(s, "Mit forløb (GET /me/schedule)", Method::GET, "/me/schedule", &[]).await?;
    b.step(s, "materials, cohort and days (GET /me/materials)", Method::GET, "/me/materials", &[]).await?;
    b.step(s, "actions (GET /me/actions)", Method::GET, "/me/actions", &[]).await?;
    let action = [
        ("enrolment_id", a.enrolment_id.to_string()),
        ("title", "Afprøv metoden i teamet".to_string()),
        ("what", "Jeg afprøver dagens metode på en sag.".to_string()),
        ("why", "For at bruge det i hverdagen.".to_string()),
        ("with_whom", "Min kollega".to_string()),
        ("planned_for", today.to_string()),
    ];
    b.step(s, "log an action (POST /me/actions)", Method::POST, "/me/actions", &action).await?;
    b.step(s, "assignments (GET /me/assignments)", Method::GET, "/me/assignments", &[]).await?;
    let hand_in = [("text", "Min besvarelse med begreberne fra dagen.".to_string())];
    let path = format!("/me/assignments/{}/submit", a.assignment_id);
    b.step(s, "hand in (POST /me/assignments/{id}/submit)", Method::POST, &path, &hand_in).await?;
    b.logout(s).await
}

/// Teacher: log in → cohort → participants' attendance sheet for a day → record it →
/// an assignment's hand-ins → feedback → log out.
pub async fn teacher(b: &mut Browser, s: &mut Stats, t: &TeacherAccount) -> Option<()> {
    b.login(s, &t.email, PASSWORD).await?;
    let (o, c) = (t.provider_id, t.cohort_id);
    b.step(s, "cohort (GET /o/{org}/cohorts/{id})", Method::GET, &format!("/o/{o}/cohorts/{c}"), &[]).await?;
    let sheet = format!("/o/{o}/cohorts/{c}/days/{}/attendance", t.day_id);
    let html = b.step(s, "participants' attendance (GET …/days/{id}/attendance)", Method::GET, &sheet, &[]).await?;
    let marks: Vec<(String, String)> = attendance_fields(&html).into_iter().map(|f| (f, "present".into())).collect();
    let marks: Vec<(&str, String)> = marks.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    b.step(s, "record attendance (POST …/attendance)", Method::POST, &sheet, &marks).await?;
    let assignment = format!("/o/{o}/assignments/{}", t.assignment_id);
    b.step(s, "hand-ins (GET /o/{org}/assignments/{id})", Method::GET, &assignment, &[]).await?;
    let feedback = [("verdict", "approved".to_string()), ("feedback", "Godt koblet til praksis.".to_string())];
    let path = format!("{assignment}/submissions/{}/feedback", t.submission_id);
    b.step(s, "feedback (POST …/submissions/{id}/feedback)", Method::POST, &path, &feedback).await?;
    b.logout(s).await
}

/// Municipal HR: log in → dashboard → catalogue → enrol a member of staff → the coverage
/// report of the whole municipality → log out.
pub async fn hr(b: &mut Browser, s: &mut Stats, h: &HrAccounts, n: usize) -> Option<()> {
    b.login(s, &h.emails[n % h.emails.len()], PASSWORD).await?;
    let m = h.municipality_id;
    b.step(s, "dashboard (GET /)", Method::GET, "/", &[]).await?;
    b.step(s, "catalogue (GET /o/{org}/catalogue)", Method::GET, &format!("/o/{m}/catalogue"), &[]).await?;
    if !h.cohorts.is_empty() && !h.candidates.is_empty() {
        let cohort = h.cohorts[n % h.cohorts.len()];
        let form = [("employee_email", h.candidates[n % h.candidates.len()].clone()), ("approve", "1".to_string())];
        let path = format!("/o/{m}/catalogue/{cohort}/enrol");
        b.step(s, "enrol (POST /o/{org}/catalogue/{id}/enrol)", Method::POST, &path, &form).await?;
    }
    b.step(s, "coverage report (GET /o/{org}/coverage)", Method::GET, &format!("/o/{m}/coverage"), &[]).await?;
    b.logout(s).await
}
