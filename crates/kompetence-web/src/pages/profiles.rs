//! Type profiles: the provider loads instruments; the participant answers, sees their profile
//! as a chart with a text per dimension, and decides whether their teachers may see it.
use std::collections::BTreeMap;

use crate::auth::Me;
use crate::input::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::documents::chart::bipolar_chart;
use kompetence_core::domain::profile::{DimensionScore, Instrument};
use kompetence_core::domain::{CohortId, InstrumentId, OrgId};
use kompetence_core::store::{InstrumentRow, OfferedInstrument, SharedProfile};
use serde::Deserialize;

use super::{FormErrors, PageCtx, ok, submitted};
use crate::auth::roles::{ProviderAdmin, ProviderStaff};
use crate::auth::{CsrfForm, CsrfMultipart, Org};
use crate::error::AppError;

/// A profile ready to show: the chart and, per dimension, the pole it leans to and its text.
pub struct ShownProfile {
    pub chart: String,
    pub lines: Vec<(String, String)>,
}

pub fn show(page: &PageCtx, id: &str, title: &str, i: &Instrument, scores: &[DimensionScore]) -> ShownProfile {
    let en = page.lang == "en";
    let mut rows = vec![];
    let mut lines = vec![];
    for d in &i.dimensions {
        let pos = scores.iter().find(|s| s.code == d.code).map(|s| s.position).unwrap_or(50);
        let (low, high) = if en { (&d.low_en, &d.high_en) } else { (&d.low_da, &d.high_da) };
        rows.push((low.clone(), high.clone(), pos));
        let text = match (pos >= 50, en) {
            (true, false) => &d.text_high_da,
            (true, true) => &d.text_high_en,
            (false, false) => &d.text_low_da,
            (false, true) => &d.text_low_en,
        };
        lines.push((format!("{low} – {high}: {pos}"), text.clone()));
    }
    let description = lines.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>().join("; ");
    ShownProfile { chart: bipolar_chart(id, title, &description, &rows), lines }
}

#[derive(askama::Template)]
#[template(path = "my_profiles.html")]
struct MyProfiles {
    page: PageCtx,
    title: String,
    instruments: Vec<OfferedInstrument>,
}

pub async fn mine(me: Me, page: PageCtx) -> Result<Response, AppError> {
    let instruments = me.scope.offered_instruments().await?;
    ok(&MyProfiles { title: page.t("profiles-title"), instruments, page })
}

#[derive(askama::Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    page: PageCtx,
    title: String,
    id: InstrumentId,
    instrument: Instrument,
    shown: Option<ShownProfile>,
    /// Answering (first time, a retake, or after an error): the values chosen so far.
    answering: bool,
    chosen: BTreeMap<String, i64>,
    share: bool,
    errors: FormErrors,
}

impl ProfilePage {
    fn is_chosen(&self, item: &str, v: &i64) -> bool {
        self.chosen.get(item) == Some(v)
    }
    fn text<'a>(&self, da: &'a str, en: &'a str) -> &'a str {
        if self.page.lang == "en" { en } else { da }
    }
}

#[derive(Deserialize, Default)]
pub struct RetakeQuery {
    #[serde(default)]
    retake: String,
}

async fn profile_page(
    me: &Me,
    page: PageCtx,
    id: InstrumentId,
    retake: bool,
    failed: Option<(BTreeMap<String, i64>, bool, FormErrors)>,
) -> Result<ProfilePage, AppError> {
    let kompetence_core::store::InstrumentView { instrument, profile } = me.scope.instrument(id).await?;
    let title = page.pick(&instrument.name_da, &instrument.name_en).to_string();
    let shown = profile.as_ref().map(|p| show(&page, "profile", &title, &p.instrument, &p.scores));
    let (answering, chosen, share, errors) = match failed {
        Some((chosen, share, errors)) => (true, chosen, share, errors),
        None => {
            let (chosen, share) =
                profile.as_ref().map(|p| (p.answers.clone(), p.shared_with_teacher)).unwrap_or_default();
            (profile.is_none() || retake, chosen, share, FormErrors::default())
        }
    };
    Ok(ProfilePage { title, id, instrument, shown, answering, chosen, share, errors, page })
}

pub async fn take(
    me: Me,
    page: PageCtx,
    Path(id): Path<InstrumentId>,
    Query(q): Query<RetakeQuery>,
) -> Result<Response, AppError> {
    ok(&profile_page(&me, page, id, !q.retake.is_empty(), None).await?)
}

/// Form fields `item-<item id>` = a value on the scale, and `share` when ticked.
pub async fn answer(
    me: Me,
    page: PageCtx,
    Path(id): Path<InstrumentId>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let share = fields.iter().any(|(k, _)| k == "share");
    let mut answers = BTreeMap::new();
    let mut unreadable = false;
    for (k, v) in &fields {
        if let Some(item) = k.strip_prefix("item-") {
            match v.trim().parse::<i64>() {
                Ok(n) => {
                    answers.insert(item.to_string(), n);
                }
                Err(_) => unreadable = true,
            }
        }
    }
    let result = if unreadable {
        Err(kompetence_core::domain::ValidationError::new("answers", "err-profile-range").into())
    } else {
        me.scope.answer_instrument(id, &answers, share).await
    };
    submitted(
        page,
        result,
        |_| format!("/me/profiles/{id}"),
        |page, errors| profile_page(&me, page, id, true, Some((answers, share, errors))),
    )
    .await
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    share: String,
}

pub async fn share(
    me: Me,
    Path(id): Path<InstrumentId>,
    CsrfForm(f): CsrfForm<ShareForm>,
) -> Result<Response, AppError> {
    me.scope.share_profile(id, f.share == "1").await?;
    Ok(Redirect::to(&format!("/me/profiles/{id}")).into_response())
}

#[derive(askama::Template)]
#[template(path = "instruments.html")]
struct InstrumentsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    instruments: Vec<InstrumentRow>,
    definition: String,
    errors: FormErrors,
}

pub async fn instruments(org: Org<ProviderAdmin>, page: PageCtx) -> Result<Response, AppError> {
    let instruments = org.scope.instruments().await?;
    ok(&InstrumentsPage {
        title: page.t("instruments-title"),
        org_id: org.id(),
        instruments,
        definition: String::new(),
        errors: FormErrors::default(),
        page,
    })
}

/// Largest instrument file accepted.
const MAX_INSTRUMENT: usize = 512 * 1024;

pub async fn load(org: Org<ProviderAdmin>, page: PageCtx, form: CsrfMultipart) -> Result<Response, AppError> {
    let file = form.files.iter().find(|f| f.field == "file");
    let definition = match file {
        Some(f) if f.bytes.len() > MAX_INSTRUMENT => Err("err-instrument-size"),
        Some(f) => std::str::from_utf8(&f.bytes).map(str::to_string).map_err(|_| "err-instrument-json"),
        None => Ok(form.text("definition").to_string()),
    };
    let result = match &definition {
        Ok(d) => org.scope.load_instrument(d).await,
        Err(key) => Err(kompetence_core::domain::ValidationError::new("definition", key).into()),
    };
    submitted(
        page,
        result,
        |_| format!("/o/{}/instruments", org.id()),
        |page, errors| async {
            Ok(InstrumentsPage {
                title: page.t("instruments-title"),
                org_id: org.id(),
                instruments: org.scope.instruments().await?,
                definition: definition.unwrap_or_default(),
                errors,
                page,
            })
        },
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "shared_profiles.html")]
struct SharedProfilesPage {
    page: PageCtx,
    title: String,
    back: String,
    profiles: Vec<(SharedProfile, ShownProfile)>,
}

pub async fn cohort(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    let c = org.scope.cohort(id).await?;
    let profiles = org
        .scope
        .shared_profiles(id)
        .await?
        .into_iter()
        .enumerate()
        .map(|(n, p)| {
            let title = format!("{} – {}", p.participant_name, page.pick(&p.instrument.name_da, &p.instrument.name_en));
            let shown = show(&page, &format!("sp-{n}"), &title, &p.instrument, &p.scores);
            (p, shown)
        })
        .collect();
    ok(&SharedProfilesPage {
        title: format!("{} – {}", page.t("profiles-title"), c.name),
        back: format!("/o/{}/cohorts/{id}", org.id()),
        profiles,
        page,
    })
}
