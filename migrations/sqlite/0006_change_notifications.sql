-- PostgreSQL's migration 0006 adds the triggers that notify other servers of changes. SQLite needs none: a server's
-- connections see every commit through PRAGMA data_version, and the users' change counter has its triggers since
-- migration 0002. This version keeps both dialects numbered alike.
CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
    applied_at_us BIGINT NOT NULL);
