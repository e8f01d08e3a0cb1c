//! Materials and cases on a cohort or a teaching day, and file downloads (materials,
//! hand-ins). Uploads are checked against the configured policy before anything is stored.
use crate::auth::Me;
use crate::input::Path;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kompetence_core::domain::upload::{UploadPolicy, safe_file_name};
use kompetence_core::domain::{AssignmentId, CohortId, DayId, FileId, MaterialId, OrgId};
use kompetence_core::store::{Cohort, FileData, Material, NewFile, TeachingDay};

use super::{FormErrors, PageCtx, ok, submitted};
use crate::auth::roles::ProviderStaff;
use crate::auth::{CsrfMultipart, Org, UploadedFile};
use crate::error::AppError;
use crate::state::AppState;

/// The uploaded file of a form, checked against the policy (None when no file was chosen).
pub fn accepted(
    policy: &UploadPolicy,
    field: &'static str,
    file: Option<&UploadedFile>,
) -> Result<Option<NewFile>, kompetence_core::domain::ValidationError> {
    let Some(f) = file else { return Ok(None) };
    let content_type = policy.check(field, &f.file_name, f.bytes.len())?;
    Ok(Some(NewFile { name: safe_file_name(&f.file_name), content_type: content_type.into(), data: f.bytes.to_vec() }))
}

/// RFC 6266: an ASCII fallback name and the real (UTF-8) name, so "lønkørsel.pdf" survives.
fn content_disposition(name: &str) -> String {
    let name = safe_file_name(name);
    let ascii: String = name.chars().map(|c| if c.is_ascii() { c } else { '_' }).collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", crate::error::urlencode(&name).replace('+', "%20"))
}

/// A stored file as a download (never rendered inline).
pub fn download(f: FileData) -> Response {
    (
        [
            (header::CONTENT_TYPE, f.content_type),
            (header::CONTENT_DISPOSITION, content_disposition(&f.name)),
            (header::CACHE_CONTROL, "private, no-store".into()),
        ],
        f.data,
    )
        .into_response()
}

#[derive(askama::Template)]
#[template(path = "materials.html")]
struct MaterialsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    days: Vec<TeachingDay>,
    materials: Vec<Material>,
    form_title: String,
    form_body: String,
    form_day: String,
    limit_mb: usize,
    types: String,
    errors: FormErrors,
}

async fn materials_page(
    state: &AppState,
    org: &Org<ProviderStaff>,
    page: PageCtx,
    id: CohortId,
    form: (String, String, String),
    errors: FormErrors,
) -> Result<MaterialsPage, AppError> {
    let cohort = org.scope.cohort(id).await?;
    let days = org.scope.days(id).await?;
    let materials = org.scope.materials(id).await?;
    Ok(MaterialsPage {
        title: format!("{} – {}", page.t("materials-title"), cohort.name),
        org_id: org.id(),
        cohort,
        days,
        materials,
        form_title: form.0,
        form_body: form.1,
        form_day: form.2,
        limit_mb: state.config.upload.max_bytes / (1024 * 1024),
        types: state.config.upload.types.join(", "),
        errors,
        page,
    })
}

pub async fn list(
    State(state): State<AppState>,
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    ok(&materials_page(&state, &org, page, id, Default::default(), FormErrors::default()).await?)
}

pub async fn add(
    State(state): State<AppState>,
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    form: CsrfMultipart,
) -> Result<Response, AppError> {
    let (title, body, day) =
        (form.text("title").to_string(), form.text("body").to_string(), form.text("day_id").to_string());
    let file = accepted(&state.config.upload, "file", form.files.iter().find(|f| f.field == "file"));
    let result = match file {
        Ok(file) => {
            let day_id = day.parse::<DayId>().ok();
            org.scope.add_material(id, day_id, &title, &body, file.as_ref()).await
        }
        Err(e) => Err(e.into()),
    };
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}/materials", org.id()),
        |page, errors| materials_page(&state, &org, page, id, (title, body, day), errors),
    )
    .await
}

pub async fn file(org: Org<ProviderStaff>, Path((_, id)): Path<(OrgId, MaterialId)>) -> Result<Response, AppError> {
    Ok(download(org.scope.material_file(id).await?))
}

pub async fn hand_in_file(
    org: Org<ProviderStaff>,
    Path((_, assignment, file)): Path<(OrgId, AssignmentId, FileId)>,
) -> Result<Response, AppError> {
    Ok(download(org.scope.hand_in_file(assignment, file).await?))
}

#[derive(askama::Template)]
#[template(path = "my_materials.html")]
struct MyMaterials {
    page: PageCtx,
    title: String,
    materials: Vec<Material>,
}

pub async fn mine(me: Me, page: PageCtx) -> Result<Response, AppError> {
    let materials = me.scope.materials().await?;
    ok(&MyMaterials { title: page.t("materials-title"), materials, page })
}

pub async fn my_file(me: Me, Path(id): Path<MaterialId>) -> Result<Response, AppError> {
    Ok(download(me.scope.material_file(id).await?))
}
