//! The OpenAPI document of `/api/v1`, built from the handlers' `utoipa::path` annotations.
use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{certificates, employees, enrolments, exams, learning, me, orgs, planning, programmes};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Kompetence API", description = "Competence-giving continuing education for municipal staff. \
        Authenticate with `Authorization: Bearer <token>` (create one with `kompetence token create` or on the \
        organisation's token page). Errors answer `{error, message, fields[]}` with messages in the caller's language."),
    paths(me::me, orgs::list, orgs::create, orgs::create_user, orgs::grant, orgs::unlock, orgs::audit, orgs::org_audit,
          employees::list, employees::create, employees::get, employees::update,
          programmes::modules, programmes::create_module, programmes::programmes, programmes::create_programme,
          programmes::add_programme_module, programmes::cohorts, programmes::create_cohort, programmes::cohort,
          programmes::update_cohort, programmes::add_day, programmes::create_specialisation, programmes::assign_teacher, programmes::statistics, programmes::progress, programmes::add_transfer,
          enrolments::catalogue, enrolments::list, enrolments::coverage, enrolments::create, enrolments::approve, enrolments::reject, enrolments::withdraw,
          enrolments::schedule, exams::grade, exams::my_exams, exams::transcript, exams::my_progress,
          certificates::issue, certificates::revoke, certificates::mine, certificates::verify,
          learning::mine, learning::submit, learning::create_assignment, learning::feedback, learning::record_attendance,
          learning::my_actions, learning::create_action, learning::update_action,
          learning::my_evaluations, learning::answer_evaluation, learning::evaluation_results,
          learning::my_profiles, learning::answer_profile, learning::load_instrument,
          learning::my_materials, learning::comment_action, learning::cohort_actions, learning::action_feedback,
          learning::create_group,
          planning::units, planning::create_unit, planning::add_leader, planning::import, planning::target_groups,
          planning::create_target_group, planning::target_group, planning::create_plan, planning::wave_plan,
          planning::update_plan, planning::bulk_enrol, planning::approval_settings, planning::set_approval_settings,
          planning::fund_applications, planning::create_fund_application, planning::fund_application,
          planning::sign_fund_application, planning::move_fund_application, planning::demand, planning::my_catalogue,
          planning::ask_to_go, planning::my_notices),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
