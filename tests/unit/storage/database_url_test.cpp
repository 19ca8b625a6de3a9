#include <gtest/gtest.h>

#include "storage/database.hpp"

using namespace sweetshop::storage;

TEST(DatabaseUrl, ReadsSqlitePaths) {
    auto url = parse_database_url("sqlite:///data/shop.db");
    EXPECT_EQ(url.dialect, Dialect::Sqlite);
    EXPECT_EQ(url.path, "data/shop.db");
    EXPECT_EQ(parse_database_url("sqlite:////var/lib/shop.db").path, "/var/lib/shop.db");
}

TEST(DatabaseUrl, ReadsPostgresUrlsIntoLibpqKeywords) {
    auto url = parse_database_url("postgres://shop:s%40cret%27x@db.example:5433/sweets");
    EXPECT_EQ(url.dialect, Dialect::Postgres);
    EXPECT_EQ(url.connect,
              "dbname='sweets' host='db.example' port=5433 user='shop' password='s@cret\\'x' connect_timeout=3");
    EXPECT_EQ(parse_database_url("postgresql://localhost/sweets?sslmode=require&connect_timeout=10").connect,
              "dbname='sweets' host='localhost' sslmode='require' connect_timeout='10'");
    EXPECT_EQ(parse_database_url("postgres:///sweets?host=/run/postgresql").connect,
              "dbname='sweets' connect_timeout=3 host='/run/postgresql'");
}

TEST(DatabaseUrl, RefusesWhatItCannotUse) {
    EXPECT_THROW(parse_database_url("mysql://x/y"), std::invalid_argument);
    EXPECT_THROW(parse_database_url("postgres://host:54x/db"), std::invalid_argument);
    EXPECT_THROW(parse_database_url("postgres://host:5432/"), std::invalid_argument);
    EXPECT_THROW(parse_database_url("sqlite:///"), std::invalid_argument);
}

TEST(DatabaseUrl, LogsNoPassword) {
    EXPECT_EQ(redact_database_url("postgres://shop:s%40cret@db.example:5433/sweets"),
              "postgres://shop:***@db.example:5433/sweets");
    EXPECT_EQ(redact_database_url("postgresql://shop@db/sweets?sslmode=require&password=hunter2&x=1"),
              "postgresql://shop@db/sweets?sslmode=require&password=***&x=1");
    EXPECT_EQ(redact_database_url("postgres://a:b@h/db?password=c"), "postgres://a:***@h/db?password=***");
    EXPECT_EQ(redact_database_url("postgres://localhost/sweets?mypassword=x"),
              "postgres://localhost/sweets?mypassword=x");
    EXPECT_EQ(redact_database_url("sqlite:///data/shop.db"), "sqlite:///data/shop.db");
    EXPECT_EQ(redact_database_url("postgres:///sweets?host=/run/postgresql"),
              "postgres:///sweets?host=/run/postgresql");
}
