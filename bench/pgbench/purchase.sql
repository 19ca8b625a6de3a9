-- The purchase transaction as sweetshop runs it on PostgreSQL (src/storage/sweet_stock.cpp): the conditional
-- UPDATE ... RETURNING, the order of one line, its line and its ledger entry, committed durably. bench/load.sh runs
-- it with pgbench (prepared statements, 64 clients) as the PostgreSQL rows' database ceiling.
\set id random(1, 1000)
BEGIN;
UPDATE sweets SET quantity = quantity - 1, updated_at_us = 0 WHERE id = :id AND quantity >= 1 RETURNING id, name, category, description, price_cents, quantity;
INSERT INTO orders (status, customer_id, customer, total_cents, note, created_at_us) VALUES ('paid', 1, 'bench', 100, '', 0) RETURNING id;
INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, amount) VALUES (currval('orders_id_seq'), 0, :id, 'x', 100, 1);
INSERT INTO stock_ledger (sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us, order_id) VALUES (:id, 'x', 1, 'bench', 'purchase', -1, 0, 0, currval('orders_id_seq')) RETURNING id;
END;
