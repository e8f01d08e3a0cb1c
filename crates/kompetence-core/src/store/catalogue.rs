//! What a provider teaches: modules (with learning outcomes), programmes built of modules
//! under structure rules, and specialisations (tailored runs for one municipality).
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::ProviderScope;
use super::write::Values;
use super::{OrgScope, PageRequest, Paged, Store, bind_ids, in_list, now};
use crate::domain::exam::Censorship;
use crate::domain::serde_util::string_or_number;
use crate::domain::{
    Ects, HoursPerEcts, ModuleId, ModuleRole, OrgId, ProgrammeId, ShortText, SpecialisationId, Structure,
    ValidationError,
};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Module {
    pub id: ModuleId,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub ects: i64,
    pub knowledge: String,
    pub skills: String,
    pub competences: String,
    pub exam_form: String,
    pub censor: Censorship,
    pub compulsory_assignments: i64,
}

impl Module {
    /// Expected workload in hours (ECTS × hours per credit).
    pub fn workload(&self, per: HoursPerEcts) -> u32 {
        Ects::new("ects", self.ects).map(|e| per.workload(e)).unwrap_or(0)
    }
}

const MODULE_COLS: &str =
    "id, code, title_da, title_en, ects, knowledge, skills, competences, exam_form, censor, compulsory_assignments";

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ModuleInput {
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = i64)]
    pub ects: String,
    /// Learning outcomes: knowledge (viden)
    #[serde(default)]
    pub knowledge: String,
    /// Learning outcomes: skills (færdigheder)
    #[serde(default)]
    pub skills: String,
    /// Learning outcomes: competences (kompetencer)
    #[serde(default)]
    pub competences: String,
    #[serde(default)]
    pub exam_form: String,
    /// internal or external
    #[serde(default)]
    pub censor: String,
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = i64)]
    pub compulsory_assignments: String,
}

struct ValidModule {
    code: ShortText,
    title_da: ShortText,
    title_en: ShortText,
    ects: Ects,
    outcomes: [String; 3],
    exam_form: ShortText,
    censor: Censorship,
    compulsory_assignments: i64,
}

fn long_text(field: &'static str, s: &str, errs: &mut Vec<ValidationError>) -> String {
    let t = s.trim();
    if t.is_empty() {
        errs.push(ValidationError::new(field, "err-required"));
    } else if t.chars().count() > 8000 {
        errs.push(ValidationError::new(field, "err-too-long"));
    }
    t.to_string()
}

impl ValidModule {
    /// The columns a module form writes (one list for insert and update).
    fn values(&self) -> Values<'_> {
        Values::new()
            .set("code", self.code.as_str())
            .set("title_da", self.title_da.as_str())
            .set("title_en", self.title_en.as_str())
            .set("ects", i64::from(self.ects.get()))
            .set("knowledge", self.outcomes[0].as_str())
            .set("skills", self.outcomes[1].as_str())
            .set("competences", self.outcomes[2].as_str())
            .set("exam_form", self.exam_form.as_str())
            .set("censor", self.censor)
            .set("compulsory_assignments", self.compulsory_assignments)
    }
}

impl ModuleInput {
    fn validate(&self) -> std::result::Result<ValidModule, Vec<ValidationError>> {
        let mut errs = vec![];
        let code = ShortText::parse_required("code", &self.code, 40).map_err(|e| errs.push(e)).ok();
        let title_da = ShortText::parse_required("title_da", &self.title_da, 200).map_err(|e| errs.push(e)).ok();
        let title_en = ShortText::parse_required("title_en", &self.title_en, 200).map_err(|e| errs.push(e)).ok();
        let ects = Ects::parse("ects", &self.ects).map_err(|e| errs.push(e)).ok();
        let outcomes = [
            long_text("knowledge", &self.knowledge, &mut errs),
            long_text("skills", &self.skills, &mut errs),
            long_text("competences", &self.competences, &mut errs),
        ];
        let exam_form = ShortText::parse_required("exam_form", &self.exam_form, 200).map_err(|e| errs.push(e)).ok();
        let censor = Censorship::parse("censor", &self.censor).map_err(|e| errs.push(e)).ok();
        let ca = self.compulsory_assignments.trim();
        let compulsory_assignments = match if ca.is_empty() { Ok(0) } else { ca.parse::<i64>() } {
            Ok(n @ 0..=10) => Some(n),
            _ => {
                errs.push(ValidationError::new("compulsory_assignments", "err-assignments-range"));
                None
            }
        };
        match (code, title_da, title_en, ects, exam_form, censor, compulsory_assignments) {
            (
                Some(code),
                Some(title_da),
                Some(title_en),
                Some(ects),
                Some(exam_form),
                Some(censor),
                Some(compulsory_assignments),
            ) if errs.is_empty() => {
                Ok(ValidModule { code, title_da, title_en, ects, outcomes, exam_form, censor, compulsory_assignments })
            }
            _ => Err(errs),
        }
    }
}

/// A programme with its modules (and their roles in it).
#[derive(Debug, Clone)]
pub struct ProgrammeDetail {
    pub programme: Programme,
    pub modules: Vec<ProgrammeModule>,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Programme {
    pub id: ProgrammeId,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub structure: Structure,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProgrammeInput {
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub structure: String,
    #[serde(default)]
    pub description: String,
}

/// A module's place in a programme.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgrammeModule {
    pub module: Module,
    pub role: ModuleRole,
}

#[derive(FromRow)]
struct PmRow {
    programme_id: ProgrammeId,
    #[sqlx(flatten)]
    module: Module,
    role: ModuleRole,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Specialisation {
    pub id: SpecialisationId,
    pub module_id: ModuleId,
    pub municipality_id: OrgId,
    pub municipality_name: String,
    pub title: String,
    pub content: String,
}

impl OrgScope {}

impl ProviderScope {
    pub async fn modules(&self, page: PageRequest) -> Result<Paged<Module>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM modules WHERE provider_id = $1")
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?;
        let items = sqlx::query_as(&format!(
            "SELECT {MODULE_COLS} FROM modules WHERE provider_id = $1 ORDER BY code, id LIMIT $2 OFFSET $3"
        ))
        .bind(self.org_id().0)
        .bind(i64::from(page.per_page))
        .bind(page.offset())
        .fetch_all(&self.store.pool)
        .await?;
        Ok(Paged { items, total, page: page.page, per_page: page.per_page })
    }

    pub async fn module(&self, id: ModuleId) -> Result<Module> {
        Ok(sqlx::query_as(&format!("SELECT {MODULE_COLS} FROM modules WHERE id = $1 AND provider_id = $2"))
            .bind(id.0)
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?)
    }

    pub async fn create_module(&self, input: &ModuleInput) -> Result<Module> {
        let v = input.validate()?;
        let (sql, args) =
            v.values().set("provider_id", self.org_id().0).set("created_at", now()).insert("modules", "RETURNING id");
        let id: i64 = sqlx::query_scalar_with(&sql, args)
            .fetch_one(&self.store.pool)
            .await
            .map_err(|e| self.store.conflict(e, "code", "err-code-taken"))?;
        self.module(ModuleId(id)).await
    }

    /// Changes a module. Its ECTS may not change once a programme with structure rules
    /// holds it, since the rules were checked against the old value.
    pub async fn update_module(&self, id: ModuleId, input: &ModuleInput) -> Result<Module> {
        let old = self.module(id).await?;
        let v = input.validate()?;
        if i64::from(v.ects.get()) != old.ects {
            let structured: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM programme_modules pm JOIN programmes p ON p.id = pm.programme_id
                 WHERE pm.module_id = $1 AND p.structure <> 'free'",
            )
            .bind(id.0)
            .fetch_one(&self.store.pool)
            .await?;
            if structured > 0 {
                return Err(ValidationError::new("ects", "err-ects-locked").into());
            }
        }
        let (sql, args) = v.values().update("modules", &[("id", id.0), ("provider_id", self.org_id().0)]);
        sqlx::query_with(&sql, args)
            .execute(&self.store.pool)
            .await
            .map_err(|e| self.store.conflict(e, "code", "err-code-taken"))?;
        self.module(id).await
    }

    pub async fn programmes(&self) -> Result<Vec<Programme>> {
        Ok(sqlx::query_as(
            "SELECT id, code, title_da, title_en, structure, description FROM programmes WHERE provider_id = $1 ORDER BY code, id",
        )
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    pub async fn programme(&self, id: ProgrammeId) -> Result<ProgrammeDetail> {
        self.store.load_programme(id, Some(self.org_id().0)).await
    }

    pub async fn create_programme(&self, input: &ProgrammeInput) -> Result<Programme> {
        let mut errs = vec![];
        let code = ShortText::parse_required("code", &input.code, 40).map_err(|e| errs.push(e)).ok();
        let title_da = ShortText::parse_required("title_da", &input.title_da, 200).map_err(|e| errs.push(e)).ok();
        let title_en = ShortText::parse_required("title_en", &input.title_en, 200).map_err(|e| errs.push(e)).ok();
        let structure = Structure::parse("structure", &input.structure).map_err(|e| errs.push(e)).ok();
        let (Some(code), Some(title_da), Some(title_en), Some(structure)) = (code, title_da, title_en, structure)
        else {
            return Err(errs.into());
        };
        let description = Some(input.description.trim()).filter(|d| !d.is_empty());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO programmes (provider_id, code, title_da, title_en, structure, description, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(self.org_id().0)
        .bind(code.as_str())
        .bind(title_da.as_str())
        .bind(title_en.as_str())
        .bind(structure.as_str())
        .bind(description)
        .bind(now())
        .fetch_one(&self.store.pool)
        .await
        .map_err(|e| self.store.conflict(e, "code", "err-code-taken"))?;
        Ok(self.programme(ProgrammeId(id)).await?.programme)
    }

    /// Adds one of this provider's modules to a programme, checked by the programme's
    /// structure rules.
    pub async fn add_programme_module(&self, programme: ProgrammeId, module: ModuleId, role: &str) -> Result<()> {
        let role = ModuleRole::parse("role", role)?;
        let ProgrammeDetail { programme: p, modules: existing } = self.programme(programme).await?;
        let m = match self.module(module).await {
            Ok(m) => m,
            Err(Error::NotFound) => {
                return Err(ValidationError::new("module", "err-module-unknown").into());
            }
            Err(e) => return Err(e),
        };
        if existing.iter().any(|pm| pm.module.id == m.id) {
            return Err(ValidationError::new("module", "err-module-already-in-programme").into());
        }
        let structure = p.structure;
        let have: Vec<(ModuleRole, Ects)> =
            existing.iter().filter_map(|pm| Some((pm.role, Ects::new("ects", pm.module.ects).ok()?))).collect();
        structure.check_add(&have, role, Ects::new("ects", m.ects)?)?;
        sqlx::query("INSERT INTO programme_modules (programme_id, module_id, role) VALUES ($1, $2, $3)")
            .bind(programme.0)
            .bind(module.0)
            .bind(role.as_str())
            .execute(&self.store.pool)
            .await?;
        Ok(())
    }

    pub async fn specialisations(&self, module: ModuleId) -> Result<Vec<Specialisation>> {
        self.module(module).await?;
        Ok(sqlx::query_as(
            "SELECT s.id, s.module_id, s.municipality_id, o.name AS municipality_name, s.title, s.content
             FROM specialisations s JOIN organizations o ON o.id = s.municipality_id WHERE s.module_id = $1 ORDER BY s.id",
        )
        .bind(module.0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// Every specialisation of this provider's modules (for choosing one on a new cohort).
    pub async fn all_specialisations(&self) -> Result<Vec<Specialisation>> {
        Ok(sqlx::query_as(
            "SELECT s.id, s.module_id, s.municipality_id, o.name AS municipality_name, s.title, s.content
             FROM specialisations s JOIN organizations o ON o.id = s.municipality_id JOIN modules m ON m.id = s.module_id
             WHERE m.provider_id = $1 ORDER BY s.title, s.id",
        )
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// A tailored run of a module for one municipality: local content on top; learning
    /// outcomes and exam rules stay the module's (they are not stored here at all).
    pub async fn create_specialisation(
        &self,
        module: ModuleId,
        municipality: OrgId,
        title: &str,
        content: &str,
    ) -> Result<SpecialisationId> {
        self.module(module).await?;
        let mut errs = vec![];
        let title = ShortText::parse_required("title", title, 200).map_err(|e| errs.push(e)).ok();
        let content = long_text("content", content, &mut errs);
        let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM organizations WHERE id = $1")
            .bind(municipality.0)
            .fetch_optional(&self.store.pool)
            .await?;
        if kind.as_deref() != Some("municipality") {
            errs.push(ValidationError::new("municipality_id", "err-municipality-unknown"));
        }
        let Some(title) = title.filter(|_| errs.is_empty()) else {
            return Err(errs.into());
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO specialisations (module_id, municipality_id, title, content, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(module.0)
        .bind(municipality.0)
        .bind(title.as_str())
        .bind(content)
        .bind(now())
        .fetch_one(&self.store.pool)
        .await?;
        Ok(SpecialisationId(id))
    }
}

impl ProviderScope {
    /// Every municipality (for choosing who a specialisation is for): the one directory of
    /// other organisations a provider may read.
    pub async fn municipalities(&self) -> Result<Vec<super::Organization>> {
        self.store.orgs_of_kind(crate::domain::OrgKind::Municipality).await
    }
}

impl Store {
    /// A programme with its modules; limited to one provider's programmes when `provider` is set.
    pub(super) async fn load_programme(&self, id: ProgrammeId, provider: Option<i64>) -> Result<ProgrammeDetail> {
        let p: Programme = sqlx::query_as(
            "SELECT id, code, title_da, title_en, structure, description FROM programmes
             WHERE id = $1 AND ($2 IS NULL OR provider_id = $2)",
        )
        .bind(id.0)
        .bind(provider)
        .fetch_one(&self.pool)
        .await?;
        let modules = self.programme_modules(&[id]).await?.into_iter().map(|(_, m)| m).collect();
        Ok(ProgrammeDetail { programme: p, modules })
    }

    /// Several programmes with their modules, in two queries (for a person's progress).
    pub(super) async fn load_programmes(&self, ids: &[ProgrammeId]) -> Result<Vec<ProgrammeDetail>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let (sql, binds) = in_list(
            "SELECT id, code, title_da, title_en, structure, description FROM programmes WHERE id IN",
            ids.iter().map(|p| p.0),
            "ORDER BY id",
        );
        let programmes: Vec<Programme> = bind_ids(sqlx::query_as(&sql), &binds).fetch_all(&self.pool).await?;
        let mut modules = self.programme_modules(ids).await?;
        Ok(programmes
            .into_iter()
            .map(|p| {
                let mine = modules.extract_if(.., |(pid, _)| *pid == p.id).map(|(_, m)| m).collect();
                ProgrammeDetail { programme: p, modules: mine }
            })
            .collect())
    }

    async fn programme_modules(&self, ids: &[ProgrammeId]) -> Result<Vec<(ProgrammeId, ProgrammeModule)>> {
        let cols = MODULE_COLS.split(", ").map(|c| format!("m.{c}")).collect::<Vec<_>>().join(", ");
        let (sql, binds) = in_list(
            &format!(
                "SELECT pm.programme_id, {cols}, pm.role FROM programme_modules pm JOIN modules m ON m.id = pm.module_id
                 WHERE pm.programme_id IN"
            ),
            ids.iter().map(|p| p.0),
            "ORDER BY m.code, m.id",
        );
        let rows: Vec<PmRow> = bind_ids(sqlx::query_as(&sql), &binds).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|r| (r.programme_id, ProgrammeModule { module: r.module, role: r.role })).collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::Error;
    use crate::store::ModuleInput;
    use crate::store::testing::{World, module_input};

    #[tokio::test]
    async fn a_module_form_reports_every_bad_field_at_once_and_a_code_is_unique_per_provider() {
        let w = World::new(5).await;
        let bad = ModuleInput { ects: "61".into(), censor: "extern".into(), title_da: " ".into(), ..module_input("X") };
        let Err(Error::Validation(errors)) = w.provider.create_module(&bad).await else { panic!("bad input accepted") };
        let mut fields: Vec<&str> = errors.iter().map(|e| &*e.field).collect();
        fields.sort();
        assert_eq!(fields, ["censor", "ects", "title_da"]);

        // World::new made "LØN"; the same code again is a conflict on the code field.
        let again = w.provider.create_module(&module_input("LØN")).await;
        assert!(matches!(again, Err(Error::Conflict { field: "code", .. })), "{again:?}");
        let other = w.provider.create_module(&module_input("LØN2")).await.unwrap();
        let changed =
            w.provider.update_module(other.id, &ModuleInput { ects: "5".into(), ..module_input("LØN3") }).await;
        let changed = changed.unwrap();
        assert_eq!(
            (changed.code.as_str(), changed.ects),
            ("LØN3", 5),
            "the update wrote the same columns as the insert"
        );
    }
}
