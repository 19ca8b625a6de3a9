// A change is answered only once it is on disk (SWEETSHOP_SQLITE_SYNC=full, the default): with the sync held back,
// the purchase is committed and visible to readers, but its answer waits; the purchases that commit while one sync
// runs share the next one. On PostgreSQL COMMIT itself returns after the WAL flush, so there is nothing to hold.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <vector>

#include "shop_fixture.hpp"
#include "sync_gate.hpp"

using namespace sweetshop;
using namespace sweetshop::testing;
using namespace std::chrono_literals;

class Durability : public ShopFixture {
  protected:
    storage::CommitSyncer* syncer() { return server.app().database().commit_syncer(); }
    std::int64_t quantity(std::int64_t id) {
        return server.get("/api/sweets/" + std::to_string(id) + "/", user).json().at("quantity").get<std::int64_t>();
    }
    std::future<HttpResponse> buy(std::int64_t id) {
        return std::async(std::launch::async, [this, id] {
            return server.post("/api/sweets/" + std::to_string(id) + "/purchase/", R"({"amount":1})", user);
        });
    }
};

TEST_F(Durability, APurchaseIsAnsweredOnlyAfterTheSyncThatCoversIt) {
    if (!syncer()) {
        EXPECT_EQ(server.app().database().dialect(), storage::Dialect::Postgres);
        GTEST_SKIP() << "PostgreSQL's COMMIT returns once the WAL is flushed";
    }
    const auto id = add_sweet("Fudge", "1.00", 100);  // answered, so its own sync is done
    SyncGate gate;
    syncer()->before_each_sync([&] { gate.pass(); });

    auto answer = buy(id);
    gate.wait_entered(1);         // a sync starts only after a commit: the purchase's
    EXPECT_EQ(quantity(id), 99);  // committed, and readers see it
    EXPECT_EQ(answer.wait_for(300ms), std::future_status::timeout) << "answered before its sync";
    gate.release();
    EXPECT_EQ(answer.get().status, 200);
    syncer()->before_each_sync({});
}

TEST_F(Durability, PurchasesCommittedDuringOneSyncShareTheNext) {
    if (!syncer()) GTEST_SKIP() << "PostgreSQL groups its WAL flushes itself";
    const auto id = add_sweet("Fudge", "1.00", 100);
    SyncGate gate;
    syncer()->before_each_sync([&] { gate.pass(); });
    const auto syncs_before = syncer()->syncs();
    const auto writes_before = server.app().database().writes_committed();

    std::vector<std::future<HttpResponse>> answers;
    answers.push_back(buy(id));
    gate.wait_entered(1);  // the first purchase's sync is held
    for (int i = 0; i < 15; ++i)
        answers.push_back(buy(id));
    while (server.app().database().writes_committed() < writes_before + 16)  // all sixteen committed
        std::this_thread::yield();
    for (auto& a : answers)
        EXPECT_EQ(a.wait_for(0ms), std::future_status::timeout) << "answered before its sync";
    gate.release();
    for (auto& a : answers)
        EXPECT_EQ(a.get().status, 200);
    // One sync for the first purchase, one for the fifteen committed while it was held.
    EXPECT_EQ(syncer()->syncs() - syncs_before, 2u);
    EXPECT_EQ(quantity(id), 84);
    syncer()->before_each_sync({});
}

TEST(DurabilityNormal, AnswersAtCommitWithoutASyncer) {
    TestServer server([](app::Config& c) { c.sqlite_sync = "normal"; });
    if (server.app().database().dialect() == storage::Dialect::Postgres) GTEST_SKIP() << "SQLite's setting";
    EXPECT_EQ(server.app().database().commit_syncer(), nullptr);
    server.create_user("ann", "ann-password");
    const auto token = server.access_token("ann", "ann-password");
    EXPECT_EQ(server.get("/api/sweets/", {{"Authorization", "Bearer " + token}}).status, 200);
}
