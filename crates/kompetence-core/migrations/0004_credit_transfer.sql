-- Credit transfer (merit): ECTS from another programme counted towards one of ours, up to
-- the programme's cap. Kept per person (user), as transcripts are.
CREATE TABLE credit_transfers (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    ects BIGINT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users (id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX credit_transfers_user ON credit_transfers (user_id);
