// Upgrading a shop whose sales were recorded before orders existed (migration 0005): each purchase becomes an order
// of one line with its ledger entry naming it, `purchases` reads the same through its view, and new orders follow.
// On a real database; SWEETSHOP_TEST_DATABASE_URL runs it on PostgreSQL.
#include <gtest/gtest.h>

#include "storage/ledger.hpp"
#include "storage/migrations.hpp"
#include "storage/order_store.hpp"
#include "test_server.hpp"

using namespace sweetshop;

TEST(OrdersMigration, PurchasesBecomeOneLineOrdersAndTheLedgerNamesThem) {
    sweetshop::testing::TempDir dir;
    storage::Database db(sweetshop::testing::test_database_url(dir.path()), 2);
    storage::migrate_to(db, 4);
    db.write([](soci::session& sql) {  // two sales as migration 0002's tables recorded them
        sql << "INSERT INTO sweets (name, name_folded, category, category_folded, price_cents, quantity, created_by, "
               "created_at_us, updated_at_us) VALUES ('Mint', 'mint', 'Mints', 'mints', 150, 7, 'boss', 1, 1)";
        sql << "INSERT INTO stock_ledger (sweet_id, sweet_name, actor, reason, delta, quantity_after, at_us) VALUES "
               "(1, 'Mint', 'boss', 'create', 10, 10, 1)";
        sql << "INSERT INTO stock_ledger (sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us) "
               "VALUES (1, 'Mint', 2, 'ann', 'purchase', -2, 8, 5)";
        sql << "INSERT INTO stock_ledger (sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us) "
               "VALUES (1, 'Mint', 3, 'cat', 'purchase', -1, 7, 9)";
        sql << "INSERT INTO purchases (ledger_id, sweet_id, sweet_name, buyer_id, buyer, amount, unit_price_cents, "
               "total_cents, at_us) VALUES (2, 1, 'Mint', 2, 'ann', 2, 150, 300, 5)";
        sql << "INSERT INTO purchases (ledger_id, sweet_id, sweet_name, buyer_id, buyer, amount, unit_price_cents, "
               "total_cents, at_us) VALUES (3, 1, 'Mint', 3, 'cat', 1, 150, 150, 9)";
    });
    EXPECT_EQ(storage::migrate(db), static_cast<int>(storage::migrations_for(db.dialect()).size()) - 4);

    storage::SqlOrderStore orders(db);
    auto first = orders.find(10001);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->customer, "ann");
    EXPECT_EQ(first->customer_id, 2);
    EXPECT_EQ(first->total_cents, 300);
    EXPECT_EQ(first->created_at, 5);
    ASSERT_EQ(first->lines.size(), 1u);
    EXPECT_EQ(first->lines[0], (domain::OrderLine{1, "Mint", 150, 2, 0}));
    EXPECT_EQ(orders.find(10002)->customer, "cat");
    EXPECT_EQ(orders.count({}), 2);

    db.read([](soci::session& sql) {
        std::string ids;
        long long order_id = 0;
        soci::indicator ind = soci::i_null;
        soci::statement st =
            (sql.prepare << "SELECT order_id FROM stock_ledger ORDER BY id", soci::into(order_id, ind));
        st.execute();
        while (st.fetch()) {
            if (!ids.empty()) ids += ' ';
            ids += ind == soci::i_ok ? std::to_string(order_id) : std::string("-");
        }
        EXPECT_EQ(ids, "- 10001 10002");
        long long sales = 0, units = 0, total = 0;
        std::string buyer;
        sql << "SELECT COUNT(*), SUM(amount), SUM(total_cents), MIN(buyer) FROM purchases", soci::into(sales),
            soci::into(units), soci::into(total), soci::into(buyer);
        EXPECT_EQ(sales, 2);
        EXPECT_EQ(units, 3);
        EXPECT_EQ(total, 450);
        EXPECT_EQ(buyer, "ann");
    });
    EXPECT_TRUE(storage::SqlLedgerAudit(db).verify_stock().ok());

    // The next order follows the migrated ones.
    domain::NewOrder next;
    next.lines = {{1, 1}};
    next.customer = domain::Actor{2, "ann"};
    auto placed = orders.place(next, nullptr);
    ASSERT_EQ(placed.kind, domain::OrderOutcome::Kind::Placed);
    EXPECT_EQ(placed.order.number, 10003);
    EXPECT_TRUE(storage::SqlLedgerAudit(db).verify_stock().ok());
}

TEST(OrdersMigration, AFreshShopNumbersFrom10001) {
    sweetshop::testing::TempDir dir;
    storage::Database db(sweetshop::testing::test_database_url(dir.path()), 2);
    storage::migrate(db);
    db.write([](soci::session& sql) {
        sql << "INSERT INTO sweets (name, name_folded, category, category_folded, price_cents, quantity, created_by, "
               "created_at_us, updated_at_us) VALUES ('Mint', 'mint', 'Mints', 'mints', 150, 7, 'boss', 1, 1)";
    });
    storage::SqlOrderStore orders(db);
    domain::NewOrder order;
    order.lines = {{1, 1}};
    order.customer = domain::Actor{2, "ann"};
    EXPECT_EQ(orders.place(order, nullptr).order.number, domain::kFirstOrderNumber);
}
