-- Verifiable certificates. Each issuing provider signs with its own RSA key (RS256, the
-- Open Badges 3.0 conformance algorithm); public halves are published as JWKS.
-- Private keys are kept in the database so every node can sign (see docs/security.md).
CREATE TABLE signing_keys (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    kid TEXT NOT NULL UNIQUE,
    alg TEXT NOT NULL,
    private_pem TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX signing_keys_org ON signing_keys (org_id);

-- A stable, opaque holder id for credentialSubject.id (never the e-mail address).
ALTER TABLE users ADD COLUMN public_id TEXT;

-- An issued certificate (kursusbevis) for a passed module. `content` is the frozen snapshot of
-- everything the diploma states (rules.md, exam order § 51), in Danish and English, so a later
-- change of name or title does not alter it. A re-issue is a new row that revokes the old.
CREATE TABLE certificates (
    id {{ID}},
    public_id TEXT NOT NULL UNIQUE,
    provider_id BIGINT NOT NULL REFERENCES organizations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    credit_id BIGINT NOT NULL REFERENCES credits (id),
    content TEXT NOT NULL,
    credential_jwt TEXT NOT NULL,
    issued_by BIGINT NOT NULL REFERENCES users (id),
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT,
    replaced_by BIGINT REFERENCES certificates (id)
);
CREATE INDEX certificates_user ON certificates (user_id);
CREATE INDEX certificates_credit ON certificates (credit_id);
CREATE INDEX certificates_provider ON certificates (provider_id, issued_at);
