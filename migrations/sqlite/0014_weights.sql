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

DROP TRIGGER order_lines_sales_summary;
CREATE TRIGGER order_lines_sales_summary AFTER INSERT ON order_lines
BEGIN
    INSERT INTO sales_slots (slot, shard, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 900000000, 0, NEW.amount, NEW.total_cents, COALESCE(NEW.cost_cents, 0),
               CASE WHEN NEW.cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (slot, shard) DO UPDATE SET units = units + excluded.units,
            revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents,
            uncosted_units = uncosted_units + excluded.uncosted_units;
    INSERT INTO sales_sweet_days (day, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 86400000000, NEW.sweet_id, 1, NEW.amount, NEW.total_cents,
               COALESCE(NEW.cost_cents, 0), CASE WHEN NEW.cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET orders = orders + 1, units = units + excluded.units,
            revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents,
            uncosted_units = uncosted_units + excluded.uncosted_units;
    INSERT INTO sales_sweet_blocks (block, sweet_id, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 1382400000000, NEW.sweet_id, 1, NEW.amount, NEW.total_cents,
               COALESCE(NEW.cost_cents, 0), CASE WHEN NEW.cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET orders = orders + 1, units = units + excluded.units,
            revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents,
            uncosted_units = uncosted_units + excluded.uncosted_units;
    INSERT INTO sales_category_days (day, category, shard, orders, units, revenue_cents, cost_cents, uncosted_units)
        SELECT o.created_at_us / 86400000000, NEW.category, 0,
               CASE WHEN EXISTS (SELECT 1 FROM order_lines e WHERE e.order_id = NEW.order_id
                                 AND e.position <> NEW.position AND e.category = NEW.category) THEN 0 ELSE 1 END,
               NEW.amount, NEW.total_cents, COALESCE(NEW.cost_cents, 0),
               CASE WHEN NEW.cost_cents IS NULL THEN NEW.amount ELSE 0 END
        FROM orders o WHERE o.id = NEW.order_id
        ON CONFLICT (day, category, shard) DO UPDATE SET orders = orders + excluded.orders,
            units = units + excluded.units, revenue_cents = revenue_cents + excluded.revenue_cents,
            cost_cents = cost_cents + excluded.cost_cents, uncosted_units = uncosted_units + excluded.uncosted_units;
END;

DROP TRIGGER refund_lines_sales_summary;
CREATE TRIGGER refund_lines_sales_summary AFTER INSERT ON refund_lines
BEGIN
    INSERT INTO sales_slots (slot, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 900000000, 0, NEW.amount, NEW.cents, NEW.cost_cents FROM refunds r WHERE r.id = NEW.refund_id
        ON CONFLICT (slot, shard) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
    INSERT INTO sales_sweet_days (day, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 86400000000, NEW.sweet_id, NEW.amount, NEW.cents, NEW.cost_cents
        FROM refunds r WHERE r.id = NEW.refund_id
        ON CONFLICT (day, sweet_id) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
    INSERT INTO sales_sweet_blocks (block, sweet_id, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 1382400000000, NEW.sweet_id, NEW.amount, NEW.cents, NEW.cost_cents
        FROM refunds r WHERE r.id = NEW.refund_id
        ON CONFLICT (block, sweet_id) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
    INSERT INTO sales_category_days (day, category, shard, refunded_units, refunds_cents, refund_cost_cents)
        SELECT r.at_us / 86400000000, l.category, 0, NEW.amount, NEW.cents, NEW.cost_cents
        FROM refunds r JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = NEW.sweet_id
        WHERE r.id = NEW.refund_id
        ON CONFLICT (day, category, shard) DO UPDATE SET refunded_units = refunded_units + excluded.refunded_units,
            refunds_cents = refunds_cents + excluded.refunds_cents,
            refund_cost_cents = refund_cost_cents + excluded.refund_cost_cents;
END;
