-- Accounts and login throttling (PostgreSQL; the same tables as migrations/sqlite/0001_accounts.sql). Times are microseconds since the Unix epoch (UTC).
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    is_staff INTEGER NOT NULL DEFAULT 0 CHECK (is_staff IN (0, 1)),
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    date_joined_us BIGINT NOT NULL,
    last_login_us BIGINT
);

CREATE TABLE login_failures (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL,
    at_us BIGINT NOT NULL
);

CREATE INDEX login_failures_username_at ON login_failures (username, at_us);
