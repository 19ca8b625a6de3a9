-- Caches on PostgreSQL (docs/api.md, Freshness): every statement that changes a table whose rows the server caches
-- answers from notifies the channel sweetshop_changes with the table's name, at its commit; every server LISTENs
-- there (src/storage/change_listener.cpp), so a change by any instance or tool makes the others' caches stale.
CREATE FUNCTION notify_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('sweetshop_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sweets_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sweets
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();

CREATE TRIGGER users_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
