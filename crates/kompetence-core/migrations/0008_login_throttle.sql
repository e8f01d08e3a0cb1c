-- Login throttling as one counter per subject — an account from one address, or an address
-- — taken under a row lock before the password is checked, so parallel guesses cannot all
-- be checked. Replaces the per-failure rows of 0001.
DROP TABLE login_failures;
CREATE TABLE login_attempts (
    subject TEXT PRIMARY KEY,
    -- The account's e-mail for account counters (for the administrator's unlock), else NULL.
    account TEXT,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts (account);
