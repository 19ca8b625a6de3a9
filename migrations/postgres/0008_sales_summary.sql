-- The reports' summaries (PostgreSQL; the same tables as migrations/sqlite/0008_sales_summary.sql), kept in the
-- sale's and the refund's own transaction (docs/performance.md):
--   sales_slots          per quarter hour (UTC; every zone's midnight starts one): the time rows and the totals;
--   sales_sweet_blocks   per 16 UTC days (counted from 1970-01-01) and sweet: the sweet rows' whole blocks;
--   sales_sweet_days     per UTC day and sweet: the sweet rows' whole days outside those blocks;
--   sales_category_days  per UTC day and category as sold: the category rows, likewise.
-- A period's edges that are not whole slots, blocks or days are read from the order lines themselves (the indexes
-- on the times below), so every figure stays exact. `shard` spreads one slot's or one day's hot row over several on
-- PostgreSQL, where concurrent sales would otherwise wait for each other on it; SQLite has one writer, so 0.
-- Refunds count in the slot and the day they are made; refund_cost_cents is the cost of the units put back in stock.

-- The category a line was sold under (the category rows group by it; a later change of the sweet's category does
-- not move past sales).
ALTER TABLE order_lines ADD COLUMN category TEXT NOT NULL DEFAULT '';
UPDATE order_lines SET category = COALESCE((SELECT s.category FROM sweets s WHERE s.id = order_lines.sweet_id), '');

CREATE INDEX orders_created ON orders (created_at_us);
CREATE INDEX refunds_at ON refunds (at_us);

CREATE TABLE sales_slots (
    slot BIGINT NOT NULL,
    shard INTEGER NOT NULL,
    orders BIGINT NOT NULL DEFAULT 0,
    units BIGINT NOT NULL DEFAULT 0,
    revenue_cents BIGINT NOT NULL DEFAULT 0,
    cost_cents BIGINT NOT NULL DEFAULT 0,
    uncosted_units BIGINT NOT NULL DEFAULT 0,
    refunded_units BIGINT NOT NULL DEFAULT 0,
    refunds_cents BIGINT NOT NULL DEFAULT 0,
    refund_cost_cents BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (slot, shard)
);

CREATE TABLE sales_sweet_blocks (
    block BIGINT NOT NULL,
    sweet_id BIGINT NOT NULL,
    orders BIGINT NOT NULL DEFAULT 0,
    units BIGINT NOT NULL DEFAULT 0,
    revenue_cents BIGINT NOT NULL DEFAULT 0,
    cost_cents BIGINT NOT NULL DEFAULT 0,
    uncosted_units BIGINT NOT NULL DEFAULT 0,
    refunded_units BIGINT NOT NULL DEFAULT 0,
    refunds_cents BIGINT NOT NULL DEFAULT 0,
    refund_cost_cents BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (block, sweet_id)
);

CREATE TABLE sales_sweet_days (
    day BIGINT NOT NULL,
    sweet_id BIGINT NOT NULL,
    orders BIGINT NOT NULL DEFAULT 0,
    units BIGINT NOT NULL DEFAULT 0,
    revenue_cents BIGINT NOT NULL DEFAULT 0,
    cost_cents BIGINT NOT NULL DEFAULT 0,
    uncosted_units BIGINT NOT NULL DEFAULT 0,
    refunded_units BIGINT NOT NULL DEFAULT 0,
    refunds_cents BIGINT NOT NULL DEFAULT 0,
    refund_cost_cents BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, sweet_id)
);

CREATE TABLE sales_category_days (
    day BIGINT NOT NULL,
    category TEXT NOT NULL,
    shard INTEGER NOT NULL,
    orders BIGINT NOT NULL DEFAULT 0,
    units BIGINT NOT NULL DEFAULT 0,
    revenue_cents BIGINT NOT NULL DEFAULT 0,
    cost_cents BIGINT NOT NULL DEFAULT 0,
    uncosted_units BIGINT NOT NULL DEFAULT 0,
    refunded_units BIGINT NOT NULL DEFAULT 0,
    refunds_cents BIGINT NOT NULL DEFAULT 0,
    refund_cost_cents BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, category, shard)
);

-- What was sold and refunded before this migration.
INSERT INTO sales_slots AS t (slot, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
    SELECT o.created_at_us / 900000000, 0, COUNT(DISTINCT o.id), SUM(l.amount), SUM(l.amount * l.unit_price_cents),
           SUM(COALESCE(l.amount * l.unit_cost_cents, 0)),
           SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END)
    FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.created_at_us / 900000000;
INSERT INTO sales_sweet_days AS t (day, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
    SELECT o.created_at_us / 86400000000, l.sweet_id, COUNT(*), SUM(l.amount), SUM(l.amount * l.unit_price_cents),
           SUM(COALESCE(l.amount * l.unit_cost_cents, 0)),
           SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END)
    FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.created_at_us / 86400000000, l.sweet_id;
INSERT INTO sales_sweet_blocks AS t (block, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
    SELECT o.created_at_us / 1382400000000, l.sweet_id, COUNT(*), SUM(l.amount), SUM(l.amount * l.unit_price_cents),
           SUM(COALESCE(l.amount * l.unit_cost_cents, 0)),
           SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END)
    FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.created_at_us / 1382400000000, l.sweet_id;
INSERT INTO sales_category_days AS t (day, category, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
    SELECT o.created_at_us / 86400000000, l.category, 0, COUNT(DISTINCT o.id), SUM(l.amount),
           SUM(l.amount * l.unit_price_cents), SUM(COALESCE(l.amount * l.unit_cost_cents, 0)),
           SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END)
    FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.created_at_us / 86400000000, l.category;

-- Refunds: added onto the rows above (a refund's slot or day may already have sales).
CREATE TEMP TABLE refunded AS
    SELECT r.at_us AS at_us, l.sweet_id AS sweet_id, l.category AS category, rl.amount AS units,
           rl.amount * l.unit_price_cents AS money,
           CASE WHEN r.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN rl.amount * l.unit_cost_cents ELSE 0 END
               AS cost
    FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id
    JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = rl.sweet_id;
INSERT INTO sales_slots AS t (slot, shard, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 900000000, 0, SUM(units), SUM(money), SUM(cost) FROM refunded
    GROUP BY at_us / 900000000
    ON CONFLICT (slot, shard) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
        refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
        refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
INSERT INTO sales_sweet_days AS t (day, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 86400000000, sweet_id, SUM(units), SUM(money), SUM(cost) FROM refunded
    GROUP BY at_us / 86400000000, sweet_id
    ON CONFLICT (day, sweet_id) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
        refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
        refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
INSERT INTO sales_sweet_blocks AS t (block, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 1382400000000, sweet_id, SUM(units), SUM(money), SUM(cost) FROM refunded
    GROUP BY at_us / 1382400000000, sweet_id
    ON CONFLICT (block, sweet_id) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
        refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
        refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
INSERT INTO sales_category_days AS t (day, category, shard, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 86400000000, category, 0, SUM(units), SUM(money), SUM(cost) FROM refunded
    GROUP BY at_us / 86400000000, category
    ON CONFLICT (day, category, shard) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
        refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
        refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
DROP TABLE refunded;

-- From now on, at each sale's and refund's commit (deferred: the order's lines are all in by then), one trigger
-- per order or refund that adds its lines up by slot, sweet and category. The rows are changed in key order, so
-- that two sales in one shard cannot deadlock, and in the order's shard (its number modulo 8).
CREATE FUNCTION sales_summary_order() RETURNS trigger AS $$
DECLARE
    at_slot BIGINT := NEW.created_at_us / 900000000;
    at_day BIGINT := NEW.created_at_us / 86400000000;
    at_block BIGINT := NEW.created_at_us / 1382400000000;
    in_shard INTEGER := NEW.id % 8;
BEGIN
    INSERT INTO sales_slots AS t (slot, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT at_slot, in_shard, 1, SUM(amount), SUM(amount * unit_price_cents),
               SUM(COALESCE(amount * unit_cost_cents, 0)), SUM(CASE WHEN unit_cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id HAVING COUNT(*) > 0
        ON CONFLICT (slot, shard) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    INSERT INTO sales_sweet_days AS t (day, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT at_day, sweet_id, 1, SUM(amount), SUM(amount * unit_price_cents),
               SUM(COALESCE(amount * unit_cost_cents, 0)), SUM(CASE WHEN unit_cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id GROUP BY sweet_id ORDER BY sweet_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    INSERT INTO sales_sweet_blocks AS t (block, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT at_block, sweet_id, 1, SUM(amount), SUM(amount * unit_price_cents),
               SUM(COALESCE(amount * unit_cost_cents, 0)), SUM(CASE WHEN unit_cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id GROUP BY sweet_id ORDER BY sweet_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    INSERT INTO sales_category_days AS t (day, category, shard, orders, units, revenue_cents, cost_cents,
                                          uncosted_units)
        SELECT at_day, category, in_shard, 1, SUM(amount), SUM(amount * unit_price_cents),
               SUM(COALESCE(amount * unit_cost_cents, 0)), SUM(CASE WHEN unit_cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id GROUP BY category ORDER BY category COLLATE "C"
        ON CONFLICT (day, category, shard) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION sales_summary_refund() RETURNS trigger AS $$
DECLARE
    at_slot BIGINT := NEW.at_us / 900000000;
    at_day BIGINT := NEW.at_us / 86400000000;
    at_block BIGINT := NEW.at_us / 1382400000000;
    in_shard INTEGER := NEW.order_id % 8;
BEGIN
    INSERT INTO sales_slots AS t (slot, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_slot, in_shard, SUM(rl.amount), SUM(rl.amount * l.unit_price_cents),
               SUM(CASE WHEN NEW.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN rl.amount * l.unit_cost_cents
                        ELSE 0 END)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id HAVING COUNT(*) > 0
        ON CONFLICT (slot, shard) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    INSERT INTO sales_sweet_days AS t (day, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_day, rl.sweet_id, SUM(rl.amount), SUM(rl.amount * l.unit_price_cents),
               SUM(CASE WHEN NEW.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN rl.amount * l.unit_cost_cents
                        ELSE 0 END)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id GROUP BY rl.sweet_id ORDER BY rl.sweet_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    INSERT INTO sales_sweet_blocks AS t (block, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_block, rl.sweet_id, SUM(rl.amount), SUM(rl.amount * l.unit_price_cents),
               SUM(CASE WHEN NEW.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN rl.amount * l.unit_cost_cents
                        ELSE 0 END)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id GROUP BY rl.sweet_id ORDER BY rl.sweet_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    INSERT INTO sales_category_days AS t (day, category, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_day, l.category, in_shard, SUM(rl.amount), SUM(rl.amount * l.unit_price_cents),
               SUM(CASE WHEN NEW.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN rl.amount * l.unit_cost_cents
                        ELSE 0 END)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id GROUP BY l.category ORDER BY l.category COLLATE "C"
        ON CONFLICT (day, category, shard) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER orders_sales_summary AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION sales_summary_order();
CREATE CONSTRAINT TRIGGER refunds_sales_summary AFTER INSERT ON refunds DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION sales_summary_refund();
