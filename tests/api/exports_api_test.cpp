// CSV exports over real HTTP: exact bodies of orders, order lines, the ledger and the stock; quoting and formula
// neutralising of what people typed; a large export streamed in many chunks, every row once. Runs on PostgreSQL
// too (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

namespace {
/// The CSV with every time cell (a minute in the shop's zone, or ISO 8601) replaced by "T".
std::string untimed(const std::string& csv) {
    static const std::regex minute(R"re("\d{4}-\d{2}-\d{2} \d{2}:\d{2}")re");
    static const std::regex iso(R"re("\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z")re");
    return std::regex_replace(std::regex_replace(csv, iso, "\"T\""), minute, "\"T\"");
}
}  // namespace

class ExportsApi : public ShopFixture {
  protected:
    ExportsApi() {
        EXPECT_EQ(server
                      .post("/api/sweets/",
                            R"({"name":"=Mint \"Extra\"","category":"Mints","price":"1.00","cost":"0.40",)"
                            R"("quantity":10})",
                            admin)
                      .status,
                  201);
        add_sweet("Toffee, hard", "2.50", 5, "Toffees");
        EXPECT_EQ(server
                      .post("/api/orders/",
                            R"({"lines":[{"sweet":1,"amount":2},{"sweet":2,"amount":1}],"note":"+gift\nwrap"})", user)
                      .status,
                  201);
    }
};

TEST_F(ExportsApi, OrdersAndLinesAsCsv) {
    auto r = server.get("/api/exports/orders/", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"orders.csv\"");
    EXPECT_EQ(untimed(r.body),
              "\"number\",\"placed_at\",\"placed_at_utc\",\"status\",\"customer\",\"seller\",\"total\",\"refunded\","
              "\"payment\",\"tendered\",\"note\"\r\n"
              "\"10001\",\"T\",\"T\",\"paid\",\"ann\",\"\",\"4.50\",\"0.00\",\"\",\"\",\"'+gift\nwrap\"\r\n");
    r = server.get("/api/exports/order-lines/?format=csv", admin);
    EXPECT_EQ(untimed(r.body),
              "\"order\",\"placed_at\",\"customer\",\"sweet\",\"name\",\"unit_price\",\"amount\",\"total\","
              "\"refunded\",\"unit_cost\"\r\n"
              "\"10001\",\"T\",\"ann\",\"1\",\"'=Mint \"\"Extra\"\"\",\"1.00\",\"2\",\"2.00\",\"0\",\"0.40\"\r\n"
              "\"10001\",\"T\",\"ann\",\"2\",\"Toffee, hard\",\"2.50\",\"1\",\"2.50\",\"0\",\"\"\r\n");
}

TEST_F(ExportsApi, TheLedgerAndTheStockAsCsv) {
    auto r = server.get("/api/exports/ledger/", admin);
    EXPECT_EQ(untimed(r.body),
              "\"id\",\"at\",\"at_utc\",\"sweet\",\"name\",\"reason\",\"delta\",\"quantity_after\",\"order\","
              "\"actor\",\"note\"\r\n"
              "\"1\",\"T\",\"T\",\"1\",\"'=Mint \"\"Extra\"\"\",\"create\",\"10\",\"10\",\"\",\"boss\",\"\"\r\n"
              "\"2\",\"T\",\"T\",\"2\",\"Toffee, hard\",\"create\",\"5\",\"5\",\"\",\"boss\",\"\"\r\n"
              "\"3\",\"T\",\"T\",\"1\",\"'=Mint \"\"Extra\"\"\",\"purchase\",\"-2\",\"8\",\"10001\",\"ann\",\"\"\r\n"
              "\"4\",\"T\",\"T\",\"2\",\"Toffee, hard\",\"purchase\",\"-1\",\"4\",\"10001\",\"ann\",\"\"\r\n");
    r = server.get("/api/exports/stock/", admin);
    EXPECT_EQ(
        r.body,
        "\"sweet\",\"name\",\"category\",\"price\",\"quantity\",\"reorder_level\",\"reorder_quantity\",\"cost\","
        "\"active\",\"value_at_price\",\"value_at_cost\"\r\n"
        "\"1\",\"'=Mint \"\"Extra\"\"\",\"Mints\",\"1.00\",\"8\",\"0\",\"0\",\"0.40\",\"true\",\"8.00\",\"3.20\"\r\n"
        "\"2\",\"Toffee, hard\",\"Toffees\",\"2.50\",\"4\",\"0\",\"0\",\"\",\"true\",\"10.00\",\"\"\r\n");
}

TEST_F(ExportsApi, PeriodsFormatsAndPermissions) {
    // A period that ends before the order leaves only the header.
    auto r = server.get("/api/exports/orders/?from=2000-01-01&to=2000-01-31", admin);
    EXPECT_EQ(r.body.find("10001"), std::string::npos);
    EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 1);
    r = server.get("/api/exports/orders/?format=xlsx&to=31/12/2026", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"to":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],)"
                      R"("format":["Select a valid choice. xlsx is not one of the available choices."]})");
    for (const char* path :
         {"/api/exports/orders/", "/api/exports/order-lines/", "/api/exports/ledger/", "/api/exports/stock/"}) {
        r = server.get(path, user);
        EXPECT_EQ(r.status, 403) << path;
        EXPECT_EQ(r.body, R"({"detail":"Only staff can export."})");
    }
}

// 2,500 orders: the export comes in several parts (a batch of 1000 rows each), with every order once, in order.
TEST_F(ExportsApi, ALargeExportIsStreamedInPartsWithEveryRowOnce) {
    ASSERT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":5000})", admin).status, 200);
    for (int i = 0; i < 2499; ++i)
        ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);
    auto r = server.get("/api/exports/orders/", admin);
    ASSERT_EQ(r.status, 200);
    EXPECT_GE(r.chunks, 3u);  // the header with nothing else, then parts of the rows
    std::vector<long long> numbers;
    std::size_t at = r.body.find("\r\n") + 2;
    while (at < r.body.size()) {
        numbers.push_back(std::stoll(r.body.substr(at + 1)));
        at = r.body.find("\r\n", at) + 2;
    }
    ASSERT_EQ(numbers.size(), 2500u);
    for (std::size_t i = 0; i < numbers.size(); ++i)
        EXPECT_EQ(numbers[i], 10001 + static_cast<long long>(i)) << i;
}
