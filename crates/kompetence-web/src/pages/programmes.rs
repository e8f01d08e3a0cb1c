//! A provider's modules (with learning outcomes and specialisations) and programmes.
use crate::input::{Path, Query};
use axum::extract::State;
use axum::response::Response;
use kompetence_core::domain::{ModuleId, ModuleRole, OrgId, ProgrammeId, Structure};
use kompetence_core::store::{
    Module, ModuleInput, PageRequest, Programme, ProgrammeInput, ProgrammeModule, Specialisation,
};
use serde::Deserialize;

use super::{FormErrors, PageCtx, Pager, ok, submitted};
use crate::auth::roles::ProviderAdmin;
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<u32>,
}

#[derive(askama::Template)]
#[template(path = "modules.html")]
struct ModulesPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    modules: Vec<Module>,
    pager: Pager,
    form: ModuleInput,
    errors: FormErrors,
}

async fn modules_page(
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    p: Option<u32>,
    form: ModuleInput,
    errors: FormErrors,
) -> Result<ModulesPage, AppError> {
    let list = org.scope.modules(PageRequest::new(p, None)).await?;
    let base = format!("/o/{}/modules?", org.id());
    Ok(ModulesPage {
        title: page.t("modules-title"),
        org_id: org.id(),
        pager: Pager::new(&list, &base),
        modules: list.items,
        form,
        errors,
        page,
    })
}

pub async fn modules(org: Org<ProviderAdmin>, page: PageCtx, Query(q): Query<PageQuery>) -> Result<Response, AppError> {
    let form = ModuleInput { censor: "internal".into(), ects: "10".into(), ..Default::default() };
    ok(&modules_page(&org, page, q.page, form, FormErrors::default()).await?)
}

pub async fn create_module(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    CsrfForm(form): CsrfForm<ModuleInput>,
) -> Result<Response, AppError> {
    let result = org.scope.create_module(&form).await;
    submitted(
        page,
        result,
        |m| format!("/o/{}/modules/{}?saved=1", org.id(), m.id),
        |page, errors| modules_page(&org, page, None, form, errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "module.html")]
struct ModulePage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    module: Module,
    workload: u32,
    form: ModuleInput,
    errors: FormErrors,
    specialisations: Vec<Specialisation>,
    municipalities: Vec<kompetence_core::store::Organization>,
    spec_form: SpecForm,
    spec_errors: FormErrors,
    saved: bool,
}

#[derive(Deserialize, Default, Clone)]
pub struct SpecForm {
    #[serde(default)]
    municipality_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    content: String,
}

fn input_of(m: &Module) -> ModuleInput {
    ModuleInput {
        code: m.code.clone(),
        title_da: m.title_da.clone(),
        title_en: m.title_en.clone(),
        ects: m.ects.to_string(),
        knowledge: m.knowledge.clone(),
        skills: m.skills.clone(),
        competences: m.competences.clone(),
        exam_form: m.exam_form.clone(),
        censor: m.censor.as_str().into(),
        compulsory_assignments: m.compulsory_assignments.to_string(),
    }
}

struct ModuleForms {
    form: Option<ModuleInput>,
    errors: FormErrors,
    spec_form: SpecForm,
    spec_errors: FormErrors,
    saved: bool,
}

async fn module_page(
    state: &AppState,
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    id: ModuleId,
    f: ModuleForms,
) -> Result<ModulePage, AppError> {
    let module = org.scope.module(id).await?;
    Ok(ModulePage {
        title: format!("{} {}", module.code, page.pick(&module.title_da, &module.title_en)),
        org_id: org.id(),
        workload: module.workload(state.config.hours_per_ects),
        form: f.form.unwrap_or_else(|| input_of(&module)),
        specialisations: org.scope.specialisations(id).await?,
        municipalities: org.scope.municipalities().await?,
        module,
        errors: f.errors,
        spec_form: f.spec_form,
        spec_errors: f.spec_errors,
        saved: f.saved,
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn module(
    State(state): State<AppState>,
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ModuleId)>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let f = ModuleForms {
        form: None,
        errors: Default::default(),
        spec_form: Default::default(),
        spec_errors: Default::default(),
        saved: q.saved.is_some(),
    };
    ok(&module_page(&state, &org, page, id, f).await?)
}

pub async fn update_module(
    State(state): State<AppState>,
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ModuleId)>,
    CsrfForm(form): CsrfForm<ModuleInput>,
) -> Result<Response, AppError> {
    let result = org.scope.update_module(id, &form).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/modules/{id}?saved=1", org.id()),
        |page, errors| async move {
            let f = ModuleForms {
                form: Some(form),
                errors,
                spec_form: Default::default(),
                spec_errors: Default::default(),
                saved: false,
            };
            module_page(&state, org, page, id, f).await
        },
    )
    .await
}

pub async fn create_specialisation(
    State(state): State<AppState>,
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ModuleId)>,
    CsrfForm(form): CsrfForm<SpecForm>,
) -> Result<Response, AppError> {
    let municipality = OrgId(form.municipality_id.parse().unwrap_or(0));
    let result = org.scope.create_specialisation(id, municipality, &form.title, &form.content).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/modules/{id}?saved=1", org.id()),
        |page, spec_errors| async move {
            let f = ModuleForms { form: None, errors: Default::default(), spec_form: form, spec_errors, saved: false };
            module_page(&state, org, page, id, f).await
        },
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "programmes.html")]
struct ProgrammesPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    programmes: Vec<Programme>,
    structures: Vec<&'static str>,
    form: ProgrammeInput,
    errors: FormErrors,
}

async fn programmes_page(
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    form: ProgrammeInput,
    errors: FormErrors,
) -> Result<ProgrammesPage, AppError> {
    Ok(ProgrammesPage {
        title: page.t("programmes-title"),
        org_id: org.id(),
        programmes: org.scope.programmes().await?,
        structures: Structure::ALL.iter().map(|s| s.as_str()).collect(),
        form,
        errors,
        page,
    })
}

pub async fn programmes(org: Org<ProviderAdmin>, page: PageCtx) -> Result<Response, AppError> {
    ok(&programmes_page(
        &org,
        page,
        ProgrammeInput { structure: "free".into(), ..Default::default() },
        FormErrors::default(),
    )
    .await?)
}

pub async fn create_programme(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    CsrfForm(form): CsrfForm<ProgrammeInput>,
) -> Result<Response, AppError> {
    let result = org.scope.create_programme(&form).await;
    submitted(
        page,
        result,
        |p| format!("/o/{}/programmes/{}", org.id(), p.id),
        |page, errors| programmes_page(&org, page, form, errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "programme.html")]
struct ProgrammePage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    programme: Programme,
    modules: Vec<ProgrammeModule>,
    total_ects: i64,
    choices: Vec<Module>,
    roles: Vec<&'static str>,
    form: AddModuleForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct AddModuleForm {
    #[serde(default)]
    module_id: String,
    #[serde(default)]
    role: String,
}

async fn programme_page(
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    id: ProgrammeId,
    form: AddModuleForm,
    errors: FormErrors,
) -> Result<ProgrammePage, AppError> {
    let kompetence_core::store::ProgrammeDetail { programme, modules } = org.scope.programme(id).await?;
    let choices = org.scope.modules(PageRequest::new(Some(1), Some(200))).await?.items;
    Ok(ProgrammePage {
        title: page.pick(&programme.title_da, &programme.title_en).to_string(),
        org_id: org.id(),
        total_ects: modules.iter().map(|m| m.module.ects).sum(),
        programme,
        modules,
        choices,
        roles: [ModuleRole::Compulsory, ModuleRole::Elective, ModuleRole::FinalProject]
            .iter()
            .map(|r| r.as_str())
            .collect(),
        form,
        errors,
        page,
    })
}

pub async fn programme(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ProgrammeId)>,
) -> Result<Response, AppError> {
    ok(&programme_page(&org, page, id, AddModuleForm::default(), FormErrors::default()).await?)
}

pub async fn add_programme_module(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ProgrammeId)>,
    CsrfForm(form): CsrfForm<AddModuleForm>,
) -> Result<Response, AppError> {
    let module = ModuleId(form.module_id.parse().unwrap_or(0));
    let result = org.scope.add_programme_module(id, module, &form.role).await;
    submitted(
        page,
        result,
        |_| format!("/o/{}/programmes/{id}", org.id()),
        |page, errors| programme_page(&org, page, id, form, errors),
    )
    .await
}
