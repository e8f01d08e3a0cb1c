//! The "me" scope: a participant's own data — schedule, assignments, actions, exams,
//! profiles, evaluations, certificates, transcript and progress. It is made from the
//! authenticated caller only (the web layer's `Me` extractor), so a handler cannot ask for
//! someone else's: none of these methods takes a user id.
use std::collections::BTreeMap;

use super::{
    Action, ActionCohort, ActionView, Certificate, FileData, HandInFile, InstrumentView, Material, Membership,
    MyAssignment, MyAttendance, MyExam, NewFile, OfferedInstrument, PendingEvaluation, Profile, Progress, Schedule,
    Store, Transcript,
};
use crate::Result;

use crate::domain::learning::{ActionInput, EvaluationInput, EvaluationScope};

use crate::domain::{
    ActionId, AssignmentId, CertificateId, CohortId, EnrolmentId, ExamId, InstrumentId, Locale, MaterialId, Rounding,
    UserId,
};

/// One person's own data.
#[derive(Clone)]
pub struct MeScope {
    pub(super) store: Store,
    user: UserId,
}

impl Store {
    /// The scope of the person `user`, who must be the authenticated caller.
    pub fn me(&self, user: UserId) -> MeScope {
        MeScope { store: self.clone(), user }
    }
}

impl MeScope {
    pub fn user(&self) -> UserId {
        self.user
    }

    // Account.
    pub async fn memberships(&self) -> Result<Vec<Membership>> {
        self.store.memberships(self.user).await
    }
    pub async fn set_locale(&self, locale: Locale) -> Result<()> {
        self.store.set_locale(self.user, locale).await
    }
    /// Logs the caller out everywhere but in the session with cookie `keep`.
    pub async fn end_other_sessions(&self, keep: &str) -> Result<u64> {
        self.store.end_other_sessions(self.user, keep).await
    }

    // Notices.
    pub async fn notices(&self, limit: i64) -> Result<Vec<super::Notice>> {
        self.store.notices(self.user, limit).await
    }
    pub async fn mark_notices_read(&self) -> Result<u64> {
        self.store.mark_notices_read(self.user).await
    }

    // Teaching days and the calendar feed.
    pub async fn schedule(&self) -> Result<Schedule> {
        self.store.schedule(self.user).await
    }
    pub async fn feed_key(&self) -> Result<String> {
        self.store.feed_key(self.user).await
    }
    pub async fn renew_feed_key(&self) -> Result<String> {
        self.store.renew_feed_key(self.user).await
    }
    pub async fn attendance(&self) -> Result<Vec<MyAttendance>> {
        self.store.my_attendance(self.user).await
    }

    // Materials and assignments.
    pub async fn materials(&self) -> Result<Vec<Material>> {
        self.store.my_materials(self.user).await
    }
    pub async fn material_file(&self, material: MaterialId) -> Result<FileData> {
        self.store.my_material_file(self.user, material).await
    }
    pub async fn assignments(&self) -> Result<Vec<MyAssignment>> {
        self.store.my_assignments(self.user).await
    }
    pub async fn hand_in_files(&self) -> Result<Vec<(AssignmentId, HandInFile)>> {
        self.store.my_hand_in_files(self.user).await
    }
    pub async fn submit_assignment(&self, assignment: AssignmentId, body: &str) -> Result<()> {
        self.store.submit_assignment(self.user, assignment, body).await
    }
    pub async fn submit_assignment_with(
        &self,
        assignment: AssignmentId,
        body: &str,
        file: Option<&NewFile>,
    ) -> Result<()> {
        self.store.submit_assignment_with(self.user, assignment, body, file).await
    }

    // Actions between teaching days.
    pub async fn actions(&self) -> Result<Vec<Action>> {
        self.store.my_actions(self.user).await
    }
    pub async fn action_cohorts(&self) -> Result<Vec<ActionCohort>> {
        self.store.action_cohorts(self.user).await
    }
    /// An action the caller may read (own, or shared with their learning group).
    pub async fn action(&self, id: ActionId) -> Result<ActionView> {
        self.store.action_for(self.user, id).await
    }
    pub async fn create_action(&self, enrolment: EnrolmentId, input: &ActionInput) -> Result<Action> {
        self.store.create_action(self.user, enrolment, input).await
    }
    pub async fn update_action(&self, id: ActionId, input: &ActionInput) -> Result<Action> {
        self.store.update_action(self.user, id, input).await
    }
    pub async fn comment_action(&self, id: ActionId, body: &str) -> Result<()> {
        self.store.comment_action(self.user, id, body).await
    }

    // Type profiles.
    pub async fn offered_instruments(&self) -> Result<Vec<OfferedInstrument>> {
        self.store.offered_instruments(self.user).await
    }
    pub async fn instrument(&self, id: InstrumentId) -> Result<InstrumentView> {
        self.store.instrument_for(self.user, id).await
    }
    pub async fn answer_instrument(
        &self,
        id: InstrumentId,
        answers: &BTreeMap<String, i64>,
        share: bool,
    ) -> Result<Profile> {
        self.store.answer_instrument(self.user, id, answers, share).await
    }
    pub async fn share_profile(&self, id: InstrumentId, share: bool) -> Result<()> {
        self.store.share_profile(self.user, id, share).await
    }

    // Evaluations.
    pub async fn pending_evaluations(&self) -> Result<Vec<PendingEvaluation>> {
        self.store.my_pending_evaluations(self.user).await
    }
    pub async fn submit_evaluation(
        &self,
        cohort: CohortId,
        scope: EvaluationScope,
        input: &EvaluationInput,
    ) -> Result<()> {
        self.store.submit_evaluation(self.user, cohort, scope, input).await
    }

    // Exams, credits and certificates.
    pub async fn exams(&self) -> Result<Vec<MyExam>> {
        self.store.my_exams(self.user).await
    }
    pub async fn hand_in(&self, exam: ExamId, text: &str) -> Result<()> {
        self.store.hand_in(self.user, exam, text).await
    }
    pub async fn transcript(&self, rounding: Rounding) -> Result<Transcript> {
        self.store.transcript(self.user, rounding).await
    }
    pub async fn progress(&self) -> Result<Vec<Progress>> {
        self.store.my_progress(self.user).await
    }
    pub async fn certificates(&self) -> Result<Vec<Certificate>> {
        self.store.my_certificates(self.user).await
    }
    pub async fn certificate(&self, id: CertificateId) -> Result<Certificate> {
        self.store.my_certificate(self.user, id).await
    }
}

#[cfg(test)]
mod tests {
    use crate::Error;
    use crate::domain::learning::AssignmentInput;
    use crate::domain::schedule::DayInput;
    use crate::store::testing::World;

    #[tokio::test]
    async fn a_participant_sees_and_hands_in_only_what_belongs_to_their_own_cohorts() {
        let w = World::new(5).await;
        let anna = w.participant("Anna Andersen", "anna@aabenraa.dk").await;
        let bo = w.participant("Bo Bech", "bo@aabenraa.dk").await;
        w.hr.enrol(w.cohort, "anna@aabenraa.dk", true).await.unwrap();
        let day = DayInput {
            date: "2030-09-10".into(),
            starts_at: "09:00".into(),
            ends_at: "15:00".into(),
            kind: "teaching".into(),
            title: "Lønkørslen".into(),
            ..Default::default()
        };
        w.provider.add_day(w.cohort, &day).await.unwrap();
        let task = AssignmentInput {
            title: "Kortlæg en lønkørsel".into(),
            due_date: "2030-10-01".into(),
            due_time: "12:00".into(),
            ..Default::default()
        };
        let assignment = w.provider.create_assignment(w.cohort, &task).await.unwrap().id;

        let (anna, bo) = (w.store.me(anna), w.store.me(bo));
        assert_eq!(anna.schedule().await.unwrap().days.len(), 1);
        assert_eq!(anna.assignments().await.unwrap().len(), 1);
        assert!(bo.schedule().await.unwrap().days.is_empty(), "Bo is on no cohort");
        assert!(bo.assignments().await.unwrap().is_empty());

        assert!(matches!(bo.submit_assignment(assignment, "Bos tekst").await, Err(Error::NotFound)));
        anna.submit_assignment(assignment, "Annas tekst").await.unwrap();
        let mine = anna.assignments().await.unwrap();
        assert_eq!(mine[0].body.as_deref(), Some("Annas tekst"));
    }
}
