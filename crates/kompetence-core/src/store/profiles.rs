//! Type profiles: instruments loaded by a provider, answered by participants on that
//! provider's cohorts; a profile is seen by its owner, and by their teachers only if shared.
use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::FromRow;

use super::ProviderScope;
use super::{HOLDS_SEAT, Store, now};
use crate::domain::profile::{DimensionScore, Instrument};
use crate::domain::{CohortId, InstrumentId, UserId};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct InstrumentRow {
    pub id: InstrumentId,
    pub code: String,
    pub name_da: String,
    pub name_en: String,
}

/// An instrument as offered to a participant, with their profile if they have one.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct OfferedInstrument {
    pub id: InstrumentId,
    pub name_da: String,
    pub name_en: String,
    pub provider_name: String,
    pub answered: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Profile {
    pub instrument: Instrument,
    pub scores: Vec<DimensionScore>,
    pub answers: BTreeMap<String, i64>,
    pub shared_with_teacher: bool,
}

/// A shared profile as the teacher sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SharedProfile {
    pub participant_name: String,
    pub instrument: Instrument,
    pub scores: Vec<DimensionScore>,
}

fn parse_stored(definition: &str) -> Result<Instrument> {
    Instrument::parse(definition).map_err(|_| Error::Unexpected(anyhow::anyhow!("stored instrument no longer parses")))
}

impl ProviderScope {
    pub async fn instruments(&self) -> Result<Vec<InstrumentRow>> {
        Ok(sqlx::query_as(
            "SELECT id, code, name_da, name_en FROM instruments WHERE provider_id = $1 ORDER BY name_da, id",
        )
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// Loads (or replaces, by code) an instrument from its JSON file.
    pub async fn load_instrument(&self, definition: &str) -> Result<InstrumentRow> {
        let i = Instrument::parse(definition)?;
        let canonical = serde_json::to_string(&i).map_err(|e| Error::Unexpected(e.into()))?;
        sqlx::query(
            "INSERT INTO instruments (provider_id, code, name_da, name_en, definition, created_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (provider_id, code) DO UPDATE SET name_da = excluded.name_da, name_en = excluded.name_en,
               definition = excluded.definition",
        )
        .bind(self.org_id().0)
        .bind(&i.code)
        .bind(&i.name_da)
        .bind(&i.name_en)
        .bind(&canonical)
        .bind(now())
        .execute(&self.store.pool)
        .await?;
        Ok(sqlx::query_as("SELECT id, code, name_da, name_en FROM instruments WHERE provider_id = $1 AND code = $2")
            .bind(self.org_id().0)
            .bind(&i.code)
            .fetch_one(&self.store.pool)
            .await?)
    }

    /// The profiles participants of the cohort have shared with their teachers.
    pub async fn shared_profiles(&self, cohort: CohortId) -> Result<Vec<SharedProfile>> {
        self.check_cohort(cohort).await?;
        let rows: Vec<(String, String, String)> = sqlx::query_as(&format!(
            "SELECT emp.name, i.definition, p.scores FROM profiles p JOIN instruments i ON i.id = p.instrument_id
             JOIN employees emp ON emp.user_id = p.user_id JOIN enrolments e ON e.employee_id = emp.id
             WHERE e.cohort_id = $1 AND e.state IN {HOLDS_SEAT} AND p.shared_with_teacher = 1
               AND i.provider_id = $2 ORDER BY emp.name, i.name_da"
        ))
        .bind(cohort.0)
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?;
        rows.into_iter()
            .map(|(participant_name, def, scores)| {
                Ok(SharedProfile {
                    participant_name,
                    instrument: parse_stored(&def)?,
                    scores: serde_json::from_str(&scores).map_err(|e| Error::Unexpected(e.into()))?,
                })
            })
            .collect()
    }
}

/// An instrument as its participant sees it: the questions, and their profile once answered.
#[derive(Debug, Clone)]
pub struct InstrumentView {
    pub instrument: Instrument,
    pub profile: Option<Profile>,
}

impl Store {
    /// Instruments of the providers whose cohorts the user is on.
    pub(crate) async fn offered_instruments(&self, user: UserId) -> Result<Vec<OfferedInstrument>> {
        Ok(sqlx::query_as(&format!(
            "SELECT i.id, i.name_da, i.name_en, o.name AS provider_name,
                    (SELECT COUNT(*) FROM profiles p WHERE p.instrument_id = i.id AND p.user_id = $1) AS answered
             FROM instruments i JOIN organizations o ON o.id = i.provider_id
             WHERE i.provider_id IN (SELECT c.provider_id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
                                     JOIN cohorts c ON c.id = e.cohort_id
                                     WHERE emp.user_id = $1 AND e.state IN {HOLDS_SEAT})
             ORDER BY i.name_da, i.id"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// An instrument offered to the user, and their profile on it if answered.
    pub(crate) async fn instrument_for(&self, user: UserId, id: InstrumentId) -> Result<InstrumentView> {
        if !self.offered_instruments(user).await?.iter().any(|i| i.id == id) {
            return Err(Error::NotFound);
        }
        let def: String = sqlx::query_scalar("SELECT definition FROM instruments WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        let instrument = parse_stored(&def)?;
        let row: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT answers, scores, shared_with_teacher FROM profiles WHERE instrument_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(user.0)
        .fetch_optional(&self.pool)
        .await?;
        let profile = match row {
            Some((answers, scores, shared)) => Some(Profile {
                instrument: instrument.clone(),
                answers: serde_json::from_str(&answers).map_err(|e| Error::Unexpected(e.into()))?,
                scores: serde_json::from_str(&scores).map_err(|e| Error::Unexpected(e.into()))?,
                shared_with_teacher: shared == 1,
            }),
            None => None,
        };
        Ok(InstrumentView { instrument, profile })
    }

    /// Scores and keeps the user's answers (a retake replaces the earlier profile).
    pub(crate) async fn answer_instrument(
        &self,
        user: UserId,
        id: InstrumentId,
        answers: &BTreeMap<String, i64>,
        share: bool,
    ) -> Result<Profile> {
        let instrument = self.instrument_for(user, id).await?.instrument;
        let scores = instrument.score(answers)?;
        let answers_json = serde_json::to_string(answers).map_err(|e| Error::Unexpected(e.into()))?;
        let scores_json = serde_json::to_string(&scores).map_err(|e| Error::Unexpected(e.into()))?;
        sqlx::query(
            "INSERT INTO profiles (instrument_id, user_id, answers, scores, shared_with_teacher, created_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (instrument_id, user_id) DO UPDATE SET answers = excluded.answers, scores = excluded.scores,
               shared_with_teacher = excluded.shared_with_teacher, created_at = excluded.created_at",
        )
        .bind(id)
        .bind(user.0)
        .bind(&answers_json)
        .bind(&scores_json)
        .bind(i64::from(share))
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(Profile { instrument, scores, answers: answers.clone(), shared_with_teacher: share })
    }

    /// The owner decides whether their teachers may see the profile.
    pub(crate) async fn share_profile(&self, user: UserId, id: InstrumentId, share: bool) -> Result<()> {
        let n = sqlx::query("UPDATE profiles SET shared_with_teacher = $1 WHERE instrument_id = $2 AND user_id = $3")
            .bind(i64::from(share))
            .bind(id)
            .bind(user.0)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if n == 0 { Err(Error::NotFound) } else { Ok(()) }
    }
}
