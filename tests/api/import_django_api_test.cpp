// `sweetshop import-django`: a database of the original system (built here with its schema, on the backend the
// tests run on) moves over with ids, creators, timestamps and passwords; Django's PBKDF2 hashes log in and are
// replaced by Argon2id at the first login; a second import adds nothing.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "shop_fixture.hpp"
#include "storage/django_import.hpp"

using namespace sweetshop;
using namespace sweetshop::testing;

namespace {
/// Django's make_password(password, salt, "pbkdf2_sha256") with `iterations`, computed here with OpenSSL.
std::string django_hash(const std::string& password, const std::string& salt, int iterations) {
    unsigned char key[32];
    PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                      reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                      EVP_sha256(), sizeof key, key);
    unsigned char encoded[64];
    const int n = EVP_EncodeBlock(encoded, key, sizeof key);
    return "pbkdf2_sha256$" + std::to_string(iterations) + "$" + salt + "$" +
           std::string(reinterpret_cast<char*>(encoded), static_cast<std::size_t>(n));
}

/// The original's tables (Django's DDL for auth_user and the sweets app's model) with two users and three sweets.
void build_original(storage::Database& db) {
    const bool pg = db.dialect() == storage::Dialect::Postgres;
    const std::string t = pg ? "true" : "1", f = pg ? "false" : "0", z = pg ? "+00" : "";
    const std::string hash = django_hash("old-password-1", "s4ltS4lt", 1000);
    db.write([&](soci::session& sql) {
        sql << (pg ? "CREATE TABLE auth_user (id serial PRIMARY KEY, password varchar(128) NOT NULL, last_login "
                     "timestamptz NULL, is_superuser boolean NOT NULL, username varchar(150) NOT NULL UNIQUE, "
                     "first_name varchar(150) NOT NULL, last_name varchar(150) NOT NULL, email varchar(254) NOT NULL, "
                     "is_staff boolean NOT NULL, is_active boolean NOT NULL, date_joined timestamptz NOT NULL)"
                   : "CREATE TABLE auth_user (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, password varchar(128) NOT "
                     "NULL, last_login datetime NULL, is_superuser bool NOT NULL, username varchar(150) NOT NULL "
                     "UNIQUE, first_name varchar(150) NOT NULL, last_name varchar(150) NOT NULL, email varchar(254) "
                     "NOT NULL, is_staff bool NOT NULL, is_active bool NOT NULL, date_joined datetime NOT NULL)");
        sql << (pg ? "CREATE TABLE sweets_sweet (id bigserial PRIMARY KEY, name varchar(150) NOT NULL UNIQUE, category "
                     "varchar(120) NOT NULL, description text NOT NULL, price numeric(10, 2) NOT NULL, quantity "
                     "integer NOT NULL CHECK (quantity >= 0), created_at timestamptz NOT NULL, updated_at timestamptz "
                     "NOT NULL, created_by_id integer NULL REFERENCES auth_user (id))"
                   : "CREATE TABLE sweets_sweet (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, name varchar(150) NOT "
                     "NULL UNIQUE, category varchar(120) NOT NULL, description text NOT NULL, price decimal NOT NULL, "
                     "quantity integer unsigned NOT NULL CHECK (quantity >= 0), created_at datetime NOT NULL, "
                     "updated_at datetime NOT NULL, created_by_id integer NULL REFERENCES auth_user (id))");
        sql << "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, "
               "is_active, date_joined) VALUES (3, '" +
                   django_hash("boss-password-9", "b0ssSalt", 1000) + "', " + t + ", 'oldboss', '', '', " +
                   "'boss@example.com', " + t + ", " + t + ", '2025-11-01 09:00:00" + z + "')";
        sql << "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, "
               "is_active, date_joined) VALUES (7, '" +
                   hash + "', " + f + ", 'olduser', '', '', 'old@example.com', " + f + ", " + t +
                   ", '2025-12-01 10:30:00.5" + z + "')";
        sql << "INSERT INTO sweets_sweet (id, name, category, description, price, quantity, created_at, updated_at, "
               "created_by_id) VALUES (12, 'Old Fudge', 'Fudge', 'From the old shop', 3.5, 9, "
               "'2025-12-14 13:52:12.123456" +
                   z + "', '2025-12-15 08:00:00" + z + "', 3)";
        sql << "INSERT INTO sweets_sweet (id, name, category, description, price, quantity, created_at, updated_at, "
               "created_by_id) VALUES (15, 'Crème Brûlée', 'Pâtisserie', '', 12, 0, '2025-12-16 10:00:00" +
                   z + "', '2025-12-16 10:00:00" + z + "', NULL)";
        sql << "INSERT INTO sweets_sweet (id, name, category, description, price, quantity, created_at, updated_at, "
               "created_by_id) VALUES (16, 'Refund', 'Misc', '', -1.00, 1, '2025-12-16 10:00:00" +
                   z + "', '2025-12-16 10:00:00" + z + "', 3)";
    });
}

std::string stored_hash(TestServer& server, const std::string& username) {
    return server.app().users().find_by_username(username)->password_hash;
}
}  // namespace

class ImportDjangoApi : public ::testing::Test {
  protected:
    ImportDjangoApi() : source(test_database_url(source_dir.path()), 1) { build_original(source); }

    TempDir source_dir;
    storage::Database source;
    TestServer server;
};

TEST_F(ImportDjangoApi, MovesUsersAndSweetsOverWithTheirIdsCreatorsAndTimes) {
    std::vector<std::string> said;
    auto report =
        storage::import_django(source, server.app().database(), [&](const std::string& line) { said.push_back(line); });
    EXPECT_EQ(report.users_added, 2);
    EXPECT_EQ(report.sweets_added, 2);
    EXPECT_EQ(report.sweets_skipped, 1);  // a negative price (the original accepted it) cannot be stored
    ASSERT_EQ(said.size(), 1u);
    EXPECT_NE(said[0].find("skipped sweet 16 \"Refund\""), std::string::npos) << said[0];

    const auto token = server.access_token("olduser", "old-password-1");
    const Headers user{{"Authorization", "Bearer " + token}};
    auto r = server.get("/api/sweets/12/", user);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body, R"({"id":12,"name":"Old Fudge","category":"Fudge","description":"From the old shop",)"
                      R"("price":"3.50","quantity":9,"is_available":true,"created_by":"oldboss",)"
                      R"("created_at":"2025-12-14T13:52:12.123456Z","updated_at":"2025-12-15T08:00:00Z")"
                      R"(,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})");
    r = server.get("/api/sweets/15/", user);
    EXPECT_EQ(r.json()["name"], "Crème Brûlée");
    EXPECT_EQ(r.json()["price"], "12.00");
    EXPECT_EQ(r.json()["created_by"], "");
    EXPECT_EQ(server.get("/api/auth/me/", user).body,
              R"({"id":7,"username":"olduser","email":"old@example.com","is_staff":false,"role":"customer",)"
              R"("must_change_password":false})");
    const auto boss = server.access_token("oldboss", "boss-password-9");
    EXPECT_EQ(server.get("/api/auth/me/", {{"Authorization", "Bearer " + boss}}).json()["is_staff"], true);
    EXPECT_EQ(
        server.get("/api/admin/stock/verify/", {{"Authorization", "Bearer " + boss}}).body,
        R"({"ok":true,"checked":2,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");

    // New rows get ids after the imported ones.
    auto registered = server.post("/api/auth/register/", R"({"username":"newcomer","password":"new-password-1"})");
    EXPECT_EQ(registered.json()["id"], 8);
    auto created = server.post("/api/sweets/", R"({"name":"New Mint","category":"Hard","price":"1"})",
                               {{"Authorization", "Bearer " + boss}});
    EXPECT_EQ(created.json()["id"], 16);
}

TEST_F(ImportDjangoApi, DjangoPasswordsLogInAndAreUpgradedToArgon2id) {
    storage::import_django(source, server.app().database(), {});
    EXPECT_EQ(stored_hash(server, "olduser").rfind("pbkdf2_sha256$1000$", 0), 0u);
    auto r = server.post("/api/auth/login/", R"({"username":"olduser","password":"wrong-password"})");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(stored_hash(server, "olduser").rfind("pbkdf2_sha256$", 0), 0u);  // a failed login changes nothing
    r = server.post("/api/auth/login/", R"({"username":"olduser","password":"old-password-1"})");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(stored_hash(server, "olduser").rfind("$argon2id$", 0), 0u);
    r = server.post("/api/auth/login/", R"({"username":"olduser","password":"old-password-1"})");
    EXPECT_EQ(r.status, 200);  // and the new hash works
}

TEST_F(ImportDjangoApi, ASecondImportAddsNothing) {
    storage::import_django(source, server.app().database(), {});
    auto again = storage::import_django(source, server.app().database(), {});
    EXPECT_EQ(again.users_added, 0);
    EXPECT_EQ(again.users_skipped, 2);
    EXPECT_EQ(again.sweets_added, 0);
    EXPECT_EQ(again.sweets_skipped, 3);
    EXPECT_EQ(storage::shop_size(server.app().database()), (std::pair<long long, long long>{2, 2}));
}

TEST(DjangoTime, ReadsDjangoTimestampsOnEitherBackend) {
    EXPECT_EQ(storage::parse_django_time("2025-12-14 13:52:12.123456"), 1765720332123456);
    EXPECT_EQ(storage::parse_django_time("2025-12-14 13:52:12.123456+00"), 1765720332123456);
    EXPECT_EQ(storage::parse_django_time("2025-12-14T14:52:12.5+01:00"), 1765720332500000);
    EXPECT_EQ(storage::parse_django_time("2025-12-14 13:52:12"), 1765720332000000);
    EXPECT_THROW(storage::parse_django_time("yesterday"), std::invalid_argument);
}
