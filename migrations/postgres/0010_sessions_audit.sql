-- Sessions and the audit log. A session begins at each sign-in and lives in the database, so that every server
-- sees it end: each token's jti begins with its session's key (16 hex digits). `refresh_jti` is the refresh token
-- now valid; a cookie session rotates it, keeping the one before for a moment (`previous_jti`, `rotated_us`). A
-- temporary password (an owner's reset) must be changed at the next sign-in (`must_change_password`).
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
-- When sessions of the user last ended: moving it moves the users' change counter, so every server's cache of
-- users and sessions misses at once.
ALTER TABLE users ADD COLUMN sessions_ended_us BIGINT NOT NULL DEFAULT 0;

CREATE TABLE sessions (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('token', 'cookie')),
    device TEXT NOT NULL DEFAULT '',
    created_us BIGINT NOT NULL,
    last_used_us BIGINT NOT NULL,
    expires_us BIGINT NOT NULL,
    refresh_jti TEXT NOT NULL,
    previous_jti TEXT NOT NULL DEFAULT '',
    rotated_us BIGINT NOT NULL DEFAULT 0,
    ended_us BIGINT,
    ended_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id, id);

-- What staff and owners did, appended in the transaction of the change itself. `details` is a JSON object.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at_us BIGINT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL DEFAULT '',
    subject_id BIGINT,
    subject TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at_us, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
