-- Orders: a basket of lines sold in one transaction, numbered from 10001, with refunds. The order lines are the one
-- record of sales: the purchases of migration 0002 become orders of one line each (their numbers 10000 + their
-- id), and `purchases` is now a view of the order lines. Every ledger entry of a sale or a restocked refund names
-- its order (stock_ledger.order_id); the ledger is rebuilt for that and for its new reason, 'refund'.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    status TEXT NOT NULL CHECK (status IN ('paid', 'partially_refunded', 'refunded')),
    customer_id BIGINT,
    customer TEXT,
    seller_id BIGINT,
    seller TEXT,
    total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
    refunded_cents BIGINT NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    note TEXT NOT NULL DEFAULT '',
    payment_method TEXT CHECK (payment_method IN ('cash', 'card', 'other')),
    tendered_cents BIGINT,
    created_at_us BIGINT NOT NULL
);

-- Lists are newest first by number (the primary key); a customer's own orders by this index (it ends with the
-- rowid, the number). No index on the time: every sale writes the indexes of its rows, and a list filtered by dates
-- reads the orders table (docs/api.md).
CREATE INDEX orders_customer ON orders (customer_id);

-- One b-tree (WITHOUT ROWID): a sale appends one page's worth, not a row and an index entry.
CREATE TABLE order_lines (
    order_id BIGINT NOT NULL REFERENCES orders (id),
    position INTEGER NOT NULL,
    sweet_id BIGINT NOT NULL,
    sweet_name TEXT NOT NULL,
    unit_price_cents BIGINT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    refunded BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
    PRIMARY KEY (order_id, position)
) WITHOUT ROWID;

CREATE TABLE refunds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    actor_id BIGINT,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    restock INTEGER NOT NULL,
    total_cents BIGINT NOT NULL,
    at_us BIGINT NOT NULL
);

CREATE INDEX refunds_order ON refunds (order_id);

CREATE TABLE refund_lines (
    refund_id BIGINT NOT NULL REFERENCES refunds (id),
    sweet_id BIGINT NOT NULL,
    sweet_name TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    PRIMARY KEY (refund_id, sweet_id)
);

INSERT INTO orders (id, status, customer_id, customer, total_cents, created_at_us)
    SELECT 10000 + id, 'paid', buyer_id, buyer, total_cents, at_us FROM purchases ORDER BY id;
INSERT INTO sqlite_sequence (name, seq) SELECT 'orders', 10000
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'orders');
UPDATE sqlite_sequence SET seq = 10000 WHERE name = 'orders' AND seq < 10000;
INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, amount)
    SELECT 10000 + id, 0, sweet_id, sweet_name, unit_price_cents, amount FROM purchases ORDER BY id;

CREATE TABLE stock_ledger_next (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sweet_id BIGINT NOT NULL,
    sweet_name TEXT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('create', 'purchase', 'restock', 'edit', 'delete', 'refund')),
    delta BIGINT NOT NULL,
    quantity_after BIGINT NOT NULL CHECK (quantity_after >= 0),
    at_us BIGINT NOT NULL,
    order_id BIGINT
);

INSERT INTO stock_ledger_next (id, sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us,
                               order_id)
    SELECT l.id, l.sweet_id, l.sweet_name, l.actor_id, l.actor, l.reason, l.delta, l.quantity_after, l.at_us,
           (SELECT 10000 + p.id FROM purchases p WHERE p.ledger_id = l.id)
    FROM stock_ledger l ORDER BY l.id;

DROP TABLE purchases;
DROP TABLE stock_ledger;
ALTER TABLE stock_ledger_next RENAME TO stock_ledger;

-- Sales as migration 0002's table showed them, for reports and operators' queries.
CREATE VIEW purchases AS
    SELECT l.order_id * 1000 + l.position AS id, l.order_id AS order_id, l.sweet_id AS sweet_id, l.sweet_name AS sweet_name,
           o.customer_id AS buyer_id, o.customer AS buyer, l.amount AS amount,
           l.unit_price_cents AS unit_price_cents, l.unit_price_cents * l.amount AS total_cents,
           o.created_at_us AS at_us
    FROM order_lines l JOIN orders o ON o.id = l.order_id;
