-- Home assignments with hand-ins and feedback, and attendance per teaching day.
CREATE TABLE assignments (
    id {{ID}},
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- 'YYYY-MM-DD HH:MM', Danish local time
    due_at TEXT NOT NULL,
    compulsory BIGINT NOT NULL DEFAULT 0,
    closed_after_due BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX assignments_cohort ON assignments (cohort_id, due_at);

CREATE TABLE submissions (
    id {{ID}},
    assignment_id BIGINT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id),
    body TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    late BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'not_approved')),
    feedback TEXT,
    feedback_by BIGINT REFERENCES users (id),
    feedback_at BIGINT,
    UNIQUE (assignment_id, enrolment_id)
);
CREATE INDEX submissions_enrolment ON submissions (enrolment_id);

CREATE TABLE attendance (
    teaching_day_id BIGINT NOT NULL REFERENCES teaching_days (id) ON DELETE CASCADE,
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id),
    status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'absent_notice')),
    recorded_by BIGINT NOT NULL REFERENCES users (id),
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (teaching_day_id, enrolment_id)
);
CREATE INDEX attendance_enrolment ON attendance (enrolment_id);

-- Learning groups within a cohort (set by the teacher); an enrolment is in at most one.
CREATE TABLE learning_groups (
    id {{ID}},
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX learning_groups_cohort ON learning_groups (cohort_id);
CREATE TABLE learning_group_members (
    group_id BIGINT NOT NULL REFERENCES learning_groups (id) ON DELETE CASCADE,
    enrolment_id BIGINT NOT NULL UNIQUE REFERENCES enrolments (id),
    PRIMARY KEY (group_id, enrolment_id)
);

-- Action learning: plan (what, why, with whom, when) -> act -> observe -> reflect.
CREATE TABLE actions (
    id {{ID}},
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id),
    title TEXT NOT NULL,
    what TEXT NOT NULL,
    why TEXT NOT NULL,
    with_whom TEXT NOT NULL,
    -- 'YYYY-MM-DD'
    planned_for TEXT NOT NULL,
    observations TEXT NOT NULL DEFAULT '',
    reflection TEXT NOT NULL DEFAULT '',
    shared_with_group BIGINT NOT NULL DEFAULT 0,
    shared_with_leader BIGINT NOT NULL DEFAULT 0,
    teacher_feedback TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX actions_enrolment ON actions (enrolment_id);

CREATE TABLE action_comments (
    id {{ID}},
    action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    author_user_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX action_comments_action ON action_comments (action_id);

-- Evaluations after each teaching day ('day:<id>') and at the end of a cohort ('cohort').
-- The enrolment is kept only to refuse a second answer; results are shown as aggregates.
CREATE TABLE evaluations (
    id {{ID}},
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id),
    benefit BIGINT NOT NULL CHECK (benefit BETWEEN 1 AND 5),
    relevance BIGINT NOT NULL CHECK (relevance BETWEEN 1 AND 5),
    teaching BIGINT NOT NULL CHECK (teaching BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (cohort_id, scope, enrolment_id)
);

-- Type-profile instruments a provider holds a licence for, and participants' own profiles.
CREATE TABLE instruments (
    id {{ID}},
    provider_id BIGINT NOT NULL REFERENCES organizations (id),
    code TEXT NOT NULL,
    name_da TEXT NOT NULL,
    name_en TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (provider_id, code)
);
-- A profile is the participant's own: shown to the teacher only when shared.
CREATE TABLE profiles (
    id {{ID}},
    instrument_id BIGINT NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    answers TEXT NOT NULL,
    scores TEXT NOT NULL,
    shared_with_teacher BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (instrument_id, user_id)
);

-- Uploaded files (materials, hand-ins), kept in the database so backups of the database
-- include them and every node serves them.
CREATE TABLE files (
    id {{ID}},
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    data {{BLOB}} NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
-- Materials and cases: a text and/or a file, for a cohort or one of its teaching days.
CREATE TABLE materials (
    id {{ID}},
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    teaching_day_id BIGINT REFERENCES teaching_days (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    file_id BIGINT REFERENCES files (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX materials_cohort ON materials (cohort_id);
CREATE TABLE submission_files (
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    file_id BIGINT NOT NULL REFERENCES files (id),
    PRIMARY KEY (submission_id, file_id)
);
