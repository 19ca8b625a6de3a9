-- Batches: a sweet's stock as the deliveries it came in, each with its best-before date and lot. Units with neither
-- (all stock from before batches, and restocks without a date or lot) are the sweet's undated stock, not a row: the
-- sweet's quantity less `batched_units`, the units for sale held in its batch rows, so that a sale of a sweet
-- without batches writes nothing more than before. A row's `units` are what is left to sell; when a batch passes
-- its date (`expires_at_us`: the midnight after `best_before` in the shop's time zone), its units move to
-- `expired_units` with an 'expired' ledger entry, and wait there until written off (`wasted_units`). Every ledger
-- entry that changes a batch row records it (stock_moves), so that verify-stock can check each row against its
-- moves.
CREATE TABLE stock_batches (
    id BIGSERIAL PRIMARY KEY,
    sweet_id BIGINT NOT NULL,
    best_before TEXT,
    lot TEXT NOT NULL DEFAULT '',
    expires_at_us BIGINT,
    units BIGINT NOT NULL DEFAULT 0 CHECK (units >= 0),
    expired_units BIGINT NOT NULL DEFAULT 0 CHECK (expired_units >= 0),
    wasted_units BIGINT NOT NULL DEFAULT 0 CHECK (wasted_units >= 0),
    unit_cost_cents BIGINT,
    received_at_us BIGINT NOT NULL,
    expired_at_us BIGINT,
    warned_at_us BIGINT
);

-- One batch per sweet, date and lot: a second delivery of the same date and lot adds to it.
CREATE UNIQUE INDEX stock_batches_key ON stock_batches (sweet_id, COALESCE(best_before, ''), lot);
-- The expiry job's read: batches with units to sell, by the instant they expire.
CREATE INDEX stock_batches_due ON stock_batches (expires_at_us) WHERE units > 0;
-- The expiring list's read: dated batches with units left, by date.
CREATE INDEX stock_batches_waiting ON stock_batches (best_before)
    WHERE best_before IS NOT NULL AND (units > 0 OR expired_units > 0);

-- A sale's moves name its order, so that a refund finds the batches its units came from (the index) and an order's
-- lines show the batches they used.
CREATE TABLE stock_moves (
    ledger_id BIGINT NOT NULL,
    batch_id BIGINT NOT NULL,
    sweet_id BIGINT NOT NULL,
    order_id BIGINT,
    delta BIGINT NOT NULL,
    PRIMARY KEY (ledger_id, batch_id)
);
CREATE INDEX stock_moves_order ON stock_moves (order_id, sweet_id) WHERE order_id IS NOT NULL;

-- Waste: what was written off, with its value at the batch's unit cost (NULL while the cost is unknown).
CREATE TABLE stock_write_offs (
    id BIGSERIAL PRIMARY KEY,
    batch_id BIGINT NOT NULL,
    sweet_id BIGINT NOT NULL,
    sweet_name TEXT NOT NULL,
    best_before TEXT,
    lot TEXT NOT NULL,
    units BIGINT NOT NULL CHECK (units > 0),
    value_cents BIGINT,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    at_us BIGINT NOT NULL
);
CREATE INDEX stock_write_offs_at ON stock_write_offs (at_us);

-- The units for sale in a sweet's batch rows (the rest of its quantity is undated).
ALTER TABLE sweets ADD COLUMN batched_units BIGINT NOT NULL DEFAULT 0 CHECK (batched_units >= 0);

-- The earliest best-before date of the units for sale (NULL: none dated), kept with every move.
ALTER TABLE sweets ADD COLUMN best_before TEXT;

-- Alerts of batches about to expire, beside the low-stock ones: one per batch (warned_at_us claims it), never
-- holding a sweet's one open low-stock alert.
ALTER TABLE stock_alerts ADD COLUMN kind TEXT NOT NULL DEFAULT 'low_stock' CHECK (kind IN ('low_stock', 'expiry'));
ALTER TABLE stock_alerts ADD COLUMN batch_id BIGINT;
ALTER TABLE stock_alerts ADD COLUMN best_before TEXT;
DROP INDEX stock_alerts_open;
CREATE UNIQUE INDEX stock_alerts_open ON stock_alerts (sweet_id) WHERE closed_at_us IS NULL AND kind = 'low_stock';

CREATE OR REPLACE FUNCTION low_stock_open() RETURNS trigger AS $$
BEGIN
    INSERT INTO stock_alerts (sweet_id, sweet_name, reorder_level, quantity, suggested, opened_at_us)
        VALUES (NEW.id, NEW.name, NEW.reorder_level, NEW.quantity,
                GREATEST(NEW.reorder_quantity, NEW.reorder_level - NEW.quantity + 1), NEW.updated_at_us)
        ON CONFLICT (sweet_id) WHERE closed_at_us IS NULL AND kind = 'low_stock' DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION low_stock_close() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE stock_alerts SET closed_at_us = (extract(epoch from clock_timestamp()) * 1000000)::bigint
            WHERE sweet_id = OLD.id AND closed_at_us IS NULL;
    ELSE
        UPDATE stock_alerts SET closed_at_us = NEW.updated_at_us
            WHERE sweet_id = NEW.id AND closed_at_us IS NULL AND kind = 'low_stock';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
