#include <gtest/gtest.h>

#include "storage/migrations.hpp"
#include "test_server.hpp"

using namespace sweetshop::storage;

TEST(Migrations, SplitSqlRespectsQuotesAndComments) {
    auto parts = split_sql(
        "CREATE TABLE a (x TEXT DEFAULT ';'); -- a comment; with a semicolon\nINSERT INTO a VALUES ('b;c');\n");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0], "CREATE TABLE a (x TEXT DEFAULT ';')");
    EXPECT_EQ(parts[1], "INSERT INTO a VALUES ('b;c')");
}

TEST(Migrations, SplitSqlKeepsATriggerBodyWhole) {
    auto parts = split_sql(
        "CREATE TRIGGER t AFTER UPDATE ON a BEGIN\n  UPDATE b SET n = n + 1;\n  DELETE FROM c;\nEND;\n"
        "create trigger u after insert on a begin update b set n = 0; end;\nSELECT 1;");
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0], "CREATE TRIGGER t AFTER UPDATE ON a BEGIN\n  UPDATE b SET n = n + 1;\n  DELETE FROM c;\nEND");
    EXPECT_EQ(parts[1], "create trigger u after insert on a begin update b set n = 0; end");
    EXPECT_EQ(parts[2], "SELECT 1");
    // PostgreSQL's triggers have no body: each ends at its ';'.
    parts = split_sql(
        "CREATE TRIGGER a_notify AFTER INSERT ON a FOR EACH STATEMENT EXECUTE FUNCTION f();\n"
        "CREATE TRIGGER b_notify AFTER INSERT ON b FOR EACH STATEMENT EXECUTE FUNCTION f();");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[1], "CREATE TRIGGER b_notify AFTER INSERT ON b FOR EACH STATEMENT EXECUTE FUNCTION f()");
}

TEST(Migrations, SplitSqlKeepsADollarQuotedBodyWhole) {
    auto parts = split_sql(
        "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  UPDATE b SET n = 1;\n  RETURN NULL;\n"
        "END;\n$$ LANGUAGE plpgsql;\nSELECT 2;");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0],
              "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  UPDATE b SET n = 1;\n  RETURN NULL;\nEND;\n$$ "
              "LANGUAGE plpgsql");
    EXPECT_EQ(parts[1], "SELECT 2");
}

TEST(Migrations, EveryDialectHasTheSameVersions) {
    std::vector<int> sqlite, postgres;
    for (const auto& m : migrations_for(Dialect::Sqlite))
        sqlite.push_back(m.version);
    for (const auto& m : migrations_for(Dialect::Postgres))
        postgres.push_back(m.version);
    EXPECT_EQ(sqlite, postgres);
}

TEST(Migrations, AreEmbeddedAndNumberedInOrder) {
    auto list = migrations_for(Dialect::Sqlite);
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(list.front().version, 1);
    for (std::size_t i = 1; i < list.size(); ++i)
        EXPECT_GT(list[i].version, list[i - 1].version);
}

TEST(Migrations, ApplyOnceAndRecordEachVersion) {
    sweetshop::testing::TempDir dir;
    Database db("sqlite:///" + (dir.path() / "m.db").string(), 1);
    const auto total = static_cast<int>(migrations_for(Dialect::Sqlite).size());
    EXPECT_EQ(migrate(db), total);
    EXPECT_EQ(migrate(db), 0);
    EXPECT_TRUE(pending_migrations(db).empty());
    const int recorded = db.read([](soci::session& sql) {
        int n = 0;
        sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(n);
        return n;
    });
    EXPECT_EQ(recorded, total);
}

TEST(Database, UsesWalMode) {
    sweetshop::testing::TempDir dir;
    Database db("sqlite:///" + (dir.path() / "w.db").string(), 2);
    auto mode = db.read([](soci::session& sql) {
        std::string m;
        sql << "PRAGMA journal_mode", soci::into(m);
        return m;
    });
    EXPECT_EQ(mode, "wal");
}

TEST(Database, WriteRollsBackWhenTheWorkThrows) {
    sweetshop::testing::TempDir dir;
    Database db("sqlite:///" + (dir.path() / "r.db").string(), 1);
    db.write([](soci::session& sql) { sql << "CREATE TABLE t (x INTEGER)"; });
    EXPECT_THROW(db.write([](soci::session& sql) {
        sql << "INSERT INTO t VALUES (1)";
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_EQ(db.read([](soci::session& sql) {
        int n = -1;
        sql << "SELECT COUNT(*) FROM t", soci::into(n);
        return n;
    }),
              0);
}
