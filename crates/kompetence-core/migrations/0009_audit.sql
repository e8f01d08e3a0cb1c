-- The audit log: who did what, when and from where, for grades, roles, certificates,
-- logins, unlocks and backups. Append-only: the application inserts and reads, never
-- updates or deletes.
CREATE TABLE audit_events (
    id {{ID}},
    at BIGINT NOT NULL,
    actor_user_id BIGINT,
    org_id BIGINT,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT
);
CREATE INDEX audit_events_org ON audit_events (org_id, id);
