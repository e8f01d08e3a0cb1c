-- Programmes, modules, specialisations, cohorts, teaching days, enrolments, feeds.
-- Dates are 'YYYY-MM-DD' and times 'HH:MM' in Danish local time (Europe/Copenhagen).
CREATE TABLE programmes (
    id {{ID}},
    provider_id BIGINT NOT NULL REFERENCES organizations (id),
    code TEXT NOT NULL,
    title_da TEXT NOT NULL,
    title_en TEXT NOT NULL,
    structure TEXT NOT NULL,
    description TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (provider_id, code)
);

CREATE TABLE modules (
    id {{ID}},
    provider_id BIGINT NOT NULL REFERENCES organizations (id),
    code TEXT NOT NULL,
    title_da TEXT NOT NULL,
    title_en TEXT NOT NULL,
    ects BIGINT NOT NULL,
    knowledge TEXT NOT NULL,
    skills TEXT NOT NULL,
    competences TEXT NOT NULL,
    exam_form TEXT NOT NULL,
    censor TEXT NOT NULL CHECK (censor IN ('internal', 'external')),
    compulsory_assignments BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (provider_id, code)
);

CREATE TABLE programme_modules (
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    module_id BIGINT NOT NULL REFERENCES modules (id),
    role TEXT NOT NULL,
    PRIMARY KEY (programme_id, module_id)
);

CREATE TABLE specialisations (
    id {{ID}},
    module_id BIGINT NOT NULL REFERENCES modules (id),
    municipality_id BIGINT NOT NULL REFERENCES organizations (id),
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX specialisations_module ON specialisations (module_id);

CREATE TABLE cohorts (
    id {{ID}},
    provider_id BIGINT NOT NULL REFERENCES organizations (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    specialisation_id BIGINT REFERENCES specialisations (id),
    name TEXT NOT NULL,
    venue TEXT,
    capacity BIGINT NOT NULL,
    signup_deadline TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    feed_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX cohorts_provider ON cohorts (provider_id, starts_on);
CREATE INDEX cohorts_module ON cohorts (module_id);

CREATE TABLE cohort_teachers (
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_teachers_user ON cohort_teachers (user_id);

CREATE TABLE teaching_days (
    id {{ID}},
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    day_date TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT,
    room TEXT,
    prepare TEXT
);
CREATE INDEX teaching_days_cohort ON teaching_days (cohort_id, day_date, starts_at);

CREATE TABLE enrolments (
    id {{ID}},
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id),
    employee_id BIGINT NOT NULL REFERENCES employees (id),
    municipality_id BIGINT NOT NULL REFERENCES organizations (id),
    state TEXT NOT NULL,
    waitlisted_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (cohort_id, employee_id)
);
CREATE INDEX enrolments_cohort_state ON enrolments (cohort_id, state);
CREATE INDEX enrolments_municipality ON enrolments (municipality_id, state);
CREATE INDEX enrolments_employee ON enrolments (employee_id);

CREATE TABLE enrolment_events (
    id {{ID}},
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    by_user BIGINT REFERENCES users (id),
    at BIGINT NOT NULL
);
CREATE INDEX enrolment_events_enrolment ON enrolment_events (enrolment_id, id);

-- A participant's private calendar feed; the key is the credential (renewable).
CREATE TABLE user_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    feed_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
