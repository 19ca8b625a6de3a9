// PostgreSQL stopped under a running server: requests get 503 {"detail":"Database unavailable."} at once; once it
// is back, requests succeed again without restarting the server. Run by scripts/test.sh on its throwaway cluster
// (SWEETSHOP_TEST_DATABASE_URL, SWEETSHOP_PG_DIR, SWEETSHOP_PG_PORT); it stops that cluster, so it runs alone.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

namespace {
std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

int pg_ctl(const std::string& action) {
    const std::string dir = env("SWEETSHOP_PG_DIR"), port = env("SWEETSHOP_PG_PORT");
    const std::string options = "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off";
    const std::string command = "su postgres -s /bin/sh -c \"/usr/lib/postgresql/15/bin/pg_ctl -D '" + dir +
                                "/data' -l '" + dir + "/server.log' -w -t 30 -m fast -o '" + options + "' " + action +
                                "\" >/dev/null 2>&1";
    return std::system(command.c_str());
}
}  // namespace

class PostgresOutage : public ShopFixture {
  protected:
    void SetUp() override {
        if (env("SWEETSHOP_PG_DIR").empty() || env("SWEETSHOP_TEST_DATABASE_URL").empty())
            GTEST_SKIP() << "needs the throwaway PostgreSQL cluster of scripts/test.sh";
    }
};

TEST_F(PostgresOutage, RequestsGet503WhileTheDatabaseIsDownAndSucceedOnceItIsBack) {
    add_sweet("Mint", "1.00", 12);
    ASSERT_EQ(server.get("/api/sweets/1/", user).status, 200);
    // Purchases before the outage leave their statements prepared on the connections they used.
    for (int i = 0; i < 2; ++i)
        ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);

    ASSERT_EQ(pg_ctl("stop"), 0);
    for (int i = 0; i < 3; ++i) {
        auto r = server.get("/api/sweets/1/", user);
        EXPECT_EQ(r.status, 503);
        EXPECT_EQ(r.body, R"({"detail":"Database unavailable."})");
        r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", user);
        EXPECT_EQ(r.status, 503);
        EXPECT_EQ(r.body, R"({"detail":"Database unavailable."})");
    }
    EXPECT_EQ(server.get("/api/health/").status, 200);  // the process itself is fine

    ASSERT_EQ(pg_ctl("start"), 0);
    // Reads reconnect and answer at once; a write whose connection was lost answers 503 once (its outcome was
    // unknown), then succeeds, its statements prepared again on the new connection. Every pool connection gets its
    // chance within a bounded number of requests.
    int reads_ok = 0, purchases_ok = 0;
    for (int i = 0; i < 40 && (reads_ok < 5 || purchases_ok < 3); ++i) {
        if (server.get("/api/sweets/1/", user).status == 200) ++reads_ok;
        const auto r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", user);
        ASSERT_TRUE(r.status == 200 || r.status == 503) << r.status << " " << r.body;
        if (r.status == 200) ++purchases_ok;
    }
    EXPECT_GE(reads_ok, 5);
    EXPECT_GE(purchases_ok, 3);
    const auto quantity = server.get("/api/sweets/1/", user).json()["quantity"].get<int>();
    EXPECT_EQ(quantity, 10 - purchases_ok);  // nothing was sold by a request that answered 503
    EXPECT_EQ(server.get("/api/admin/stock/verify/", admin).json()["ok"], true);
}
