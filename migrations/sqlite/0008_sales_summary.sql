-- The reports' summaries, kept by triggers in the sale's and the refund's own transaction (docs/performance.md):
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
) WITHOUT ROWID;

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
) WITHOUT ROWID;

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
) WITHOUT ROWID;

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
) WITHOUT ROWID;

-- What was sold and refunded before this migration.
INSERT INTO sales_slots (slot, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
    SELECT o.created_at_us / 900000000, 0, COUNT(DISTINCT o.id), SUM(l.amount), SUM(l.amount * l.unit_price_cents),
           SUM(COALESCE(l.amount * l.unit_cost_cents, 0)),
           SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END)
    FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.created_at_us / 900000000;
INSERT INTO sales_sweet_days (day, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
    SELECT o.created_at_us / 86400000000, l.sweet_id, COUNT(*), SUM(l.amount), SUM(l.amount * l.unit_price_cents),
           SUM(COALESCE(l.amount * l.unit_cost_cents, 0)),
           SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END)
    FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.created_at_us / 86400000000, l.sweet_id;
INSERT INTO sales_sweet_blocks (block, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
    SELECT o.created_at_us / 1382400000000, l.sweet_id, COUNT(*), SUM(l.amount), SUM(l.amount * l.unit_price_cents),
           SUM(COALESCE(l.amount * l.unit_cost_cents, 0)),
           SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END)
    FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.created_at_us / 1382400000000, l.sweet_id;
INSERT INTO sales_category_days (day, category, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
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
INSERT INTO sales_slots (slot, shard, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 900000000, 0, SUM(units), SUM(money), SUM(cost) FROM refunded WHERE true
    GROUP BY at_us / 900000000
    ON CONFLICT (slot, shard) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
        refunds_cents = refunds_cents + excluded.refunds_cents,
        refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
INSERT INTO sales_sweet_days (day, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 86400000000, sweet_id, SUM(units), SUM(money), SUM(cost) FROM refunded WHERE true
    GROUP BY at_us / 86400000000, sweet_id
    ON CONFLICT (day, sweet_id) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
        refunds_cents = refunds_cents + excluded.refunds_cents,
        refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
INSERT INTO sales_sweet_blocks (block, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 1382400000000, sweet_id, SUM(units), SUM(money), SUM(cost) FROM refunded WHERE true
    GROUP BY at_us / 1382400000000, sweet_id
    ON CONFLICT (block, sweet_id) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
        refunds_cents = refunds_cents + excluded.refunds_cents,
        refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
INSERT INTO sales_category_days (day, category, shard, refunded_units, refunds_cents, refund_cost_cents)
    SELECT at_us / 86400000000, category, 0, SUM(units), SUM(money), SUM(cost) FROM refunded WHERE true
    GROUP BY at_us / 86400000000, category
    ON CONFLICT (day, category, shard) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
        refunds_cents = refunds_cents + excluded.refunds_cents,
        refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
DROP TABLE refunded;

-- From now on, in every sale's and refund's transaction. An order counts once in its slot, once per sweet (a
-- sweet is on one line of an order) and once per category it has lines of.
CREATE TRIGGER orders_sales_summary AFTER INSERT ON orders
BEGIN
    INSERT INTO sales_slots (slot, shard, orders) VALUES (NEW.created_at_us / 900000000, 0, 1)
        ON CONFLICT (slot, shard) DO UPDATE SET orders = orders + 1;
END;

CREATE TRIGGER order_lines_sales_summary AFTER INSERT ON order_lines
BEGIN
    INSERT INTO sales_slots (slot, shard, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 900000000, 0, NEW.amount, NEW.amount * NEW.unit_price_cents,
               COALESCE(NEW.amount * NEW.unit_cost_cents, 0),
               CASE WHEN NEW.unit_cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (slot, shard) DO UPDATE SET units = units + excluded.units,
            revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents,
            uncosted_units = uncosted_units + excluded.uncosted_units;
    INSERT INTO sales_sweet_days (day, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 86400000000, NEW.sweet_id, 1, NEW.amount, NEW.amount * NEW.unit_price_cents,
               COALESCE(NEW.amount * NEW.unit_cost_cents, 0),
               CASE WHEN NEW.unit_cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET orders = orders + 1, units = units + excluded.units,
            revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents,
            uncosted_units = uncosted_units + excluded.uncosted_units;
    INSERT INTO sales_sweet_blocks (block, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 1382400000000, NEW.sweet_id, 1, NEW.amount, NEW.amount * NEW.unit_price_cents,
               COALESCE(NEW.amount * NEW.unit_cost_cents, 0),
               CASE WHEN NEW.unit_cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET orders = orders + 1, units = units + excluded.units,
            revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents,
            uncosted_units = uncosted_units + excluded.uncosted_units;
    INSERT INTO sales_category_days (day, category, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 86400000000, NEW.category, 0,
               CASE WHEN EXISTS (SELECT 1 FROM order_lines e WHERE e.order_id = NEW.order_id
                                 AND e.position <> NEW.position AND e.category = NEW.category) THEN 0 ELSE 1 END,
               NEW.amount, NEW.amount * NEW.unit_price_cents, COALESCE(NEW.amount * NEW.unit_cost_cents, 0),
               CASE WHEN NEW.unit_cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (day, category, shard) DO UPDATE SET orders = orders + excluded.orders,
            units = units + excluded.units, revenue_cents = revenue_cents + excluded.revenue_cents,
            cost_cents = cost_cents + excluded.cost_cents, uncosted_units = uncosted_units + excluded.uncosted_units;
END;

CREATE TRIGGER refund_lines_sales_summary AFTER INSERT ON refund_lines
BEGIN
    INSERT INTO sales_slots (slot, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 900000000, 0, NEW.amount, NEW.amount * l.unit_price_cents,
               CASE WHEN r.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN NEW.amount * l.unit_cost_cents
                    ELSE 0 END
        FROM refunds r JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = NEW.sweet_id
        WHERE r.id = NEW.refund_id
        ON CONFLICT (slot, shard) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
    INSERT INTO sales_sweet_days (day, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 86400000000, NEW.sweet_id, NEW.amount, NEW.amount * l.unit_price_cents,
               CASE WHEN r.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN NEW.amount * l.unit_cost_cents
                    ELSE 0 END
        FROM refunds r JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = NEW.sweet_id
        WHERE r.id = NEW.refund_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
    INSERT INTO sales_sweet_blocks (block, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 1382400000000, NEW.sweet_id, NEW.amount, NEW.amount * l.unit_price_cents,
               CASE WHEN r.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN NEW.amount * l.unit_cost_cents
                    ELSE 0 END
        FROM refunds r JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = NEW.sweet_id
        WHERE r.id = NEW.refund_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
    INSERT INTO sales_category_days (day, category, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 86400000000, l.category, 0, NEW.amount, NEW.amount * l.unit_price_cents,
               CASE WHEN r.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN NEW.amount * l.unit_cost_cents
                    ELSE 0 END
        FROM refunds r JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = NEW.sweet_id
        WHERE r.id = NEW.refund_id
        ON CONFLICT (day, category, shard) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
END;
