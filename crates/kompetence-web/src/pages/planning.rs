//! The municipality's planning pages (issue 13): the organisation tree, the staff import
//! from the municipality's own systems (dry run first), target groups, wave plans that keep
//! every team staffed, and bulk enrolment of a wave or a selection.
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::domain::staff_file::{LineError, OS2MO_FILES};
use kompetence_core::domain::staff_plain::{Layout, MAPPING_FILE, Mapping, read_any};
use kompetence_core::domain::{CohortId, EmployeeId, OrgId, TargetGroupId, UnitId, WavePlanId};
use kompetence_core::store::{
    BulkOutcome, GroupMember, ImportOptions, ImportReport, MunicipalityScope, PlanViolation, TargetGroup,
    TargetGroupInput, Unit, UnitInput, WavePlan, WavePlanInput, WavePlanView,
};
use serde::Deserialize;

use super::{FormErrors, PageCtx, form_errors, ok, render, submitted};
use crate::auth::roles::{Hr, StaffViewer};
use crate::auth::{CsrfForm, CsrfMultipart, Org};
use crate::error::AppError;
use crate::input::{Path, Query};
use crate::state::AppState;

// ---------------------------------------------------------------- the organisation tree

#[derive(askama::Template)]
#[template(path = "units.html")]
struct UnitsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    units: Vec<Unit>,
    can_edit: bool,
    form: UnitForm,
    errors: FormErrors,
    leader_errors: FormErrors,
    saved: bool,
}

/// A unit's place in the tree in a list of options (a `<select>` cannot indent).
fn indent(depth: &u32) -> String {
    "— ".repeat(*depth as usize)
}

impl UnitsPage {
    fn indent(&self, depth: &u32) -> String {
        indent(depth)
    }
}

impl GroupsPage {
    fn indent(&self, depth: &u32) -> String {
        indent(depth)
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct UnitForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent_id: String,
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<String>,
}

async fn units_page(
    org: &Org<impl crate::auth::roles::RoleSet<Scope = MunicipalityScope>>,
    page: PageCtx,
    form: UnitForm,
    errors: FormErrors,
    leader_errors: FormErrors,
    saved: bool,
) -> Result<UnitsPage, AppError> {
    Ok(UnitsPage {
        title: page.t("units-title"),
        org_id: org.id(),
        units: org.scope.units().await?,
        can_edit: org.has(kompetence_core::domain::Role::Hr),
        form,
        errors,
        leader_errors,
        saved,
        page,
    })
}

pub async fn units(org: Org<StaffViewer>, page: PageCtx, Query(q): Query<SavedQuery>) -> Result<Response, AppError> {
    ok(&units_page(&org, page, UnitForm::default(), FormErrors::default(), FormErrors::default(), q.saved.is_some())
        .await?)
}

fn optional_id<T: From<i64>>(raw: &str) -> Result<Option<T>, kompetence_core::Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .map(|v| Some(T::from(v)))
        .map_err(|_| kompetence_core::domain::ValidationError::new("parent_id", "err-number").into())
}

pub async fn create_unit(org: Org<Hr>, page: PageCtx, CsrfForm(f): CsrfForm<UnitForm>) -> Result<Response, AppError> {
    let result = match optional_id::<UnitId>(&f.parent_id) {
        Ok(parent_id) => org.scope.create_unit(&UnitInput { name: f.name.clone(), parent_id }).await,
        Err(e) => Err(e),
    };
    submitted(
        page,
        result,
        |_| format!("/o/{}/units?saved=1", org.id()),
        |page, errors| units_page(&org, page, f, errors, FormErrors::default(), false),
    )
    .await
}

#[derive(Deserialize)]
pub struct LeaderForm {
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    leader_email: String,
}

/// Makes an employee a leader of a unit: their own staff is then the unit and below.
pub async fn add_leader(org: Org<Hr>, page: PageCtx, CsrfForm(f): CsrfForm<LeaderForm>) -> Result<Response, AppError> {
    let result = match f.unit_id.trim().parse::<i64>() {
        Ok(unit) => org.scope.add_unit_leader(UnitId(unit), &f.leader_email).await,
        Err(_) => Err(kompetence_core::domain::ValidationError::new("unit_id", "err-unit-unknown").into()),
    };
    submitted(
        page,
        result,
        |_| format!("/o/{}/units?saved=1", org.id()),
        |page, errors| units_page(&org, page, UnitForm::default(), FormErrors::default(), errors, false),
    )
    .await
}

// ---------------------------------------------------------------- the staff import

#[derive(askama::Template)]
#[template(path = "staff_import.html")]
struct ImportPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    files: &'static [&'static str],
    report: Option<ImportReport>,
    /// The kept upload to import after a clean dry run.
    upload_id: Option<i64>,
    /// Each bad line, translated.
    problems: Vec<(String, usize, String)>,
    notice: Option<String>,
    /// A plain file's headers and the mapping used, for HR to adjust (with its upload).
    plain: Option<(i64, String, Vec<String>, Mapping)>,
}

impl ImportPage {
    /// The mapping's fields in the form's order: (field, label key, chosen header).
    fn mapping_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let Some((_, _, _, m)) = &self.plain else { return vec![] };
        vec![
            ("id", "map-id", m.id.clone()),
            ("name", "map-name", m.name.clone()),
            ("email", "map-email", m.email.clone()),
            ("unit", "map-unit", m.unit.clone()),
            ("parent_unit", "map-parent_unit", m.parent_unit.clone()),
            ("job_title", "map-job_title", m.job_title.clone()),
            ("position_code", "map-position_code", m.position_code.clone()),
            ("cpr", "map-cpr", m.cpr.clone()),
            ("leads", "map-leads", m.leads.clone()),
        ]
    }
}

fn problems(page: &PageCtx, errors: &[LineError]) -> Vec<(String, usize, String)> {
    errors
        .iter()
        .map(|e| {
            let msg = page.tr.tn(e.key, &[("value", e.value.clone())]);
            (e.file.clone(), e.line, msg)
        })
        .collect()
}

fn import_page(page: PageCtx, org_id: OrgId) -> ImportPage {
    ImportPage {
        title: page.t("import-title"),
        org_id,
        files: &OS2MO_FILES,
        report: None,
        upload_id: None,
        problems: vec![],
        notice: None,
        plain: None,
        page,
    }
}

pub async fn import_form(org: Org<Hr>, page: PageCtx) -> Result<Response, AppError> {
    ok(&import_page(page, org.id()))
}

/// The uploaded set by file name: files sent as files (one multi-file input), or — from a
/// script — as text fields named like OS2mo's files. Names are taken without their folder.
fn uploaded_files(form: &CsrfMultipart) -> HashMap<String, Vec<u8>> {
    let mut files = HashMap::new();
    for f in &form.files {
        let name = f.file_name.rsplit(['/', '\\']).next().unwrap_or("").to_lowercase();
        if !name.is_empty() && name != MAPPING_FILE {
            files.insert(name, f.bytes.to_vec());
        }
    }
    for name in OS2MO_FILES {
        if let Some(text) = form.fields.get(name) {
            files.insert(name.to_string(), text.as_bytes().to_vec());
        }
    }
    files
}

/// Files in an OS2mo set that are not OS2mo's.
fn strangers(files: &HashMap<String, Vec<u8>>) -> Vec<LineError> {
    let mut out: Vec<LineError> = files
        .keys()
        .filter(|k| !OS2MO_FILES.contains(&k.as_str()) && k.as_str() != MAPPING_FILE)
        .map(|k| LineError { file: k.clone(), line: 0, key: "err-import-unknown-file", value: k.clone() })
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// A dry run of the uploaded files: nothing is written; a clean file set is kept for the
/// "import now" that follows. A single file that is not OS2mo's is read as a plain list,
/// its columns mapped by a guess HR can change.
pub async fn import_dry_run(
    State(state): State<AppState>,
    org: Org<Hr>,
    page: PageCtx,
    form: CsrfMultipart,
) -> Result<Response, AppError> {
    let files = uploaded_files(&form);
    if files.is_empty() {
        let e = LineError { file: String::new(), line: 0, key: "err-import-which-layout", value: String::new() };
        return refused(page, org.id(), &[e]);
    }
    let (layout, read) = read_any(&files, None);
    if matches!(layout, Some(Layout::Os2mo)) && !strangers(&files).is_empty() {
        return refused(page, org.id(), &strangers(&files));
    }
    let upload_id = match &layout {
        // A plain file is kept at once, so HR can correct the mapping without uploading again.
        Some(Layout::Plain { .. }) => Some(org.scope.save_staff_upload(&files).await?),
        _ => None,
    };
    dry_run_page(&state, &org, page, files, layout, read, upload_id).await
}

/// The report of a dry run (or the problems), with the mapping form for a plain file.
async fn dry_run_page(
    state: &AppState,
    org: &Org<Hr>,
    page: PageCtx,
    files: HashMap<String, Vec<u8>>,
    layout: Option<Layout>,
    read: Result<kompetence_core::domain::staff_file::StaffSnapshot, Vec<LineError>>,
    upload_id: Option<i64>,
) -> Result<Response, AppError> {
    let plain = match (&layout, upload_id) {
        (Some(Layout::Plain { file, headers, mapping }), Some(id)) => {
            Some((id, file.clone(), headers.clone(), (**mapping).clone()))
        }
        _ => None,
    };
    let snap = match read {
        Ok(s) => s,
        Err(errors) => {
            let mut p = import_page(page, org.id());
            p.problems = problems(&p.page, &errors);
            p.plain = plain;
            return render(StatusCode::UNPROCESSABLE_ENTITY, &p);
        }
    };
    let opts =
        ImportOptions { dry_run: true, cpr_key: state.config.cpr_key.as_ref().map(|k| k.expose()), progress: None };
    let report = org.scope.import_staff(&snap, opts).await?;
    if !report.errors.is_empty() {
        let mut p = import_page(page, org.id());
        p.problems = problems(&p.page, &report.errors);
        p.plain = plain;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let upload_id = match upload_id {
        Some(id) => id,
        None => org.scope.save_staff_upload(&files).await?,
    };
    let mut p = import_page(page, org.id());
    p.report = Some(report);
    p.upload_id = Some(upload_id);
    p.plain = plain;
    ok(&p)
}

/// HR changes a plain file's column mapping: kept with the upload, and dry-run again.
pub async fn import_mapping(
    State(state): State<AppState>,
    org: Org<Hr>,
    page: PageCtx,
    Path((_, upload_id)): Path<(OrgId, i64)>,
    CsrfForm(mapping): CsrfForm<Mapping>,
) -> Result<Response, AppError> {
    let json = serde_json::to_vec(&mapping).map_err(|e| AppError::Unexpected(e.into()))?;
    org.scope.set_staff_upload_file(upload_id, MAPPING_FILE, &json).await?;
    let files = org.scope.staff_upload(upload_id).await?;
    let (layout, read) = read_any(&files, None);
    dry_run_page(&state, &org, page, files, layout, read, Some(upload_id)).await
}

fn refused(page: PageCtx, org_id: OrgId, errors: &[LineError]) -> Result<Response, AppError> {
    let mut p = import_page(page, org_id);
    p.problems = problems(&p.page, errors);
    render(StatusCode::UNPROCESSABLE_ENTITY, &p)
}

#[derive(Deserialize)]
pub struct Empty {}

/// Imports a set whose dry run HR has seen. It is compared again with the staff as they are
/// now, so a change made in between is not lost.
pub async fn import_run(
    State(state): State<AppState>,
    org: Org<Hr>,
    page: PageCtx,
    Path((_, upload_id)): Path<(OrgId, i64)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let files = org.scope.staff_upload(upload_id).await?;
    let snap = match read_any(&files, None).1 {
        Ok(s) => s,
        Err(errors) => return refused(page, org.id(), &errors),
    };
    let opts =
        ImportOptions { dry_run: false, cpr_key: state.config.cpr_key.as_ref().map(|k| k.expose()), progress: None };
    let report = org.scope.import_staff(&snap, opts).await?;
    if !report.errors.is_empty() {
        return refused(page, org.id(), &report.errors);
    }
    org.scope.drop_staff_upload(upload_id).await?;
    let mut p = import_page(page, org.id());
    p.notice = Some(p.page.tr.tn(
        "import-done",
        &[
            ("created", report.people_created.to_string()),
            ("changed", (report.people_changed + report.people_moved + report.people_returned).to_string()),
            ("left", report.people_left.to_string()),
            ("units", (report.units_created + report.units_changed).to_string()),
        ],
    ));
    p.report = Some(report);
    ok(&p)
}

// ---------------------------------------------------------------- target groups

#[derive(askama::Template)]
#[template(path = "target_groups.html")]
struct GroupsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    groups: Vec<TargetGroup>,
    units: Vec<Unit>,
    modules: Vec<(kompetence_core::domain::ModuleId, String, String, String)>,
    form: TargetGroupInput,
    errors: FormErrors,
}

async fn groups_page(
    org: &Org<Hr>,
    page: PageCtx,
    form: TargetGroupInput,
    errors: FormErrors,
) -> Result<GroupsPage, AppError> {
    Ok(GroupsPage {
        title: page.t("target-groups-title"),
        org_id: org.id(),
        groups: org.scope.target_groups().await?,
        units: org.scope.units().await?,
        modules: org.scope.catalogue_modules().await?,
        form,
        errors,
        page,
    })
}

pub async fn target_groups(org: Org<Hr>, page: PageCtx) -> Result<Response, AppError> {
    let form = TargetGroupInput { include_subunits: Some("1".into()), ..Default::default() };
    ok(&groups_page(&org, page, form, FormErrors::default()).await?)
}

pub async fn create_target_group(
    org: Org<Hr>,
    page: PageCtx,
    CsrfForm(form): CsrfForm<TargetGroupInput>,
) -> Result<Response, AppError> {
    let result = org.scope.create_target_group(&form).await;
    submitted(
        page,
        result,
        |g| format!("/o/{}/target-groups/{}?saved=1", org.id(), g.id),
        |page, errors| groups_page(&org, page, form, errors),
    )
    .await
}

/// How many members one page of a group or plan shows (10,000 staff stay fast).
const PER_PAGE: usize = 100;

#[derive(Deserialize, Default)]
pub struct GroupQuery {
    page: Option<usize>,
    saved: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "target_group.html")]
struct GroupPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    group: TargetGroup,
    members: Vec<GroupMember>,
    total: usize,
    counts: (usize, usize, usize),
    pager: PlainPager,
    plans: Vec<WavePlan>,
    cohorts: Vec<(CohortId, String)>,
    teams: Vec<(UnitId, String)>,
    plan_form: WavePlanInput,
    errors: FormErrors,
    problems: Vec<String>,
    saved: bool,
}

/// Links for a list paged in memory.
pub struct PlainPager {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl PlainPager {
    fn new(page: usize, total: usize, base: &str) -> Self {
        let pages = total.div_ceil(PER_PAGE).max(1);
        let page = page.clamp(1, pages);
        Self {
            page,
            pages,
            prev: (page > 1).then(|| format!("{base}page={}", page - 1)),
            next: (page < pages).then(|| format!("{base}page={}", page + 1)),
        }
    }
}

/// The open cohorts this municipality may enrol on, for the bulk enrolment's choice.
async fn open_cohorts(scope: &MunicipalityScope, page: &PageCtx) -> Result<Vec<(CohortId, String)>, AppError> {
    let list = scope.catalogue("", kompetence_core::store::PageRequest::new(Some(1), Some(200))).await?;
    Ok(list
        .items
        .into_iter()
        .map(|c| {
            let title = page.pick(&c.module_title_da, &c.module_title_en).to_string();
            (c.id, format!("{title} – {} ({} – {})", c.name, c.starts_on, c.ends_on))
        })
        .collect())
}

fn describe(page: &PageCtx, v: &PlanViolation) -> String {
    let args = [
        ("who", v.who.clone()),
        ("wave", v.wave.map(|w| w.to_string()).unwrap_or_default()),
        ("count", v.count.to_string()),
        ("allowed", v.allowed.to_string()),
        ("short", v.short.to_string()),
    ];
    page.tr.tn(&format!("plan-{}", v.kind.replace('_', "-")), &args)
}

#[allow(clippy::too_many_arguments)]
async fn group_page(
    org: &Org<Hr>,
    page: PageCtx,
    id: TargetGroupId,
    at: usize,
    plan_form: WavePlanInput,
    errors: FormErrors,
    problems: Vec<String>,
    saved: bool,
) -> Result<GroupPage, AppError> {
    let group = org.scope.target_group(id).await?;
    let all = org.scope.group_members(id).await?;
    use kompetence_core::store::MemberStatus as S;
    let count = |s: S| all.iter().filter(|m| m.status == Some(s)).count();
    let counts = (count(S::NotPlanned), count(S::Planned), count(S::Enrolled));
    let mut teams: Vec<(UnitId, String)> = all
        .iter()
        .filter_map(|m| m.unit_id.zip(m.unit_name.clone()))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    teams.sort_by(|a, b| a.1.cmp(&b.1));
    let total = all.len();
    let pager = PlainPager::new(at, total, &format!("/o/{}/target-groups/{id}?", org.id()));
    let members = all.into_iter().skip((pager.page - 1) * PER_PAGE).take(PER_PAGE).collect();
    Ok(GroupPage {
        title: group.name.clone(),
        org_id: org.id(),
        members,
        total,
        counts,
        pager,
        plans: org.scope.wave_plans(id).await?,
        cohorts: open_cohorts(&org.scope, &page).await?,
        teams,
        group,
        plan_form,
        errors,
        problems,
        saved,
        page,
    })
}

fn default_plan(page: &PageCtx) -> WavePlanInput {
    WavePlanInput { name: page.t("plan-default-name"), waves: "2".into(), min_at_work_pct: "50".into() }
}

pub async fn target_group(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, TargetGroupId)>,
    Query(q): Query<GroupQuery>,
) -> Result<Response, AppError> {
    let form = default_plan(&page);
    ok(&group_page(&org, page, id, q.page.unwrap_or(1), form, FormErrors::default(), vec![], q.saved.is_some()).await?)
}

/// Proposes and saves a wave plan; when no split exists, the page says which team is short.
pub async fn create_plan(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, TargetGroupId)>,
    CsrfForm(form): CsrfForm<WavePlanInput>,
) -> Result<Response, AppError> {
    match org.scope.create_wave_plan(id, &form).await {
        Ok(Ok(view)) => {
            Ok(Redirect::to(&format!("/o/{}/wave-plans/{}?saved=1", org.id(), view.plan.id)).into_response())
        }
        Ok(Err(problems)) => {
            let text = problems.iter().map(|p| describe(&page, p)).collect();
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &group_page(&org, page, id, 1, form, FormErrors::default(), text, false).await?,
            )
        }
        Err(e) => {
            let errors = form_errors(&page.tr, e)?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &group_page(&org, page, id, 1, form, errors, vec![], false).await?)
        }
    }
}

// ---------------------------------------------------------------- bulk enrolment

#[derive(askama::Template)]
#[template(path = "bulk_result.html")]
struct BulkPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: String,
    outcomes: Vec<BulkOutcome>,
    back: String,
    summary: String,
}

/// The selection posted: checked people (`employee`), or everyone of the group in one team
/// (`team`), onto `cohort_id`; `pre_approved` skips the leaders' approval.
fn selection(form: &[(String, String)]) -> (Vec<EmployeeId>, Option<UnitId>, Option<CohortId>, bool) {
    let mut people = Vec::new();
    let (mut team, mut cohort, mut pre) = (None, None, false);
    for (k, v) in form {
        match k.as_str() {
            "employee" => people.extend(v.parse().ok().map(EmployeeId)),
            "team" => team = v.parse().ok().map(UnitId),
            "cohort_id" => cohort = v.parse().ok().map(CohortId),
            "pre_approved" => pre = v == "1" || v == "on",
            _ => {}
        }
    }
    (people, team, cohort, pre)
}

async fn bulk_page(
    org: &Org<Hr>,
    page: PageCtx,
    cohort: CohortId,
    outcomes: Vec<BulkOutcome>,
    back: String,
) -> Result<Response, AppError> {
    let c = org.scope.catalogue_cohort(cohort).await?;
    let n = |f: fn(&BulkOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count().to_string();
    use kompetence_core::domain::EnrolmentState as S;
    let summary = page.tr.tn(
        "bulk-summary",
        &[
            ("enrolled", n(|o| o.state == Some(S::Enrolled))),
            ("waitlisted", n(|o| o.state == Some(S::Waitlisted))),
            ("requested", n(|o| o.state == Some(S::Requested))),
            ("refused", n(|o| o.refused.is_some())),
        ],
    );
    let title = page.t("bulk-title");
    ok(&BulkPage {
        cohort: format!("{} – {}", page.pick(&c.module_title_da, &c.module_title_en), c.name),
        title,
        org_id: org.id(),
        outcomes,
        back,
        summary,
        page,
    })
}

/// Enrols the checked members of a group (or one team of it) in one step.
pub async fn enrol_group(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, TargetGroupId)>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (mut people, team, cohort, pre) = selection(&form);
    let members = org.scope.group_members(id).await?;
    if let Some(team) = team {
        people = members.iter().filter(|m| m.unit_id == Some(team)).map(|m| m.employee_id).collect();
    }
    // Only the group's members: an id typed into the form from elsewhere is not enrolled.
    people.retain(|p| members.iter().any(|m| m.employee_id == *p));
    let back = format!("/o/{}/target-groups/{id}", org.id());
    let Some(cohort) = cohort else {
        let errors =
            FormErrors::new(&page.tr, &[kompetence_core::domain::ValidationError::new("cohort_id", "err-required")]);
        let form = default_plan(&page);
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &group_page(&org, page, id, 1, form, errors, vec![], false).await?,
        );
    };
    if people.is_empty() {
        let errors =
            FormErrors::new(&page.tr, &[kompetence_core::domain::ValidationError::new("employee", "err-bulk-none")]);
        let form = default_plan(&page);
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &group_page(&org, page, id, 1, form, errors, vec![], false).await?,
        );
    }
    let outcomes = org.scope.enrol_many(cohort, &people, pre).await?;
    bulk_page(&org, page, cohort, outcomes, back).await
}

// ---------------------------------------------------------------- wave plans

#[derive(askama::Template)]
#[template(path = "wave_plan.html")]
struct PlanPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    view: WavePlanView,
    members: Vec<GroupMember>,
    pager: PlainPager,
    waves: Vec<u32>,
    problems: Vec<String>,
    cohorts: Vec<(CohortId, String)>,
    names: HashMap<EmployeeId, String>,
    notice: Option<String>,
    errors: FormErrors,
}

impl PlanPage {
    fn in_wave(&self, m: &GroupMember, w: &u32) -> bool {
        m.wave == Some(*w)
    }
}

#[allow(clippy::too_many_arguments)]
async fn plan_page(
    org: &Org<Hr>,
    page: PageCtx,
    view: WavePlanView,
    at: usize,
    extra: Vec<String>,
    notice: Option<String>,
    errors: FormErrors,
) -> Result<PlanPage, AppError> {
    let mut problems: Vec<String> = view.violations.iter().map(|v| describe(&page, v)).collect();
    problems.extend(extra);
    let pager = PlainPager::new(at, view.members.len(), &format!("/o/{}/wave-plans/{}?", org.id(), view.plan.id));
    let members = view.members.iter().skip((pager.page - 1) * PER_PAGE).take(PER_PAGE).cloned().collect();
    let names = view.members.iter().map(|m| (m.employee_id, m.name.clone())).collect();
    Ok(PlanPage {
        title: view.plan.name.clone(),
        org_id: org.id(),
        waves: (1..=view.plan.waves as u32).collect(),
        members,
        pager,
        problems,
        cohorts: open_cohorts(&org.scope, &page).await?,
        names,
        notice,
        errors,
        view,
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct PlanQuery {
    page: Option<usize>,
    saved: Option<String>,
    apart: Option<String>,
}

pub async fn wave_plan(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, WavePlanId)>,
    Query(q): Query<PlanQuery>,
) -> Result<Response, AppError> {
    let view = org.scope.wave_plan_view(id).await?;
    let notice = match (q.saved.is_some(), q.apart.is_some()) {
        (_, true) => Some(page.t("plan-apart-saved")),
        (true, _) => Some(page.t("plan-saved")),
        _ => None,
    };
    ok(&plan_page(&org, page, view, q.page.unwrap_or(1), vec![], notice, FormErrors::default()).await?)
}

/// The split posted from one page of the plan (`wave-{id}`, `pin-{id}`), over the saved
/// split of everyone else.
fn posted_split(view: &WavePlanView, form: &[(String, String)]) -> Vec<(EmployeeId, u32, bool)> {
    let mut split: HashMap<EmployeeId, (u32, bool)> =
        view.members.iter().filter_map(|m| m.wave.map(|w| (m.employee_id, (w, m.pinned)))).collect();
    let on_page: Vec<EmployeeId> = form
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("wave-").and_then(|id| id.parse().ok()).map(EmployeeId))
        .collect();
    for e in &on_page {
        if let Some(entry) = split.get_mut(e) {
            entry.1 = false;
        }
    }
    for (k, v) in form {
        if let Some(id) = k.strip_prefix("wave-").and_then(|id| id.parse().ok()).map(EmployeeId) {
            let pinned = split.get(&id).is_some_and(|s| s.1);
            split.insert(id, (v.parse().unwrap_or(0), pinned));
        }
    }
    for (k, _) in form {
        if let Some(id) = k.strip_prefix("pin-").and_then(|id| id.parse().ok()).map(EmployeeId)
            && let Some(entry) = split.get_mut(&id)
        {
            entry.1 = true;
        }
    }
    split.into_iter().map(|(e, (w, p))| (e, w, p)).collect()
}

/// Checks or saves HR's hand-made split: `action=check` shows what it breaks, `save` keeps
/// it if it breaks nothing, `propose` proposes again around the pinned people.
pub async fn update_plan(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, WavePlanId)>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let action = form.iter().find(|(k, _)| k == "action").map(|(_, v)| v.as_str()).unwrap_or("check");
    let at = form.iter().find(|(k, _)| k == "page").and_then(|(_, v)| v.parse().ok()).unwrap_or(1);
    let current = org.scope.wave_plan_view(id).await?;
    let split = posted_split(&current, &form);
    let result = match action {
        "save" => org.scope.save_wave_split(id, &split).await.map(|r| match r {
            Ok(v) => (v, None, true),
            Err(v) => (v, None, false),
        }),
        "propose" => match org.scope.repropose_wave_plan(id).await {
            Ok(Ok(v)) => Ok((v, None, true)),
            Ok(Err(problems)) => {
                let text: Vec<String> = problems.iter().map(|p| describe(&page, p)).collect();
                Ok((current.clone(), Some(text), false))
            }
            Err(e) => Err(e),
        },
        _ => org.scope.check_wave_split(id, &split).await.map(|v| (v, None, false)),
    };
    match result {
        Ok((_, _, true)) => {
            Ok(Redirect::to(&format!("/o/{}/wave-plans/{id}?saved=1&page={at}", org.id())).into_response())
        }
        Ok((view, extra, _)) => {
            let broken = !view.violations.is_empty() || extra.is_some();
            let notice = (!broken).then(|| page.t("plan-checked-ok"));
            let status = if broken && action != "check" { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
            render(
                status,
                &plan_page(&org, page, view, at, extra.unwrap_or_default(), notice, FormErrors::default()).await?,
            )
        }
        Err(e) => {
            let errors = form_errors(&page.tr, e)?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &plan_page(&org, page, current, at, vec![], None, errors).await?)
        }
    }
}

#[derive(Deserialize)]
pub struct ApartForm {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
}

pub async fn add_apart(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, WavePlanId)>,
    CsrfForm(f): CsrfForm<ApartForm>,
) -> Result<Response, AppError> {
    let pair = f.a.trim().parse().ok().zip(f.b.trim().parse().ok());
    let result = match pair {
        Some((a, b)) => org.scope.add_wave_apart(id, EmployeeId(a), EmployeeId(b)).await,
        None => Err(kompetence_core::domain::ValidationError::new("apart", "err-apart-pair").into()),
    };
    let org = &org;
    submitted(
        page,
        result,
        |()| format!("/o/{}/wave-plans/{id}?apart=1", org.id()),
        |page, errors| async move {
            let view = org.scope.wave_plan_view(id).await?;
            plan_page(org, page, view, 1, vec![], None, errors).await
        },
    )
    .await
}

/// Enrols one wave of the plan on a cohort.
pub async fn enrol_wave(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, WavePlanId)>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (_, _, cohort, pre) = selection(&form);
    let wave = form.iter().find(|(k, _)| k == "wave").and_then(|(_, v)| v.parse::<u32>().ok());
    let (Some(cohort), Some(wave)) = (cohort, wave) else {
        let view = org.scope.wave_plan_view(id).await?;
        let errors =
            FormErrors::new(&page.tr, &[kompetence_core::domain::ValidationError::new("cohort_id", "err-required")]);
        return render(StatusCode::UNPROCESSABLE_ENTITY, &plan_page(&org, page, view, 1, vec![], None, errors).await?);
    };
    let people = org.scope.wave_members(id, wave).await?;
    let outcomes = org.scope.enrol_many(cohort, &people, pre).await?;
    bulk_page(&org, page, cohort, outcomes, format!("/o/{}/wave-plans/{id}", org.id())).await
}
