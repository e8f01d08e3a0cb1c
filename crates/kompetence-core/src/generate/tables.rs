//! The tables the generator fills and their columns, in the order rows are made.
use crate::store::BulkTable;

macro_rules! table {
    ($const:ident, $name:literal, [$($col:literal),* $(,)?]) => {
        pub static $const: BulkTable = BulkTable { name: $name, columns: &[$($col),*] };
    };
}

table!(ORGS, "organizations", ["id", "name", "kind", "created_at"]);
table!(USERS, "users", ["id", "email", "name", "password_hash", "locale", "is_platform_admin", "created_at"]);
table!(MEMBERSHIPS, "memberships", ["user_id", "org_id", "role", "granted_at"]);
table!(
    EMPLOYEES,
    "employees",
    ["id", "org_id", "name", "email", "job_title", "department", "team", "leader_id", "user_id", "created_at"]
);
table!(
    MODULES,
    "modules",
    [
        "id",
        "provider_id",
        "code",
        "title_da",
        "title_en",
        "ects",
        "knowledge",
        "skills",
        "competences",
        "exam_form",
        "censor",
        "compulsory_assignments",
        "created_at"
    ]
);
table!(
    PROGRAMMES,
    "programmes",
    ["id", "provider_id", "code", "title_da", "title_en", "structure", "description", "created_at"]
);
table!(PROGRAMME_MODULES, "programme_modules", ["programme_id", "module_id", "role"]);
table!(
    COHORTS,
    "cohorts",
    [
        "id",
        "provider_id",
        "module_id",
        "specialisation_id",
        "name",
        "venue",
        "capacity",
        "signup_deadline",
        "starts_on",
        "ends_on",
        "feed_key",
        "created_at"
    ]
);
table!(COHORT_TEACHERS, "cohort_teachers", ["cohort_id", "user_id"]);
table!(
    TEACHING_DAYS,
    "teaching_days",
    ["id", "cohort_id", "day_date", "starts_at", "ends_at", "kind", "title", "room", "prepare"]
);
table!(
    ASSIGNMENTS_T,
    "assignments",
    ["id", "cohort_id", "title", "description", "due_at", "compulsory", "closed_after_due", "created_by", "created_at"]
);
table!(
    EXAMS,
    "exams",
    [
        "id",
        "cohort_id",
        "form",
        "project_weight",
        "oral_weight",
        "handin_deadline",
        "exam_date",
        "require_assignments",
        "min_attendance_pct",
        "censor_user_id",
        "created_at"
    ]
);
table!(EXAM_EXAMINERS, "exam_examiners", ["exam_id", "user_id"]);
table!(
    ENROLMENTS,
    "enrolments",
    ["id", "cohort_id", "employee_id", "municipality_id", "state", "waitlisted_at", "created_at", "updated_at"]
);
table!(ENROLMENT_EVENTS, "enrolment_events", ["enrolment_id", "from_state", "to_state", "by_user", "at"]);
table!(ATTENDANCE, "attendance", ["teaching_day_id", "enrolment_id", "status", "recorded_by", "recorded_at"]);
table!(
    SUBMISSIONS,
    "submissions",
    [
        "assignment_id",
        "enrolment_id",
        "body",
        "submitted_at",
        "late",
        "status",
        "feedback",
        "feedback_by",
        "feedback_at"
    ]
);
table!(
    ACTIONS,
    "actions",
    [
        "enrolment_id",
        "title",
        "what",
        "why",
        "with_whom",
        "planned_for",
        "observations",
        "reflection",
        "shared_with_group",
        "shared_with_leader",
        "teacher_feedback",
        "created_at",
        "updated_at"
    ]
);
table!(
    EXAM_ATTEMPTS,
    "exam_attempts",
    [
        "id",
        "exam_id",
        "enrolment_id",
        "attempt_no",
        "status",
        "handin_text",
        "handed_in_at",
        "final_grade",
        "graded_at",
        "created_at"
    ]
);
table!(GRADE_ENTRIES, "grade_entries", ["attempt_id", "part", "grader_user_id", "grader_role", "grade", "at"]);
table!(CREDITS, "credits", ["enrolment_id", "attempt_id", "module_id", "ects", "grade", "awarded_at"]);

/// Every table with an `id` column the generator writes (for resetting sequences).
pub static ALL: [&BulkTable; 16] = [
    &ORGS,
    &USERS,
    &EMPLOYEES,
    &MODULES,
    &PROGRAMMES,
    &COHORTS,
    &TEACHING_DAYS,
    &ASSIGNMENTS_T,
    &EXAMS,
    &ENROLMENTS,
    &ENROLMENT_EVENTS,
    &SUBMISSIONS,
    &ACTIONS,
    &EXAM_ATTEMPTS,
    &GRADE_ENTRIES,
    &CREDITS,
];
