// The audit log (issue 19): an entry for each staff and owner action, written in the change's own transaction (a
// refused change leaves none), read by the owner only, with filters, pages and CSV. Both backends.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;
using Json = nlohmann::ordered_json;

class AuditApi : public ShopFixture {
  protected:
    HttpResponse send(const std::string& method, const std::string& target, const std::string& body,
                      const Headers& who) {
        Headers h = who;
        h.emplace_back("Content-Type", "application/json");
        return call(method, target, body, h);
    }
    /// The log's entries (newest first) for `query`, as the owner reads them.
    Json entries(const std::string& query = "") {
        auto r = server.get("/api/audit/" + query, admin);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["results"];
    }
    /// The newest entry with `action`.
    Json newest(const std::string& action) {
        auto found = entries("?action=" + action + "&page_size=1");
        EXPECT_EQ(found.size(), 1u) << action;
        return found.empty() ? Json() : found[0];
    }
};

TEST_F(AuditApi, EveryCatalogueAndStockActionIsLoggedWithWhatChanged) {
    const auto id = add_sweet("Mint", "1.00", 10);
    auto e = newest("sweet.create");
    EXPECT_EQ(e["actor"], "boss");
    EXPECT_EQ(e["subject_type"], "sweet");
    EXPECT_EQ(e["subject_id"], id);
    EXPECT_EQ(e["subject"], "Mint");
    EXPECT_EQ(e["details"]["price"], "1.00");
    EXPECT_EQ(e["details"]["quantity"], 10);
    EXPECT_TRUE(e["at"].is_string());

    ASSERT_EQ(send("PATCH", "/api/sweets/1/", R"({"price":"1.20","name":"Peppermint"})", admin).status, 200);
    e = newest("sweet.edit");
    EXPECT_EQ(e["subject"], "Peppermint");
    EXPECT_EQ(e["details"].dump(), R"({"name":{"before":"Mint","after":"Peppermint"},)"
                                   R"("price":{"before":"1.00","after":"1.20"}})");
    // An edit that changes nothing is not an action.
    const auto count = entries().size();
    ASSERT_EQ(send("PATCH", "/api/sweets/1/", R"({"price":"1.20"})", admin).status, 200);
    EXPECT_EQ(entries().size(), count);

    ASSERT_EQ(send("PATCH", "/api/sweets/1/", R"({"active":false})", admin).status, 200);
    EXPECT_EQ(newest("sweet.archive")["details"].dump(), R"({"active":{"before":true,"after":false}})");
    ASSERT_EQ(send("PATCH", "/api/sweets/1/", R"({"active":true})", admin).status, 200);
    EXPECT_EQ(newest("sweet.restore")["subject_id"], id);

    ASSERT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":5})", admin).status, 200);
    EXPECT_EQ(newest("stock.restock")["details"].dump(), R"({"amount":5,"quantity_after":15})");
    ASSERT_EQ(server.post("/api/sweets/1/adjust/", R"({"delta":-2,"reason":"damaged","note":"dropped"})", admin).status,
              200);
    EXPECT_EQ(newest("stock.adjust")["details"].dump(),
              R"({"delta":-2,"quantity_after":13,"reason":"damaged","note":"dropped"})");
    ASSERT_EQ(
        server.post("/api/stock/count/", R"({"counts":[{"sweet":1,"counted":12}],"note":"Monday"})", admin).status,
        200);
    EXPECT_EQ(newest("stock.count")["details"].dump(),
              R"({"note":"Monday","lines":[{"sweet":1,"name":"Peppermint","expected":13,"counted":12}]})");

    ASSERT_EQ(call("DELETE", "/api/sweets/1/", "", admin).status, 204);
    e = newest("sweet.delete");
    EXPECT_EQ(e["subject"], "Peppermint");
    EXPECT_EQ(e["details"].dump(), R"({"quantity":12})");
}

TEST_F(AuditApi, ARefusedChangeLeavesNoEntry) {
    add_sweet("Mint", "1.00", 10);
    const auto count = entries().size();
    EXPECT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":2147483647})", admin).status, 400);
    EXPECT_EQ(server.post("/api/sweets/1/adjust/", R"({"delta":-11,"reason":"damaged"})", admin).status, 400);
    EXPECT_EQ(server.post("/api/stock/count/", R"({"counts":[{"sweet":1,"counted":3},{"sweet":9,"counted":1}]})", admin)
                  .status,
              400);
    EXPECT_EQ(server.post("/api/stock/count/", R"({"counts":[{"sweet":1,"counted":3}],"dry_run":true})", admin).status,
              200);
    EXPECT_EQ(entries().size(), count);
}

TEST_F(AuditApi, RefundsPeopleAndStaffSignInsAreLogged) {
    add_sweet("Mint", "1.00", 10);
    ASSERT_EQ(server.post("/api/orders/", R"({"lines":[{"sweet":1,"amount":3}]})", user).status, 201);
    ASSERT_EQ(server
                  .post("/api/orders/10001/refund/",
                        R"({"lines":[{"sweet":1,"amount":2}],"restock":true,"reason":"x"})", admin)
                  .status,
              200);
    auto e = newest("order.refund");
    EXPECT_EQ(e["subject_type"], "order");
    EXPECT_EQ(e["subject_id"], 10001);
    EXPECT_EQ(e["details"].dump(),
              R"({"amount":"2.00","restock":true,"reason":"x","lines":[{"sweet":1,"name":"Mint","quantity":2}]})");

    server.create_user("sam", "sam-password");
    ASSERT_EQ(send("PATCH", "/api/users/3/", R"({"role":"staff"})", admin).status, 200);
    e = newest("user.role");
    EXPECT_EQ(e["subject"], "sam");
    EXPECT_EQ(e["details"].dump(), R"({"role":{"before":"customer","after":"staff"}})");
    ASSERT_EQ(send("PATCH", "/api/users/3/", R"({"is_active":false})", admin).status, 200);
    EXPECT_EQ(newest("user.deactivate")["subject_id"], 3);
    ASSERT_EQ(send("PATCH", "/api/users/3/", R"({"is_active":true})", admin).status, 200);
    EXPECT_EQ(newest("user.reactivate")["actor"], "boss");
    ASSERT_EQ(server.post("/api/users/3/password/", "", admin).status, 200);
    EXPECT_EQ(newest("user.password_reset")["subject"], "sam");

    // Staff and owners signing in are logged; customers are not.
    const auto sign_ins = entries("?action=sign_in").size();
    server.access_token("ann", "ann-password");
    EXPECT_EQ(entries("?action=sign_in").size(), sign_ins);
    server.access_token("boss", "boss-password");
    EXPECT_EQ(entries("?action=sign_in").size(), sign_ins + 1);
    EXPECT_EQ(newest("sign_in")["details"].dump(), R"({"role":"owner"})");
    // The owner's own new password.
    ASSERT_EQ(
        server
            .post("/api/auth/password/", R"({"current_password":"boss-password","new_password":"boss-pass-2"})", admin)
            .status,
        200);
    EXPECT_EQ(newest("account.password")["subject"], "boss");
}

TEST_F(AuditApi, TheOwnerFiltersPagesAndExports) {
    server.create_user("sam", "sam-password", sweetshop::domain::Role::Staff);
    const Headers sam{{"Authorization", "Bearer " + server.access_token("sam", "sam-password")}};
    add_sweet("Mint", "1.00", 10);
    ASSERT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":1})", sam).status, 200);
    ASSERT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":2})", sam).status, 200);
    ASSERT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":3})", admin).status, 200);

    auto r = server.get("/api/audit/", sam);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"Only the owner can read the audit log."})");
    EXPECT_EQ(server.get("/api/audit/", user).status, 403);
    EXPECT_EQ(server.get("/api/audit/").status, 401);

    EXPECT_EQ(entries("?actor=sam&action=stock.restock").size(), 2u);
    EXPECT_EQ(entries("?action=stock.").size(), 3u);  // a group
    EXPECT_EQ(entries("?action=stock").size(), 0u);   // not a group without its dot
    EXPECT_EQ(entries("?subject_type=sweet&subject=1").size(), 4u);
    EXPECT_EQ(entries("?subject_type=sweet&subject=2").size(), 0u);

    r = server.get("/api/audit/?action=stock.restock&page_size=2", admin);
    auto page = r.json();
    ASSERT_EQ(page["results"].size(), 2u);
    EXPECT_EQ(page["results"][0]["details"]["amount"], 3);  // newest first
    const auto next = page["next"].get<std::string>();
    EXPECT_NE(next.find("action=stock.restock&page_size=2&before="), std::string::npos) << next;
    page = server.get(next.substr(next.find("/api/")), admin).json();
    ASSERT_EQ(page["results"].size(), 1u);
    EXPECT_EQ(page["results"][0]["details"]["amount"], 1);
    EXPECT_TRUE(page["next"].is_null());

    r = server.get("/api/audit/?from=2020-13-01&format=xml&subject=x", admin);
    EXPECT_EQ(r.status, 400);
    for (const char* field : {"from", "format", "subject"})
        EXPECT_TRUE(r.json().contains(field)) << r.body;
    EXPECT_EQ(entries("?from=2001-01-01&to=2001-01-02").size(), 0u);

    r = server.get("/api/audit/?format=csv&actor=sam", admin);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(
        r.body.starts_with("\"id\",\"at\",\"at_utc\",\"actor\",\"action\",\"subject_type\",\"subject_id\","
                           "\"subject\",\"details\"\r\n"))
        << r.body;
    EXPECT_NE(r.body.find(R"("sam","stock.restock","sweet","1","Mint","{""amount"":2,""quantity_after"":13}")"),
              std::string::npos)
        << r.body;
    EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 4);  // the header, two restocks, sam's sign-in
}
