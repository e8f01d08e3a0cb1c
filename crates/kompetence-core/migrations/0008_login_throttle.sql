-- Login throttling as one counter per subject — an account from one address, or an address
-- — taken under a row lock before the password is checked, so parallel guesses cannot all
-- be checked. Replaces the per-failure rows of 0001.
DROP TABLE login_failures;
CREATE TABLE login_attempts (
    subject TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
);
