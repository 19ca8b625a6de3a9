-- Loose sweets sold by weight: a sweet's `unit` is piece (the default, as before) or gram; for a gram-sold sweet
-- the price and cost are per kilogram and its quantities (stock, lines, refunds) whole grams. Money is no longer
-- the price times the amount, so each line keeps its own: total_cents (what the line cost the customer) and
-- cost_cents (its cost, NULL while unknown), computed once by the server's one rule (domain::line_cents: a gram
-- line is price per kg x grams / 1000, rounded to the cent half up); each refund line keeps the money and the
-- restocked cost it gave back. The reports' summaries add these columns up instead of multiplying.
ALTER TABLE sweets ADD COLUMN unit TEXT NOT NULL DEFAULT 'piece' CHECK (unit IN ('piece', 'gram'));
ALTER TABLE order_lines ADD COLUMN unit TEXT NOT NULL DEFAULT 'piece' CHECK (unit IN ('piece', 'gram'));
ALTER TABLE order_lines ADD COLUMN total_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN cost_cents BIGINT;
UPDATE order_lines SET total_cents = amount * unit_price_cents, cost_cents = amount * unit_cost_cents;
ALTER TABLE refund_lines ADD COLUMN cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE refund_lines ADD COLUMN cost_cents BIGINT NOT NULL DEFAULT 0;
UPDATE refund_lines SET
    cents = amount * (SELECT l.unit_price_cents FROM refunds r JOIN order_lines l ON l.order_id = r.order_id
                      WHERE r.id = refund_lines.refund_id AND l.sweet_id = refund_lines.sweet_id),
    cost_cents = COALESCE((SELECT CASE WHEN r.restock = 1 THEN l.unit_cost_cents ELSE 0 END
                           FROM refunds r JOIN order_lines l ON l.order_id = r.order_id
                           WHERE r.id = refund_lines.refund_id AND l.sweet_id = refund_lines.sweet_id), 0) * amount;

DROP VIEW purchases;
CREATE VIEW purchases AS
    SELECT l.order_id * 1000 + l.position AS id, l.order_id AS order_id, l.sweet_id AS sweet_id, l.sweet_name AS sweet_name,
           o.customer_id AS buyer_id, o.customer AS buyer, l.amount AS amount,
           l.unit_price_cents AS unit_price_cents, l.total_cents AS total_cents,
           o.created_at_us AS at_us
    FROM order_lines l JOIN orders o ON o.id = l.order_id;

CREATE OR REPLACE FUNCTION sales_summary_order() RETURNS trigger AS $$
DECLARE
    at_slot BIGINT := NEW.created_at_us / 900000000;
    at_day BIGINT := NEW.created_at_us / 86400000000;
    at_block BIGINT := NEW.created_at_us / 1382400000000;
    in_shard INTEGER := NEW.id % 8;
BEGIN
    INSERT INTO sales_slots AS t (slot, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT at_slot, in_shard, 1, SUM(amount), SUM(total_cents),
               SUM(COALESCE(cost_cents, 0)), SUM(CASE WHEN cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id HAVING COUNT(*) > 0
        ON CONFLICT (slot, shard) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    INSERT INTO sales_sweet_days AS t (day, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT at_day, sweet_id, 1, SUM(amount), SUM(total_cents),
               SUM(COALESCE(cost_cents, 0)), SUM(CASE WHEN cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id GROUP BY sweet_id ORDER BY sweet_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    INSERT INTO sales_sweet_blocks AS t (block, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT at_block, sweet_id, 1, SUM(amount), SUM(total_cents),
               SUM(COALESCE(cost_cents, 0)), SUM(CASE WHEN cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id GROUP BY sweet_id ORDER BY sweet_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    INSERT INTO sales_category_days AS t (day, category, shard, orders, units, revenue_cents, cost_cents,
                                          uncosted_units)
        SELECT at_day, category, in_shard, 1, SUM(amount), SUM(total_cents),
               SUM(COALESCE(cost_cents, 0)), SUM(CASE WHEN cost_cents IS NULL THEN amount ELSE 0 END)
        FROM order_lines WHERE order_id = NEW.id GROUP BY category ORDER BY category COLLATE "C"
        ON CONFLICT (day, category, shard) DO UPDATE SET orders = t.orders + 1, units = t.units + EXCLUDED.units,
            revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents,
            uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sales_summary_refund() RETURNS trigger AS $$
DECLARE
    at_slot BIGINT := NEW.at_us / 900000000;
    at_day BIGINT := NEW.at_us / 86400000000;
    at_block BIGINT := NEW.at_us / 1382400000000;
    in_shard INTEGER := NEW.order_id % 8;
BEGIN
    INSERT INTO sales_slots AS t (slot, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_slot, in_shard, SUM(rl.amount), SUM(rl.cents), SUM(rl.cost_cents)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id HAVING COUNT(*) > 0
        ON CONFLICT (slot, shard) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    INSERT INTO sales_sweet_days AS t (day, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_day, rl.sweet_id, SUM(rl.amount), SUM(rl.cents), SUM(rl.cost_cents)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id GROUP BY rl.sweet_id ORDER BY rl.sweet_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    INSERT INTO sales_sweet_blocks AS t (block, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_block, rl.sweet_id, SUM(rl.amount), SUM(rl.cents), SUM(rl.cost_cents)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id GROUP BY rl.sweet_id ORDER BY rl.sweet_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    INSERT INTO sales_category_days AS t (day, category, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT at_day, l.category, in_shard, SUM(rl.amount), SUM(rl.cents), SUM(rl.cost_cents)
        FROM refund_lines rl JOIN order_lines l ON l.order_id = NEW.order_id AND l.sweet_id = rl.sweet_id
        WHERE rl.refund_id = NEW.id GROUP BY l.category ORDER BY l.category COLLATE "C"
        ON CONFLICT (day, category, shard) DO UPDATE SET refunded_units = t.refunded_units + EXCLUDED.refunded_units,
            refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents,
            refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

