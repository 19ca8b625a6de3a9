// Upgrading a shop with data: the reports' summaries (migration 0008) are built from the sales and refunds already
// recorded, and the staff of before roles (migration 0009) become owners. On a real database;
// SWEETSHOP_TEST_DATABASE_URL runs it on PostgreSQL.
#include <gtest/gtest.h>

#include "storage/batches.hpp"
#include "storage/ledger.hpp"
#include "storage/migrations.hpp"
#include "storage/order_store.hpp"
#include "storage/report_store.hpp"
#include "storage/user_repository.hpp"
#include "test_server.hpp"

using namespace sweetshop;

TEST(UpgradeMigrations, TheSummariesAreBuiltFromThePastSalesAndRefunds) {
    sweetshop::testing::TempDir dir;
    storage::Database db(sweetshop::testing::test_database_url(dir.path()), 2);
    storage::migrate_to(db, 7);
    constexpr long long kDay = 86'400'000'000;
    db.write([&](soci::session& sql) {
        sql << "INSERT INTO sweets (name, name_folded, category, category_folded, price_cents, quantity, created_by, "
               "created_at_us, updated_at_us, cost_cents) VALUES ('Mint', 'mint', 'Mints', 'mints', 150, 7, 'boss', 1, "
               "1, 50)";
        // Two orders on two days (the second of two lines), and a refund of one mint on the third day.
        for (long long n : {0LL, 1LL}) {
            const long long id = 10001 + n, at = 20'000 * kDay + n * kDay + 3'600'000'000;
            sql << "INSERT INTO orders (id, status, total_cents, created_at_us) VALUES (:id, 'paid', 300, :at)",
                soci::use(id, "id"), soci::use(at, "at");
            sql << "INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, amount, "
                   "unit_cost_cents) VALUES (:id, 0, 1, 'Mint', 150, 2, 50)",
                soci::use(id, "id");
        }
        sql << "INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, amount) VALUES "
               "(10002, 1, 2, 'Gone', 99, 1)";  // a sweet deleted since, without a cost
        const long long refund_at = 20'002 * kDay;
        sql << "INSERT INTO refunds (order_id, actor, reason, restock, total_cents, at_us) VALUES (10001, 'boss', "
               "'x', 1, 150, :at)",
            soci::use(refund_at, "at");
        sql << "INSERT INTO refund_lines (refund_id, sweet_id, sweet_name, amount) VALUES (1, 1, 'Mint', 1)";
    });
    storage::migrate(db);

    const auto mismatches = db.snapshot([](soci::session& sql) { return storage::summary_mismatches(sql); });
    EXPECT_TRUE(mismatches.empty()) << mismatches.front().summary << " " << mismatches.front().figure;
    storage::SqlReportStore reports(db);
    const auto total = reports.sales_total(0, 30'000 * kDay);
    EXPECT_EQ(total.orders, 2);
    EXPECT_EQ(total.units, 5);
    EXPECT_EQ(total.revenue_cents, 2 * 300 + 99);
    EXPECT_EQ(total.refunds_cents, 150);
    EXPECT_EQ(total.cost_cents, 4 * 50 - 50);
    EXPECT_EQ(total.uncosted_units, 1);
    const auto categories = reports.sales_by_category(0, 30'000 * kDay);
    ASSERT_EQ(categories.size(), 2u);
    EXPECT_EQ(categories[0].name, "");  // the deleted sweet's line
    EXPECT_EQ(categories[1].name, "Mints");
    EXPECT_EQ(categories[1].figures.orders, 2);
}

TEST(UpgradeMigrations, TheStaffOfBeforeRolesBecomeOwners) {
    sweetshop::testing::TempDir dir;
    storage::Database db(sweetshop::testing::test_database_url(dir.path()), 2);
    storage::migrate_to(db, 8);
    db.write([](soci::session& sql) {
        sql << "INSERT INTO users (username, password_hash, is_staff, date_joined_us) VALUES ('boss', 'x', 1, 1)";
        sql << "INSERT INTO users (username, password_hash, is_staff, date_joined_us) VALUES ('ann', 'x', 0, 2)";
    });
    storage::migrate(db);
    storage::SqlUserRepository users(db);
    const auto boss = users.find_by_username("boss");
    const auto ann = users.find_by_username("ann");
    ASSERT_TRUE(boss && ann);
    EXPECT_EQ(boss->role, domain::Role::Owner);
    EXPECT_TRUE(boss->is_staff);
    EXPECT_EQ(ann->role, domain::Role::Customer);
    EXPECT_FALSE(ann->is_staff);
    EXPECT_EQ(users.first_owner()->username, "boss");
    ASSERT_TRUE(users.set_role("ann", domain::Role::Staff));
    EXPECT_TRUE(users.find_by_username("ann")->is_staff);
}

// Batches and weights (migrations 0013 and 0014) on a shop with stock and sales: each sweet's stock is its undated
// stock, every past line and refund line keeps the money it had, and the ledger, the batches and the
// summaries agree; a refund of a sale from before batches puts the units back in the undated stock.
TEST(UpgradeMigrations, StockBecomesTheUndatedBatchAndPastLinesKeepTheirMoney) {
    sweetshop::testing::TempDir dir;
    storage::Database db(sweetshop::testing::test_database_url(dir.path()), 2);
    storage::migrate_to(db, 12);
    db.write([&](soci::session& sql) {
        sql << "INSERT INTO sweets (name, name_folded, category, category_folded, price_cents, quantity, created_by, "
               "created_at_us, updated_at_us, cost_cents) VALUES ('Mint', 'mint', 'Mints', 'mints', 150, 6, 'boss', 1, "
               "1, 50)";
        sql << "INSERT INTO orders (id, status, total_cents, created_at_us) VALUES (10001, 'partially_refunded', 300, "
               "5)";
        sql << "INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, amount, "
               "unit_cost_cents, refunded) VALUES (10001, 0, 1, 'Mint', 150, 2, 50, 1)";
        sql << "INSERT INTO refunds (order_id, actor, reason, restock, total_cents, at_us) VALUES (10001, 'boss', "
               "'x', 1, 150, 9)";
        sql << "INSERT INTO refund_lines (refund_id, sweet_id, sweet_name, amount) VALUES (1, 1, 'Mint', 1)";
        sql << "INSERT INTO stock_ledger (sweet_id, sweet_name, actor, reason, delta, quantity_after, at_us) VALUES "
               "(1, 'Mint', 'boss', 'create', 7, 7, 1)";
        sql << "INSERT INTO stock_ledger (sweet_id, sweet_name, actor, reason, delta, quantity_after, at_us, order_id) "
               "VALUES (1, 'Mint', 'ann', 'purchase', -2, 5, 5, 10001)";
        sql << "INSERT INTO stock_ledger (sweet_id, sweet_name, actor, reason, delta, quantity_after, at_us, order_id) "
               "VALUES (1, 'Mint', 'boss', 'refund', 1, 6, 9, 10001)";
    });
    storage::migrate(db);
    long long rows = 0, batched = 0, line_total = 0, line_cost = 0, back = 0, back_cost = 0;
    db.read([&](soci::session& sql) {
        sql << "SELECT COUNT(*) FROM stock_batches", soci::into(rows);
        sql << "SELECT batched_units FROM sweets", soci::into(batched);
        sql << "SELECT total_cents, cost_cents FROM order_lines", soci::into(line_total), soci::into(line_cost);
        sql << "SELECT cents, cost_cents FROM refund_lines", soci::into(back), soci::into(back_cost);
    });
    EXPECT_EQ(rows, 0);  // the stock from before batches is undated: no row
    EXPECT_EQ(batched, 0);
    storage::SqlBatchStore store(db);
    const auto undated = store.batches(1);
    ASSERT_TRUE(undated && undated->size() == 1u);
    EXPECT_EQ(undated->front().id, 0);
    EXPECT_EQ(undated->front().units, 6);
    EXPECT_EQ(line_total, 300);
    EXPECT_EQ(line_cost, 100);
    EXPECT_EQ(back, 150);
    EXPECT_EQ(back_cost, 50);
    storage::SqlLedgerAudit audit(db);
    auto report = audit.verify_stock();
    EXPECT_TRUE(report.ok()) << report.mismatches.size() << " " << report.batch_mismatches.size() << " "
                             << report.summary_mismatches.size();

    storage::SqlOrderStore orders(db);
    domain::RefundRequest refund;
    refund.number = 10001;
    refund.lines = {{1, 1}};
    refund.restock = true;
    refund.reason = "the last one";
    refund.actor = domain::Actor{1, "boss"};
    ASSERT_EQ(orders.refund(refund, nullptr).kind, domain::RefundOutcome::Kind::Done);
    EXPECT_EQ(store.batches(1)->front().units, 7);
    report = audit.verify_stock();
    EXPECT_TRUE(report.ok());
}
