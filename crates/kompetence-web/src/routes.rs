//! Every route, with the access it requires, in one table. The table builds the router and
//! is also exported, so the cross-tenant/role test fails when a route is added without a
//! test case of its own.
use axum::Router;
use axum::handler::Handler;
use axum::middleware;
use axum::routing::{MethodRouter, get, post, put};
use kompetence_core::domain::Role;

use crate::auth::roles::{
    AnyMember, Graders, Hr, Leaders, OrgAdmin, ProviderAdmin, ProviderStaff, RoleSet, StaffViewer,
};
use crate::state::AppState;
use crate::{api, error::AppError, ops, pages, request};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    /// Any logged-in user.
    Authenticated,
    PlatformAdmin,
    /// The metrics scraper, presenting the configured `--metrics-token` (404 for anyone
    /// else, and for everyone when none is configured).
    Scraper,
    /// A member of the path's `{org_id}` holding one of these roles (any role if empty).
    Org(&'static [Role]),
}

#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

struct Table {
    router: Router<AppState>,
    info: Vec<RouteInfo>,
}

impl Table {
    fn add(mut self, method: &'static str, path: &'static str, access: Access, mr: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, mr);
        self.info.push(RouteInfo { method, path, access });
        self
    }
    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, access: Access, h: H) -> Self {
        self.add("GET", path, access, get(h))
    }
    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, access: Access, h: H) -> Self {
        self.add("POST", path, access, post(h))
    }
    fn put<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, access: Access, h: H) -> Self {
        self.add("PUT", path, access, put(h))
    }
}

fn org<R: RoleSet>() -> Access {
    Access::Org(R::ROLES)
}

fn table() -> Table {
    use Access::*;
    Table { router: Router::new(), info: Vec::new() }
        // Operations and public pages
        .get("/healthz", Public, ops::healthz)
        .get("/metrics", Scraper, ops::metrics)
        .get("/static/{file}", Public, ops::asset)
        .get("/was", Public, pages::was::page)
        .get("/login", Public, pages::login::form)
        .post("/login", Public, pages::login::submit)
        .post("/logout", Authenticated, pages::login::logout)
        .post("/logout/others", Authenticated, pages::login::logout_others)
        .post("/lang", Public, pages::lang::set)
        .get("/", Authenticated, pages::home::dashboard)
        .get("/me/schedule", Authenticated, pages::schedule::page)
        .get("/me/catalogue", Authenticated, pages::demand::mine)
        .post("/me/notices/read", Authenticated, pages::home::notices_read)
        .post("/me/interests", Authenticated, pages::demand::ask)
        .post("/me/feed", Authenticated, pages::schedule::renew_feed)
        .get("/feeds/{file}", Public, pages::schedule::feed)
        .get("/me/exams", Authenticated, pages::exams::my_exams)
        .post("/me/exams/{exam_id}/handin", Authenticated, pages::exams::hand_in)
        .get("/me/transcript", Authenticated, pages::exams::transcript)
        .get("/me/transcript.pdf", Authenticated, pages::certificates::transcript_pdf)
        .get("/me/certificates", Authenticated, pages::certificates::mine)
        .get("/me/progress", Authenticated, pages::progress::mine)
        .get("/me/assignments", Authenticated, pages::learning::mine)
        .get("/me/evaluations", Authenticated, pages::evaluations::mine)
        .post("/me/evaluations", Authenticated, pages::evaluations::answer)
        .get("/me/profiles", Authenticated, pages::profiles::mine)
        .get("/me/profiles/{instrument_id}", Authenticated, pages::profiles::take)
        .post("/me/profiles/{instrument_id}", Authenticated, pages::profiles::answer)
        .post("/me/profiles/{instrument_id}/share", Authenticated, pages::profiles::share)
        .get("/me/materials", Authenticated, pages::materials::mine)
        .get("/me/materials/{material_id}/file", Authenticated, pages::materials::my_file)
        .get("/me/actions", Authenticated, pages::actions::mine)
        .post("/me/actions", Authenticated, pages::actions::create)
        .get("/me/actions/{action_id}", Authenticated, pages::actions::show)
        .post("/me/actions/{action_id}", Authenticated, pages::actions::update)
        .post("/me/actions/{action_id}/comments", Authenticated, pages::actions::comment)
        .post("/me/assignments/{assignment_id}/submit", Authenticated, pages::learning::submit)
        .get("/me/certificates/{certificate_id}/diploma.pdf", Authenticated, pages::certificates::my_pdf)
        .get("/me/certificates/{certificate_id}/credential.jwt", Authenticated, pages::certificates::my_jwt)
        .get("/me/certificates/{certificate_id}/credential.json", Authenticated, pages::certificates::my_json)
        // Verifiable certificates, public
        .get("/.well-known/jwks.json", Public, pages::verify::jwks)
        .get("/issuers/{issuer_id}", Public, pages::verify::issuer)
        .get("/verify", Public, pages::verify::form)
        .post("/verify", Public, pages::verify::submit)
        // Platform administration
        .get("/admin/orgs", PlatformAdmin, pages::admin::orgs)
        .post("/admin/orgs", PlatformAdmin, pages::admin::create_org)
        .get("/admin/orgs/{org_id}", PlatformAdmin, pages::admin::org)
        .post("/admin/orgs/{org_id}/roles", PlatformAdmin, pages::admin::grant)
        .get("/admin/users", PlatformAdmin, pages::admin::users)
        .post("/admin/users", PlatformAdmin, pages::admin::create_user)
        .post("/admin/users/{user_id}/unlock", PlatformAdmin, pages::admin::unlock)
        .get("/admin/audit", PlatformAdmin, pages::audit::platform)
        .get("/o/{org_id}/audit", org::<OrgAdmin>(), pages::audit::org)
        // An organisation's own pages
        .get("/o/{org_id}", org::<AnyMember>(), pages::org::home)
        .get("/o/{org_id}/employees", org::<StaffViewer>(), pages::employees::list)
        .post("/o/{org_id}/employees", org::<Hr>(), pages::employees::create)
        .get("/o/{org_id}/employees/{employee_id}", org::<Hr>(), pages::employees::show)
        .post("/o/{org_id}/employees/{employee_id}", org::<Hr>(), pages::employees::update)
        .post("/o/{org_id}/employees/{employee_id}/login", org::<Hr>(), pages::employees::create_login)
        .get("/o/{org_id}/tokens", org::<OrgAdmin>(), pages::tokens::list)
        .post("/o/{org_id}/tokens", org::<OrgAdmin>(), pages::tokens::create)
        .post("/o/{org_id}/tokens/{token_id}/revoke", org::<OrgAdmin>(), pages::tokens::revoke)
        // A provider's programmes, modules and cohorts
        .get("/o/{org_id}/modules", org::<ProviderAdmin>(), pages::programmes::modules)
        .post("/o/{org_id}/modules", org::<ProviderAdmin>(), pages::programmes::create_module)
        .get("/o/{org_id}/modules/{module_id}", org::<ProviderAdmin>(), pages::programmes::module)
        .post("/o/{org_id}/modules/{module_id}", org::<ProviderAdmin>(), pages::programmes::update_module)
        .get("/o/{org_id}/modules/{module_id}/statistics", org::<ProviderAdmin>(), pages::statistics::page)
        .post(
            "/o/{org_id}/modules/{module_id}/specialisations",
            org::<ProviderAdmin>(),
            pages::programmes::create_specialisation,
        )
        .get("/o/{org_id}/programmes", org::<ProviderAdmin>(), pages::programmes::programmes)
        .post("/o/{org_id}/programmes", org::<ProviderAdmin>(), pages::programmes::create_programme)
        .get("/o/{org_id}/programmes/{programme_id}", org::<ProviderAdmin>(), pages::programmes::programme)
        .get("/o/{org_id}/programmes/{programme_id}/progress", org::<ProviderAdmin>(), pages::progress::page)
        .post("/o/{org_id}/programmes/{programme_id}/transfers", org::<ProviderAdmin>(), pages::progress::add_transfer)
        .post(
            "/o/{org_id}/programmes/{programme_id}/modules",
            org::<ProviderAdmin>(),
            pages::programmes::add_programme_module,
        )
        .get("/o/{org_id}/cohorts", org::<ProviderStaff>(), pages::cohorts::list)
        .post("/o/{org_id}/cohorts", org::<ProviderAdmin>(), pages::cohorts::create)
        .get("/o/{org_id}/cohorts/{cohort_id}", org::<ProviderStaff>(), pages::cohorts::show)
        .post("/o/{org_id}/cohorts/{cohort_id}", org::<ProviderAdmin>(), pages::cohorts::update)
        .post("/o/{org_id}/cohorts/{cohort_id}/days", org::<ProviderAdmin>(), pages::cohorts::add_day)
        .post("/o/{org_id}/cohorts/{cohort_id}/teachers", org::<ProviderAdmin>(), pages::cohorts::assign_teacher)
        .post(
            "/o/{org_id}/cohorts/{cohort_id}/enrolments/{enrolment_id}/complete",
            org::<ProviderAdmin>(),
            pages::cohorts::complete,
        )
        .get("/o/{org_id}/cohorts/{cohort_id}/exam", org::<ProviderAdmin>(), pages::exams::setup)
        .post("/o/{org_id}/cohorts/{cohort_id}/exam", org::<ProviderAdmin>(), pages::exams::save_setup)
        .post(
            "/o/{org_id}/cohorts/{cohort_id}/exam/reexam/{enrolment_id}",
            org::<ProviderAdmin>(),
            pages::exams::reexam,
        )
        .post("/o/{org_id}/cohorts/{cohort_id}/exam/absent/{attempt_id}", org::<ProviderAdmin>(), pages::exams::absent)
        .get("/o/{org_id}/cohorts/{cohort_id}/evaluations", org::<ProviderStaff>(), pages::evaluations::cohort)
        .get("/o/{org_id}/evaluations", org::<StaffViewer>(), pages::evaluations::municipal)
        .get("/o/{org_id}/instruments", org::<ProviderAdmin>(), pages::profiles::instruments)
        .post("/o/{org_id}/instruments", org::<ProviderAdmin>(), pages::profiles::load)
        .get("/o/{org_id}/cohorts/{cohort_id}/profiles", org::<ProviderStaff>(), pages::profiles::cohort)
        .get("/o/{org_id}/cohorts/{cohort_id}/materials", org::<ProviderStaff>(), pages::materials::list)
        .post("/o/{org_id}/cohorts/{cohort_id}/materials", org::<ProviderStaff>(), pages::materials::add)
        .get("/o/{org_id}/materials/{material_id}/file", org::<ProviderStaff>(), pages::materials::file)
        .get(
            "/o/{org_id}/assignments/{assignment_id}/files/{file_id}",
            org::<ProviderStaff>(),
            pages::materials::hand_in_file,
        )
        .get("/o/{org_id}/cohorts/{cohort_id}/actions", org::<ProviderStaff>(), pages::actions::cohort)
        .post("/o/{org_id}/actions/{action_id}/feedback", org::<ProviderStaff>(), pages::actions::feedback)
        .post("/o/{org_id}/cohorts/{cohort_id}/groups", org::<ProviderStaff>(), pages::actions::create_group)
        .get("/o/{org_id}/staff-actions", org::<Leaders>(), pages::actions::staff)
        .get("/o/{org_id}/cohorts/{cohort_id}/assignments", org::<ProviderStaff>(), pages::learning::assignments)
        .post("/o/{org_id}/cohorts/{cohort_id}/assignments", org::<ProviderStaff>(), pages::learning::create_assignment)
        .get("/o/{org_id}/assignments/{assignment_id}", org::<ProviderStaff>(), pages::learning::assignment)
        .post(
            "/o/{org_id}/assignments/{assignment_id}/submissions/{submission_id}/feedback",
            org::<ProviderStaff>(),
            pages::learning::feedback,
        )
        .get(
            "/o/{org_id}/cohorts/{cohort_id}/days/{day_id}/attendance",
            org::<ProviderStaff>(),
            pages::learning::attendance,
        )
        .post(
            "/o/{org_id}/cohorts/{cohort_id}/days/{day_id}/attendance",
            org::<ProviderStaff>(),
            pages::learning::record_attendance,
        )
        .get("/o/{org_id}/cohorts/{cohort_id}/certificates", org::<ProviderAdmin>(), pages::certificates::cohort)
        .post("/o/{org_id}/cohorts/{cohort_id}/certificates", org::<ProviderAdmin>(), pages::certificates::issue)
        .post("/o/{org_id}/certificates/{certificate_id}/revoke", org::<ProviderAdmin>(), pages::certificates::revoke)
        .get(
            "/o/{org_id}/certificates/{certificate_id}/diploma.pdf",
            org::<ProviderAdmin>(),
            pages::certificates::provider_pdf,
        )
        .get("/o/{org_id}/exams", org::<Graders>(), pages::exams::list)
        .get("/o/{org_id}/exams/{exam_id}", org::<Graders>(), pages::exams::grading)
        .post("/o/{org_id}/exams/{exam_id}/attempts/{attempt_id}/grade", org::<Graders>(), pages::exams::grade)
        // A municipality's catalogue and enrolments
        .get("/o/{org_id}/catalogue", org::<StaffViewer>(), pages::catalogue::list)
        .get("/o/{org_id}/catalogue/{cohort_id}", org::<StaffViewer>(), pages::catalogue::cohort)
        .post("/o/{org_id}/catalogue/{cohort_id}/enrol", org::<StaffViewer>(), pages::catalogue::enrol)
        .get("/o/{org_id}/enrolments", org::<StaffViewer>(), pages::catalogue::enrolments)
        .get("/o/{org_id}/coverage", org::<Hr>(), pages::coverage::page)
        .get("/o/{org_id}/enrolments/{enrolment_id}", org::<StaffViewer>(), pages::catalogue::enrolment)
        .post("/o/{org_id}/enrolments/{enrolment_id}/approve", org::<StaffViewer>(), pages::catalogue::approve)
        .post("/o/{org_id}/enrolments/{enrolment_id}/withdraw", org::<StaffViewer>(), pages::catalogue::withdraw)
        .post("/o/{org_id}/enrolments/{enrolment_id}/reject", org::<StaffViewer>(), pages::catalogue::reject)
        .post("/o/{org_id}/approval-settings", org::<Hr>(), pages::catalogue::approval_settings)
        // Den Kommunale Kompetencefond
        .get("/o/{org_id}/fund", org::<Hr>(), pages::fund::list)
        .post("/o/{org_id}/fund", org::<Hr>(), pages::fund::create)
        .get("/o/{org_id}/fund/{application_id}", org::<Hr>(), pages::fund::show)
        .get("/o/{org_id}/fund/{application_id}/pdf", org::<Hr>(), pages::fund::pdf)
        .post("/o/{org_id}/fund/{application_id}/signatures", org::<Hr>(), pages::fund::sign)
        .post("/o/{org_id}/fund/{application_id}/status", org::<Hr>(), pages::fund::move_to)
        // The municipality's planning: the organisation tree, the staff import, target
        // groups, wave plans, bulk enrolment (issue 13)
        .get("/o/{org_id}/demand", org::<StaffViewer>(), pages::demand::demand)
        .get("/o/{org_id}/units", org::<StaffViewer>(), pages::planning::units)
        .post("/o/{org_id}/units", org::<Hr>(), pages::planning::create_unit)
        .post("/o/{org_id}/unit-leaders", org::<Hr>(), pages::planning::add_leader)
        .get("/o/{org_id}/staff-import", org::<Hr>(), pages::planning::import_form)
        .post("/o/{org_id}/staff-import", org::<Hr>(), pages::planning::import_dry_run)
        .post("/o/{org_id}/staff-import/{upload_id}", org::<Hr>(), pages::planning::import_run)
        .post("/o/{org_id}/staff-import/{upload_id}/mapping", org::<Hr>(), pages::planning::import_mapping)
        .get("/o/{org_id}/target-groups", org::<Hr>(), pages::planning::target_groups)
        .post("/o/{org_id}/target-groups", org::<Hr>(), pages::planning::create_target_group)
        .get("/o/{org_id}/target-groups/{group_id}", org::<Hr>(), pages::planning::target_group)
        .post("/o/{org_id}/target-groups/{group_id}/plans", org::<Hr>(), pages::planning::create_plan)
        .post("/o/{org_id}/target-groups/{group_id}/enrol", org::<Hr>(), pages::planning::enrol_group)
        .get("/o/{org_id}/wave-plans/{plan_id}", org::<Hr>(), pages::planning::wave_plan)
        .post("/o/{org_id}/wave-plans/{plan_id}", org::<Hr>(), pages::planning::update_plan)
        .post("/o/{org_id}/wave-plans/{plan_id}/apart", org::<Hr>(), pages::planning::add_apart)
        .post("/o/{org_id}/wave-plans/{plan_id}/enrol", org::<Hr>(), pages::planning::enrol_wave)
        // JSON API
        .get("/api/v1/openapi.json", Public, api::openapi::document)
        .get("/api/v1/me", Authenticated, api::me::me)
        .get("/api/v1/orgs", PlatformAdmin, api::orgs::list)
        .post("/api/v1/orgs", PlatformAdmin, api::orgs::create)
        .post("/api/v1/users", PlatformAdmin, api::orgs::create_user)
        .post("/api/v1/users/{user_id}/roles", PlatformAdmin, api::orgs::grant)
        .post("/api/v1/users/{user_id}/unlock", PlatformAdmin, api::orgs::unlock)
        .get("/api/v1/audit", PlatformAdmin, api::orgs::audit)
        .get("/api/v1/orgs/{org_id}/audit", org::<OrgAdmin>(), api::orgs::org_audit)
        .get("/api/v1/orgs/{org_id}/employees", org::<StaffViewer>(), api::employees::list)
        .post("/api/v1/orgs/{org_id}/employees", org::<Hr>(), api::employees::create)
        .get("/api/v1/orgs/{org_id}/employees/{employee_id}", org::<Hr>(), api::employees::get)
        .put("/api/v1/orgs/{org_id}/employees/{employee_id}", org::<Hr>(), api::employees::update)
        .get("/api/v1/me/schedule", Authenticated, api::enrolments::schedule)
        .get("/api/v1/me/exams", Authenticated, api::exams::my_exams)
        .get("/api/v1/me/transcript", Authenticated, api::exams::transcript)
        .get("/api/v1/me/certificates", Authenticated, api::certificates::mine)
        .get("/api/v1/me/progress", Authenticated, api::exams::my_progress)
        .get("/api/v1/me/assignments", Authenticated, api::learning::mine)
        .get("/api/v1/me/evaluations", Authenticated, api::learning::my_evaluations)
        .post("/api/v1/me/evaluations", Authenticated, api::learning::answer_evaluation)
        .get(
            "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/evaluations",
            org::<ProviderStaff>(),
            api::learning::evaluation_results,
        )
        .get("/api/v1/me/profiles", Authenticated, api::learning::my_profiles)
        .post("/api/v1/me/profiles/{instrument_id}", Authenticated, api::learning::answer_profile)
        .post("/api/v1/orgs/{org_id}/instruments", org::<ProviderAdmin>(), api::learning::load_instrument)
        .get("/api/v1/me/materials", Authenticated, api::learning::my_materials)
        .post("/api/v1/me/actions/{action_id}/comments", Authenticated, api::learning::comment_action)
        .get("/api/v1/orgs/{org_id}/cohorts/{cohort_id}/actions", org::<ProviderStaff>(), api::learning::cohort_actions)
        .post(
            "/api/v1/orgs/{org_id}/actions/{action_id}/feedback",
            org::<ProviderStaff>(),
            api::learning::action_feedback,
        )
        .post("/api/v1/orgs/{org_id}/cohorts/{cohort_id}/groups", org::<ProviderStaff>(), api::learning::create_group)
        .get("/api/v1/me/actions", Authenticated, api::learning::my_actions)
        .post("/api/v1/me/actions", Authenticated, api::learning::create_action)
        .put("/api/v1/me/actions/{action_id}", Authenticated, api::learning::update_action)
        .post("/api/v1/me/assignments/{assignment_id}/submission", Authenticated, api::learning::submit)
        .post(
            "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/assignments",
            org::<ProviderStaff>(),
            api::learning::create_assignment,
        )
        .post(
            "/api/v1/orgs/{org_id}/assignments/{assignment_id}/submissions/{submission_id}/feedback",
            org::<ProviderStaff>(),
            api::learning::feedback,
        )
        .post(
            "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/days/{day_id}/attendance",
            org::<ProviderStaff>(),
            api::learning::record_attendance,
        )
        .post("/api/v1/verify", Public, api::certificates::verify)
        .post(
            "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/certificates",
            org::<ProviderAdmin>(),
            api::certificates::issue,
        )
        .post(
            "/api/v1/orgs/{org_id}/certificates/{certificate_id}/revoke",
            org::<ProviderAdmin>(),
            api::certificates::revoke,
        )
        .post("/api/v1/orgs/{org_id}/exams/{exam_id}/attempts/{attempt_id}/grades", org::<Graders>(), api::exams::grade)
        .get("/api/v1/orgs/{org_id}/modules", org::<ProviderAdmin>(), api::programmes::modules)
        .post("/api/v1/orgs/{org_id}/modules", org::<ProviderAdmin>(), api::programmes::create_module)
        .get("/api/v1/orgs/{org_id}/programmes", org::<ProviderAdmin>(), api::programmes::programmes)
        .post("/api/v1/orgs/{org_id}/programmes", org::<ProviderAdmin>(), api::programmes::create_programme)
        .post(
            "/api/v1/orgs/{org_id}/programmes/{programme_id}/modules",
            org::<ProviderAdmin>(),
            api::programmes::add_programme_module,
        )
        .get("/api/v1/orgs/{org_id}/cohorts", org::<ProviderStaff>(), api::programmes::cohorts)
        .post("/api/v1/orgs/{org_id}/cohorts", org::<ProviderAdmin>(), api::programmes::create_cohort)
        .get("/api/v1/orgs/{org_id}/cohorts/{cohort_id}", org::<ProviderStaff>(), api::programmes::cohort)
        .put("/api/v1/orgs/{org_id}/cohorts/{cohort_id}", org::<ProviderAdmin>(), api::programmes::update_cohort)
        .post("/api/v1/orgs/{org_id}/cohorts/{cohort_id}/days", org::<ProviderAdmin>(), api::programmes::add_day)
        .post(
            "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/teachers",
            org::<ProviderAdmin>(),
            api::programmes::assign_teacher,
        )
        .get(
            "/api/v1/orgs/{org_id}/programmes/{programme_id}/progress",
            org::<ProviderAdmin>(),
            api::programmes::progress,
        )
        .post(
            "/api/v1/orgs/{org_id}/programmes/{programme_id}/transfers",
            org::<ProviderAdmin>(),
            api::programmes::add_transfer,
        )
        .get(
            "/api/v1/orgs/{org_id}/modules/{module_id}/statistics",
            org::<ProviderAdmin>(),
            api::programmes::statistics,
        )
        .post(
            "/api/v1/orgs/{org_id}/modules/{module_id}/specialisations",
            org::<ProviderAdmin>(),
            api::programmes::create_specialisation,
        )
        .get("/api/v1/orgs/{org_id}/catalogue", org::<StaffViewer>(), api::enrolments::catalogue)
        .get("/api/v1/orgs/{org_id}/enrolments", org::<StaffViewer>(), api::enrolments::list)
        .get("/api/v1/orgs/{org_id}/coverage", org::<Hr>(), api::enrolments::coverage)
        .post("/api/v1/orgs/{org_id}/enrolments", org::<StaffViewer>(), api::enrolments::create)
        .post("/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/approve", org::<StaffViewer>(), api::enrolments::approve)
        .post("/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/reject", org::<StaffViewer>(), api::enrolments::reject)
        .post("/api/v1/orgs/{org_id}/enrolments/bulk", org::<Hr>(), api::planning::bulk_enrol)
        .get("/api/v1/orgs/{org_id}/approval-settings", org::<Hr>(), api::planning::approval_settings)
        .get("/api/v1/orgs/{org_id}/fund", org::<Hr>(), api::planning::fund_applications)
        .post("/api/v1/orgs/{org_id}/fund", org::<Hr>(), api::planning::create_fund_application)
        .get("/api/v1/orgs/{org_id}/fund/{application_id}", org::<Hr>(), api::planning::fund_application)
        .post(
            "/api/v1/orgs/{org_id}/fund/{application_id}/signatures",
            org::<Hr>(),
            api::planning::sign_fund_application,
        )
        .post("/api/v1/orgs/{org_id}/fund/{application_id}/status", org::<Hr>(), api::planning::move_fund_application)
        .put("/api/v1/orgs/{org_id}/approval-settings", org::<Hr>(), api::planning::set_approval_settings)
        .get("/api/v1/orgs/{org_id}/demand", org::<StaffViewer>(), api::planning::demand)
        .get("/api/v1/me/catalogue", Authenticated, api::planning::my_catalogue)
        .get("/api/v1/me/notices", Authenticated, api::planning::my_notices)
        .post("/api/v1/me/interests", Authenticated, api::planning::ask_to_go)
        .get("/api/v1/orgs/{org_id}/units", org::<StaffViewer>(), api::planning::units)
        .post("/api/v1/orgs/{org_id}/units", org::<Hr>(), api::planning::create_unit)
        .post("/api/v1/orgs/{org_id}/unit-leaders", org::<Hr>(), api::planning::add_leader)
        .post("/api/v1/orgs/{org_id}/staff-import", org::<Hr>(), api::planning::import)
        .get("/api/v1/orgs/{org_id}/target-groups", org::<Hr>(), api::planning::target_groups)
        .post("/api/v1/orgs/{org_id}/target-groups", org::<Hr>(), api::planning::create_target_group)
        .get("/api/v1/orgs/{org_id}/target-groups/{group_id}", org::<Hr>(), api::planning::target_group)
        .post("/api/v1/orgs/{org_id}/target-groups/{group_id}/plans", org::<Hr>(), api::planning::create_plan)
        .get("/api/v1/orgs/{org_id}/wave-plans/{plan_id}", org::<Hr>(), api::planning::wave_plan)
        .put("/api/v1/orgs/{org_id}/wave-plans/{plan_id}", org::<Hr>(), api::planning::update_plan)
        .post(
            "/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/withdraw",
            org::<StaffViewer>(),
            api::enrolments::withdraw,
        )
}

/// The routes and their access rules, for tests and documentation.
pub fn route_table() -> Vec<RouteInfo> {
    table().info
}

/// Whether a caller holding `roles` in an organisation passes the guard of `method path`
/// (a route template such as `/o/{org_id}/cohorts`). Menus ask this, so a link is shown
/// exactly where its route admits the caller and cannot drift from the role sets.
pub fn admits(method: &str, path: &str, roles: &[Role]) -> bool {
    static INFO: std::sync::OnceLock<Vec<RouteInfo>> = std::sync::OnceLock::new();
    let info = INFO.get_or_init(route_table);
    info.iter().find(|r| r.method == method && r.path == path).is_some_and(|r| match r.access {
        Access::Public | Access::Authenticated => true,
        Access::PlatformAdmin | Access::Scraper => false,
        Access::Org(required) => required.is_empty() || roles.iter().any(|role| required.contains(role)),
    })
}

async fn not_found() -> AppError {
    AppError::NotFound
}

/// Scripts, styles and images from this site only (no inline script: the charts are
/// rendered on the server, the one script is a file); no plugins, no framing, forms post
/// here only.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The whole application.
pub fn app(state: AppState) -> Router {
    use axum::http::{HeaderValue, header};
    use tower_http::set_header::SetResponseHeaderLayer;
    // Room for the largest allowed upload plus the form around it.
    let body_limit = state.config.upload.max_bytes + 256 * 1024;
    // Browsers are told to use https only when the site's public address is https.
    let hsts = state.config.secure_cookies.then(|| HeaderValue::from_static("max-age=31536000"));
    table()
        .router
        .fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), request::request_context))
        .layer(middleware::from_fn(ops::track_metrics))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_CONTENT_TYPE_OPTIONS,
            axum::http::HeaderValue::from_static("nosniff"),
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_FRAME_OPTIONS,
            axum::http::HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        // Pages and API answers carry personal data and CSRF tokens: never kept by a browser
        // or proxy cache, unless a handler says otherwise (the static assets do).
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &axum::response::Response| hsts.clone(),
        ))
        .with_state(state)
}
