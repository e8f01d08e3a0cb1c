-- Exams, attempts, each grader's grade (the audit trail), and ECTS credits.
CREATE TABLE exams (
    id {{ID}},
    cohort_id BIGINT NOT NULL UNIQUE REFERENCES cohorts (id),
    form TEXT NOT NULL CHECK (form IN ('written_project', 'oral', 'project_oral')),
    project_weight BIGINT NOT NULL DEFAULT 1,
    oral_weight BIGINT NOT NULL DEFAULT 0,
    -- 'YYYY-MM-DD HH:MM', Danish local time
    handin_deadline TEXT NOT NULL,
    exam_date TEXT NOT NULL,
    require_assignments BIGINT NOT NULL DEFAULT 0,
    min_attendance_pct BIGINT,
    censor_user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE exam_examiners (
    exam_id BIGINT NOT NULL REFERENCES exams (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (exam_id, user_id)
);
CREATE INDEX exam_examiners_user ON exam_examiners (user_id);
CREATE INDEX exams_censor ON exams (censor_user_id);

CREATE TABLE exam_attempts (
    id {{ID}},
    exam_id BIGINT NOT NULL REFERENCES exams (id),
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id),
    attempt_no BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('registered', 'handed_in', 'graded', 'absent')),
    handin_text TEXT,
    handed_in_at BIGINT,
    final_grade TEXT,
    graded_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (exam_id, enrolment_id, attempt_no)
);
CREATE INDEX exam_attempts_enrolment ON exam_attempts (enrolment_id);

-- Every grade given, by whom and in which role: kept as the examiners' notes (rules.md:
-- at least one year and until any complaint is closed). Participants see only the final.
CREATE TABLE grade_entries (
    id {{ID}},
    attempt_id BIGINT NOT NULL REFERENCES exam_attempts (id),
    part TEXT NOT NULL CHECK (part IN ('whole', 'project', 'oral')),
    grader_user_id BIGINT NOT NULL REFERENCES users (id),
    grader_role TEXT NOT NULL CHECK (grader_role IN ('examiner', 'censor')),
    grade TEXT NOT NULL,
    at BIGINT NOT NULL,
    UNIQUE (attempt_id, part, grader_role)
);

CREATE TABLE credits (
    id {{ID}},
    enrolment_id BIGINT NOT NULL UNIQUE REFERENCES enrolments (id),
    attempt_id BIGINT NOT NULL REFERENCES exam_attempts (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    ects BIGINT NOT NULL,
    grade TEXT NOT NULL,
    awarded_at BIGINT NOT NULL
);
