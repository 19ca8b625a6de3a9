-- Stock control: each sweet's reorder level and usual reorder amount, its unit cost (integer cents, NULL while
-- unknown) and whether it is still sold (archived sweets keep their history); adjustments with a reason and a note
-- in the ledger, read per sweet through an index; the unit cost of each sold line; low-stock alerts.
ALTER TABLE sweets ADD COLUMN reorder_level BIGINT NOT NULL DEFAULT 0
    CHECK (reorder_level >= 0 AND reorder_level <= 2147483647);
ALTER TABLE sweets ADD COLUMN reorder_quantity BIGINT NOT NULL DEFAULT 0
    CHECK (reorder_quantity >= 0 AND reorder_quantity <= 2147483647);
ALTER TABLE sweets ADD COLUMN cost_cents BIGINT CHECK (cost_cents >= 0);
ALTER TABLE sweets ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

ALTER TABLE stock_ledger DROP CONSTRAINT stock_ledger_reason_check;
ALTER TABLE stock_ledger ADD CONSTRAINT stock_ledger_reason_check
    CHECK (reason IN ('create', 'purchase', 'restock', 'edit', 'delete', 'refund', 'count', 'damaged', 'expired',
                      'sample', 'other'));
ALTER TABLE stock_ledger ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- A sweet's history, newest first, reads this index backwards from its newest entry (docs/performance.md: what it
-- costs each sale).
CREATE INDEX stock_ledger_sweet ON stock_ledger (sweet_id, id);

ALTER TABLE order_lines ADD COLUMN unit_cost_cents BIGINT;

-- One row per crossing: opened when a change takes an active sweet to or below its reorder level, closed when it
-- is above again (or its level is 0, or it is archived or deleted). At most one open alert per sweet (the partial
-- unique index), also with several servers on one database. `delivered_at_us` and the attempt columns belong to
-- the webhook (SWEETSHOP_ALERT_WEBHOOK).
CREATE TABLE stock_alerts (
    id BIGSERIAL PRIMARY KEY,
    sweet_id BIGINT NOT NULL,
    sweet_name TEXT NOT NULL,
    reorder_level BIGINT NOT NULL,
    quantity BIGINT NOT NULL,
    suggested BIGINT NOT NULL,
    opened_at_us BIGINT NOT NULL,
    closed_at_us BIGINT,
    delivered_at_us BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_us BIGINT NOT NULL DEFAULT 0,
    claimed_until_us BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);

CREATE UNIQUE INDEX stock_alerts_open ON stock_alerts (sweet_id) WHERE closed_at_us IS NULL;
CREATE INDEX stock_alerts_undelivered ON stock_alerts (next_attempt_us) WHERE delivered_at_us IS NULL;

-- The rules, as triggers, so that every writer (a sale, a refund, an edit, an adjustment, a command-line tool)
-- follows them in its own transaction. Every change of a quantity sets updated_at_us, the alert's time.
CREATE FUNCTION low_stock_open() RETURNS trigger AS $$
BEGIN
    INSERT INTO stock_alerts (sweet_id, sweet_name, reorder_level, quantity, suggested, opened_at_us)
        VALUES (NEW.id, NEW.name, NEW.reorder_level, NEW.quantity,
                GREATEST(NEW.reorder_quantity, NEW.reorder_level - NEW.quantity + 1), NEW.updated_at_us)
        ON CONFLICT (sweet_id) WHERE closed_at_us IS NULL DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION low_stock_close() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE stock_alerts SET closed_at_us = (extract(epoch from clock_timestamp()) * 1000000)::bigint
            WHERE sweet_id = OLD.id AND closed_at_us IS NULL;
    ELSE
        UPDATE stock_alerts SET closed_at_us = NEW.updated_at_us WHERE sweet_id = NEW.id AND closed_at_us IS NULL;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sweets_low_stock_insert AFTER INSERT ON sweets FOR EACH ROW
    WHEN (NEW.active = 1 AND NEW.reorder_level > 0 AND NEW.quantity <= NEW.reorder_level)
    EXECUTE FUNCTION low_stock_open();

CREATE TRIGGER sweets_low_stock_opened AFTER UPDATE OF quantity, reorder_level, reorder_quantity, active ON sweets
    FOR EACH ROW WHEN (NEW.active = 1 AND NEW.reorder_level > 0 AND NEW.quantity <= NEW.reorder_level)
    EXECUTE FUNCTION low_stock_open();

CREATE TRIGGER sweets_low_stock_closed AFTER UPDATE OF quantity, reorder_level, active ON sweets FOR EACH ROW
    WHEN (OLD.active = 1 AND OLD.reorder_level > 0 AND OLD.quantity <= OLD.reorder_level
          AND NOT (NEW.active = 1 AND NEW.reorder_level > 0 AND NEW.quantity <= NEW.reorder_level))
    EXECUTE FUNCTION low_stock_close();

CREATE TRIGGER sweets_low_stock_deleted AFTER DELETE ON sweets FOR EACH ROW EXECUTE FUNCTION low_stock_close();
