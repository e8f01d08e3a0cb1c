-- Foundation: organisations, users, roles, employees, sessions, API tokens, throttling.
-- Written once for both databases; `{{ID}}` is the dialect's auto-increment primary key
-- (see src/store/dialect.rs). Booleans are BIGINT 0/1 and times are unix seconds (BIGINT)
-- because those are the types both drivers agree on.
CREATE TABLE organizations (
    id {{ID}},
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('provider', 'municipality')),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX organizations_name ON organizations (lower(name));

CREATE TABLE users (
    id {{ID}},
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    locale TEXT NOT NULL DEFAULT 'da',
    is_platform_admin BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX memberships_org ON memberships (org_id, role);

CREATE TABLE employees (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    job_title TEXT,
    department TEXT,
    team TEXT,
    leader_id BIGINT REFERENCES employees (id),
    user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, email)
);
CREATE INDEX employees_org_name ON employees (org_id, name);
CREATE INDEX employees_leader ON employees (leader_id);
CREATE INDEX employees_user ON employees (user_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- NULL: the token acts with all of its user's roles (platform integrations).
    org_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_org ON api_tokens (org_id);

CREATE TABLE login_failures (
    id {{ID}},
    subject TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, at);
