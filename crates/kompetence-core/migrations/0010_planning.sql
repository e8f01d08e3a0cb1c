-- Municipal planning (issue 13): the organisation tree (units and their leaders), staff
-- engagements as the municipality's own systems hand them over, target groups, wave
-- plans, and a reason on enrolment events (a rejected approval says why).

-- A department or team. `source_id` is the id in the municipality's own system (OS2mo's
-- AfdelingsID), the key a re-import matches on.
CREATE TABLE units (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    source_id TEXT,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES units (id),
    address TEXT,
    active BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, source_id)
);
CREATE INDEX units_parent ON units (parent_id);

-- Who leads a unit; a leader's own staff is everyone engaged in the units they lead, all
-- the way down the tree.
CREATE TABLE unit_leaders (
    unit_id BIGINT NOT NULL REFERENCES units (id),
    employee_id BIGINT NOT NULL REFERENCES employees (id),
    title TEXT,
    -- 1: from the municipality's own system (replaced by each import); 0: made by hand (kept).
    from_source BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, employee_id)
);
CREATE INDEX unit_leaders_employee ON unit_leaders (employee_id);

-- An employee's engagement in a unit: one primary, more allowed; `active` 0 is a known
-- future engagement.
CREATE TABLE engagements (
    employee_id BIGINT NOT NULL REFERENCES employees (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    is_primary BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    kind TEXT,
    job_title TEXT,
    position_code TEXT,
    -- 1: from the municipality's own system (replaced by each import); 0: made by hand (kept).
    from_source BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (employee_id, unit_id)
);
CREATE INDEX engagements_unit ON engagements (unit_id, employee_id);

-- The source system's person id (OS2mo's BrugerId), a keyed hash of the CPR number for
-- matching only (never the number), the primary unit (kept with the engagements), the
-- position code, and when the person left (a re-import marks leavers, never deletes).
ALTER TABLE employees ADD COLUMN source_id TEXT;
ALTER TABLE employees ADD COLUMN cpr_hash TEXT;
ALTER TABLE employees ADD COLUMN unit_id BIGINT REFERENCES units (id);
ALTER TABLE employees ADD COLUMN position_code TEXT;
ALTER TABLE employees ADD COLUMN mobile TEXT;
ALTER TABLE employees ADD COLUMN left_at BIGINT;
CREATE UNIQUE INDEX employees_source ON employees (org_id, source_id);
CREATE INDEX employees_unit ON employees (unit_id);

-- A saved rule over staff: job title, unit (and its sub-units), position code, and "not
-- yet passed module X". Empty parts match everyone.
CREATE TABLE target_groups (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    job_title TEXT,
    unit_id BIGINT REFERENCES units (id),
    include_subunits BIGINT NOT NULL DEFAULT 1,
    position_code TEXT,
    not_passed_module_id BIGINT REFERENCES modules (id),
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, name)
);

-- A split of a target group into waves under "at least P % of every team at work".
CREATE TABLE wave_plans (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    target_group_id BIGINT NOT NULL REFERENCES target_groups (id),
    name TEXT NOT NULL,
    waves BIGINT NOT NULL,
    min_at_work_pct BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX wave_plans_org ON wave_plans (org_id, id);

-- One person's wave in a plan (0-based); `pinned` keeps them there when HR proposes again.
CREATE TABLE wave_members (
    plan_id BIGINT NOT NULL REFERENCES wave_plans (id),
    employee_id BIGINT NOT NULL REFERENCES employees (id),
    wave BIGINT NOT NULL,
    pinned BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (plan_id, employee_id)
);

-- Two people of a plan who must not be away in the same wave.
CREATE TABLE wave_apart (
    plan_id BIGINT NOT NULL REFERENCES wave_plans (id),
    a BIGINT NOT NULL REFERENCES employees (id),
    b BIGINT NOT NULL REFERENCES employees (id),
    PRIMARY KEY (plan_id, a, b)
);

ALTER TABLE enrolment_events ADD COLUMN reason TEXT;

-- An uploaded staff file set between its dry run and HR's "import now": kept for a day at
-- most, deleted when imported.
CREATE TABLE staff_uploads (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE TABLE staff_upload_files (
    upload_id BIGINT NOT NULL REFERENCES staff_uploads (id),
    name TEXT NOT NULL,
    content {{BLOB}} NOT NULL,
    PRIMARY KEY (upload_id, name)
);

-- How a municipality approves enrolments: by the employee's leader (default), or in two
-- steps, the leader and then HR.
CREATE TABLE municipality_settings (
    org_id BIGINT PRIMARY KEY REFERENCES organizations (id),
    two_step_approval BIGINT NOT NULL DEFAULT 0
);

-- Den Kommunale Kompetencefond: applications for a person or a group, the fund's and the
-- workplace's share per applicant (frozen when the application is made or changed), and the
-- signatures (employee per applicant; leader and union representative per application).
CREATE TABLE fund_applications (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    course_title TEXT NOT NULL,
    provider TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    price BIGINT NOT NULL,
    masters BIGINT NOT NULL DEFAULT 0,
    pre_approval BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_on TEXT NOT NULL,
    leader_signed_on TEXT,
    union_signed_on TEXT,
    decided_on TEXT,
    refusal_reason TEXT,
    created_by BIGINT REFERENCES users (id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX fund_applications_org ON fund_applications (org_id, id);
CREATE TABLE fund_applicants (
    application_id BIGINT NOT NULL REFERENCES fund_applications (id),
    employee_id BIGINT NOT NULL REFERENCES employees (id),
    fund_share BIGINT NOT NULL,
    workplace_share BIGINT NOT NULL,
    capped BIGINT NOT NULL DEFAULT 0,
    signed_on TEXT,
    PRIMARY KEY (application_id, employee_id)
);
CREATE INDEX fund_applicants_employee ON fund_applicants (employee_id);

-- "I would like to go": an employee's interest in a module, the demand HR plans the next
-- cohort from. Withdrawn interests are kept with the date (the demand over time).
CREATE TABLE interests (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    employee_id BIGINT NOT NULL REFERENCES employees (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    note TEXT,
    created_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    UNIQUE (employee_id, module_id)
);
CREATE INDEX interests_org_module ON interests (org_id, module_id);

-- In-app notices to a user, and the e-mail outbox: a mail is written in the same
-- transaction as the change it tells of, so it is never lost, and sent by the outbox worker
-- (claimed with a lease, retried with growing delays, marked sent once the server took it).
CREATE TABLE notices (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    org_id BIGINT REFERENCES organizations (id),
    kind TEXT NOT NULL,
    args TEXT NOT NULL,
    link TEXT,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notices_user ON notices (user_id, id);
CREATE TABLE outbox (
    id {{ID}},
    to_address TEXT NOT NULL,
    locale TEXT NOT NULL,
    kind TEXT NOT NULL,
    args TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until BIGINT,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
