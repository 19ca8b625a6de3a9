// Database::write on a real database: every write commits or rolls back as a whole, also when SQLite commits it in
// one group with others (a write that throws inside a group leaves no trace and takes nothing of its neighbours
// with it), and a group shares one commit. SWEETSHOP_TEST_DATABASE_URL runs it on PostgreSQL, where each write
// commits alone.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "test_server.hpp"

using namespace sweetshop;
using sweetshop::testing::TempDir;

namespace {
struct Refused : std::runtime_error {
    Refused() : std::runtime_error("refused") {}
};

std::set<long long> stored(storage::Database& db) {
    return db.read([](soci::session& sql) {
        std::set<long long> out;
        long long n = 0;
        soci::statement st = (sql.prepare << "SELECT n FROM group_commit_probe", soci::into(n));
        st.execute();
        while (st.fetch())
            out.insert(n);
        return out;
    });
}

void insert(soci::session& sql, long long n) {
    sql << "INSERT INTO group_commit_probe (n) VALUES (:n)", soci::use(n, "n");
}
}  // namespace

class GroupCommit : public ::testing::Test {
  protected:
    GroupCommit() : db(sweetshop::testing::test_database_url(dir.path()), 4) {
        db.write([](soci::session& sql) { sql << "CREATE TABLE group_commit_probe (n BIGINT PRIMARY KEY)"; });
    }
    TempDir dir;
    storage::Database db;
};

TEST_F(GroupCommit, AWriteThatThrowsLeavesNoTraceAndItsNeighboursStay) {
    constexpr int kThreads = 8, kEach = 200;
    std::atomic<int> refused{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const long long n = t * kEach + i;
                try {
                    db.write([&](soci::session& sql) {
                        insert(sql, n);
                        insert(sql, -n - 1);  // a second row, so that a refusal has something to undo
                        if (n % 7 == 3) throw Refused();
                    });
                } catch (const Refused&) {
                    ++refused;
                }
            }
        });
    for (auto& t : threads)
        t.join();

    std::set<long long> expected;
    for (long long n = 0; n < kThreads * kEach; ++n)
        if (n % 7 != 3) expected.insert({n, -n - 1});
    EXPECT_EQ(stored(db), expected);
    EXPECT_EQ(refused.load(), static_cast<int>(kThreads * kEach - expected.size() / 2));
    EXPECT_EQ(db.writes_committed(), 1 + expected.size() / 2);  // the table, then every write not refused
}

TEST_F(GroupCommit, AStatementErrorRollsBackItsWriteOnly) {
    db.write([](soci::session& sql) { insert(sql, 1); });
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (long long n = 2; n < 40; ++n)
        threads.emplace_back([&, n] {
            try {
                db.write([&](soci::session& sql) {
                    insert(sql, n * 100);
                    insert(sql, n % 2 ? 1 : n);  // odd ones collide with row 1: a constraint error from the database
                });
            } catch (const soci::soci_error&) {
                ++failed;
            }
        });
    for (auto& t : threads)
        t.join();
    std::set<long long> expected{1};
    for (long long n = 2; n < 40; ++n)
        if (n % 2 == 0) expected.insert({n * 100, n});
    EXPECT_EQ(stored(db), expected);
    EXPECT_EQ(failed.load(), 19);
}

TEST_F(GroupCommit, WritesQueuedBehindACommitShareTheNextOne) {
    if (db.dialect() != storage::Dialect::Sqlite) GTEST_SKIP() << "PostgreSQL commits each write alone";
    constexpr int kFollowers = 12;
    const auto commits_before = db.commits();
    std::vector<std::thread> followers;
    // The first write holds the writer until the others have queued behind it.
    db.write([&](soci::session& sql) {
        insert(sql, 0);
        for (long long n = 1; n <= kFollowers; ++n)
            followers.emplace_back([&, n] { db.write([&](soci::session& s) { insert(s, n); }); });
        while (db.queued_writes() < 1 + kFollowers)
            std::this_thread::yield();
    });
    for (auto& t : followers)
        t.join();
    EXPECT_EQ(stored(db).size(), 1u + kFollowers);
    // One commit for the first write, one for the twelve queued behind it.
    EXPECT_EQ(db.commits() - commits_before, 2u);
}

// Where a thread must not block (common::NoBlocking, the server's I/O threads), no database work starts: it throws
// common::WouldBlock before leasing a connection or queueing a write, and nothing is written.
TEST_F(GroupCommit, NothingRunsOnTheDatabaseWhereNoThreadMayBlock) {
    {
        common::NoBlocking scope;
        EXPECT_THROW(stored(db), common::WouldBlock);
        EXPECT_THROW(db.write([](soci::session& sql) { insert(sql, 1); }), common::WouldBlock);
        EXPECT_THROW(db.snapshot([](soci::session&) { return 0; }), common::WouldBlock);
    }
    EXPECT_TRUE(stored(db).empty());
    db.write([](soci::session& sql) { insert(sql, 2); });  // outside the scope, as before
    EXPECT_EQ(stored(db), std::set<long long>{2});
}
