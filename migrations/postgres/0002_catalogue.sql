-- The catalogue, the stock ledger, sales and idempotency keys (PostgreSQL; the same tables as
-- migrations/sqlite/0002_catalogue.sql). Money is integer cents; times are microseconds
-- since the Unix epoch (UTC). The *_folded columns hold fold_case() of the text, for case-insensitive search that
-- behaves the same on every backend.
CREATE TABLE sweets (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    name_folded TEXT NOT NULL,
    category TEXT NOT NULL,
    category_folded TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    price_cents BIGINT NOT NULL CHECK (price_cents >= 0),
    quantity BIGINT NOT NULL CHECK (quantity >= 0 AND quantity <= 2147483647),
    created_by_id BIGINT,
    created_by TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    updated_at_us BIGINT NOT NULL
);

CREATE INDEX sweets_price ON sweets (price_cents, id);

-- Every change of a sweet's quantity, appended in the same transaction as the change. No foreign key to sweets:
-- the history outlives a deleted sweet and stays readable by its name.
CREATE TABLE stock_ledger (
    id BIGSERIAL PRIMARY KEY,
    sweet_id BIGINT NOT NULL,
    sweet_name TEXT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('create', 'purchase', 'restock', 'edit', 'delete')),
    delta BIGINT NOT NULL,
    quantity_after BIGINT NOT NULL CHECK (quantity_after >= 0),
    at_us BIGINT NOT NULL
);

-- No index: every purchase appends here, and an index on sweet_id is one more page, at a random place, written by
-- every commit (about a quarter of a purchase's cost, docs/performance.md). Readers of the ledger (verify-stock,
-- an administrator looking up a sweet's history by name) scan it.

-- Sales, for reports: the buyer, the unit price at the time and the total. No secondary index yet, for the same
-- reason as above; reports that need one add it in their own migration.
CREATE TABLE purchases (
    id BIGSERIAL PRIMARY KEY,
    ledger_id BIGINT NOT NULL REFERENCES stock_ledger (id),
    sweet_id BIGINT NOT NULL,
    sweet_name TEXT NOT NULL,
    buyer_id BIGINT NOT NULL,
    buyer TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    unit_price_cents BIGINT NOT NULL,
    total_cents BIGINT NOT NULL,
    at_us BIGINT NOT NULL
);


-- Idempotency-Key of purchases and restocks: status and response are NULL while the first request runs.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    token BIGINT NOT NULL,
    status INTEGER,
    response TEXT,
    created_at_us BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at_us);

-- Counters that change with a table, maintained by triggers so that every writer (this server, another instance, a
-- command-line tool) bumps them. The server reads one before trusting a cached row of that table.
CREATE TABLE change_counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

INSERT INTO change_counters (name, value) VALUES ('users', 0);

CREATE FUNCTION bump_users_counter() RETURNS trigger AS $$
BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'users';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION bump_users_counter();
