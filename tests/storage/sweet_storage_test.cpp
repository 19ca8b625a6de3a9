// The contract of the catalogue and inventory storage, on a real database: conditional stock updates at their
// bounds, the ledger of every quantity change, search, ordering, and idempotency keys. Written against the port:
// SWEETSHOP_TEST_DATABASE_URL runs the same suite on PostgreSQL.
#include <gtest/gtest.h>

#include "domain/collation.hpp"
#include "storage/idempotency_store.hpp"
#include "storage/ledger.hpp"
#include "storage/migrations.hpp"
#include "storage/sweet_catalogue.hpp"
#include "storage/sweet_stock.hpp"
#include "test_server.hpp"

using namespace sweetshop;
using namespace sweetshop::domain;
using sweetshop::testing::TempDir;

namespace {
/// An outcome in a few words, for the assertions.
std::string text(const StockOutcome& o) {
    switch (o.kind) {
        case StockOutcome::Kind::Done:
            return "quantity " + std::to_string(o.sweet.quantity);
        case StockOutcome::Kind::NotFound:
            return "not found";
        case StockOutcome::Kind::Insufficient:
            return "insufficient";
        case StockOutcome::Kind::Overflow:
            return "headroom " + std::to_string(o.headroom);
    }
    return {};
}
const Actor kBoss{1, "boss"};
const Actor kAnn{2, "ann"};
}  // namespace

class SweetStorageContract : public ::testing::Test {
  protected:
    SweetStorageContract() : db(sweetshop::testing::test_database_url(dir.path()), 4) { storage::migrate(db); }

    Sweet add(const std::string& name, std::int64_t price, std::int64_t quantity,
              const std::string& category = "Chocolate") {
        auto s = repo.insert(SweetChanges{name, category, "", price, quantity}, kBoss);
        EXPECT_TRUE(s.has_value()) << name;
        return *s;
    }
    std::string buy(std::int64_t id, std::int64_t n, const HeldKey* key = nullptr) {
        return text(stock.change_stock({StockChange::Kind::Purchase, id, n, kAnn}, key));
    }
    std::string restock(std::int64_t id, std::int64_t n) {
        return text(stock.change_stock({StockChange::Kind::Restock, id, n, kBoss}, nullptr));
    }
    std::string ledger(std::int64_t id) {
        return db.read([&](soci::session& sql) {
            const long long key = id;
            std::string reason, actor, out;
            long long delta = 0, after = 0;
            soci::statement st =
                (sql.prepare << "SELECT reason, delta, quantity_after, actor FROM stock_ledger "
                                "WHERE sweet_id = :id ORDER BY id",
                 soci::use(key, "id"), soci::into(reason), soci::into(delta), soci::into(after), soci::into(actor));
            st.execute();
            while (st.fetch()) {
                if (!out.empty()) out += ' ';
                out += reason + ':' + std::to_string(delta) + '=' + std::to_string(after) + ':' + actor;
            }
            return out;
        });
    }
    std::vector<std::string> names(const SweetFilter& filter, std::vector<SortKey> order = {{}}) {
        std::vector<std::string> out;
        for (const auto& s : repo.list(filter, order, 100, 0))
            out.push_back(s.name);
        EXPECT_EQ(repo.count(filter), static_cast<std::int64_t>(out.size()));
        return out;
    }

    TempDir dir;
    storage::Database db;
    storage::SqlCatalogueStore repo{db};
    storage::SqlStockStore stock{db};
    storage::SqlLedgerAudit audit{db};
    storage::SqlIdempotencyStore keys{db};
};

TEST_F(SweetStorageContract, InsertFindsAndRefusesATakenName) {
    auto s = add("Mint", 150, 4);
    auto found = repo.find(s.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "Mint");
    EXPECT_EQ(found->price_cents, 150);
    EXPECT_EQ(found->quantity, 4);
    EXPECT_EQ(found->created_by, "boss");
    EXPECT_EQ(found->created_at, found->updated_at);
    EXPECT_FALSE(repo.insert(SweetChanges{"Mint", "Other", "", 1, 1}, kBoss));
    EXPECT_TRUE(repo.insert(SweetChanges{"mint", "Other", "", 1, 1}, kBoss));  // case-sensitive
    EXPECT_TRUE(repo.taken(Unique::Name, "Mint", 0));
    EXPECT_FALSE(repo.taken(Unique::Name, "Mint", s.id));
    EXPECT_FALSE(repo.find(999));
    EXPECT_EQ(ledger(s.id), "create:4=4:boss");
}

TEST_F(SweetStorageContract, PurchaseIsConditionalAndRecordsLedgerAndSale) {
    auto s = add("Mint", 150, 5);
    EXPECT_EQ(buy(s.id, 6), "insufficient");
    EXPECT_EQ(buy(s.id, 5), "quantity 0");  // exactly to zero
    EXPECT_EQ(buy(s.id, 1), "insufficient");
    EXPECT_EQ(buy(999, 1), "not found");
    EXPECT_EQ(ledger(s.id), "create:5=5:boss purchase:-5=0:ann");
    db.read([&](soci::session& sql) {
        long long n = 0, amount = 0, unit = 0, total = 0;
        std::string buyer;
        sql << "SELECT COUNT(*), MAX(amount), MAX(unit_price_cents), MAX(total_cents), MAX(buyer) FROM purchases",
            soci::into(n), soci::into(amount), soci::into(unit), soci::into(total), soci::into(buyer);
        EXPECT_EQ(n, 1);
        EXPECT_EQ(amount, 5);
        EXPECT_EQ(unit, 150);
        EXPECT_EQ(total, 750);
        EXPECT_EQ(buyer, "ann");
    });
    EXPECT_GT(repo.find(s.id)->updated_at, s.updated_at - 1);
}

TEST_F(SweetStorageContract, RestockStopsAtTheLargestQuantity) {
    auto s = add("Mint", 150, 7);
    EXPECT_EQ(restock(s.id, kMaxQuantity - 6), "headroom 2147483640");
    EXPECT_EQ(restock(s.id, kMaxQuantity - 7), "quantity 2147483647");
    EXPECT_EQ(restock(s.id, 1), "headroom 0");
    EXPECT_EQ(restock(999, 1), "not found");
    EXPECT_TRUE(audit.verify_stock().ok());
}

TEST_F(SweetStorageContract, TheSchemaRefusesANegativeQuantity) {
    auto s = add("Mint", 150, 1);
    EXPECT_ANY_THROW(db.write([&](soci::session& sql) {
        const long long id = s.id;
        sql << "UPDATE sweets SET quantity = -1 WHERE id = :id", soci::use(id, "id");
    }));
    EXPECT_EQ(repo.find(s.id)->quantity, 1);
}

TEST_F(SweetStorageContract, EditsRecordQuantityChangesOnly) {
    auto s = add("Mint", 150, 5);
    add("Toffee", 100, 1);
    Sweet out;
    EXPECT_EQ(repo.update(s.id, SweetChanges{std::nullopt, "Hard"}, kBoss, out), CatalogueStore::UpdateStatus::Updated);
    EXPECT_EQ(out.category, "Hard");
    EXPECT_EQ(out.quantity, 5);
    EXPECT_EQ(repo.update(s.id, SweetChanges{std::nullopt, std::nullopt, std::nullopt, std::nullopt, 2}, kBoss, out),
              CatalogueStore::UpdateStatus::Updated);
    EXPECT_EQ(repo.update(s.id, SweetChanges{"Toffee"}, kBoss, out), CatalogueStore::UpdateStatus::NameTaken);
    EXPECT_EQ(repo.update(999, SweetChanges{"X"}, kBoss, out), CatalogueStore::UpdateStatus::NotFound);
    EXPECT_EQ(ledger(s.id), "create:5=5:boss edit:-3=2:boss");
    EXPECT_EQ(repo.find(s.id)->category, "Hard");
    EXPECT_EQ(names(SweetFilter{"", "hard"}), std::vector<std::string>{"Mint"});  // the folded copy follows edits
}

TEST_F(SweetStorageContract, DeleteKeepsTheHistoryAndBalances) {
    auto s = add("Mint", 150, 5);
    buy(s.id, 2);
    EXPECT_TRUE(repo.remove(s.id, kBoss));
    EXPECT_FALSE(repo.remove(s.id, kBoss));
    EXPECT_FALSE(repo.find(s.id));
    EXPECT_EQ(ledger(s.id), "create:5=5:boss purchase:-2=3:ann delete:-3=0:boss");
    auto report = audit.verify_stock();
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.checked, 0);
}

TEST_F(SweetStorageContract, VerifyFindsDriftOnLiveAndDeletedSweets) {
    auto a = add("Mint", 150, 5);
    auto b = add("Toffee", 150, 5);
    db.write([&](soci::session& sql) {
        const long long id = a.id;
        sql << "UPDATE sweets SET quantity = 9 WHERE id = :id", soci::use(id, "id");
    });
    repo.remove(b.id, kBoss);
    db.write([&](soci::session& sql) {
        const long long id = b.id;
        sql << "DELETE FROM stock_ledger WHERE sweet_id = :id AND reason = 'delete'", soci::use(id, "id");
    });
    auto report = audit.verify_stock();
    EXPECT_FALSE(report.ok());
    EXPECT_EQ(report.checked, 1);
    ASSERT_EQ(report.mismatches.size(), 2u);
    EXPECT_EQ(report.mismatches[0].sweet_id, a.id);
    EXPECT_EQ(report.mismatches[0].quantity, 9);
    EXPECT_EQ(report.mismatches[0].ledger_sum, 5);
    EXPECT_EQ(report.mismatches[1].sweet_id, b.id);
    EXPECT_EQ(report.mismatches[1].name, "Toffee");
    EXPECT_EQ(report.mismatches[1].quantity, 0);
    EXPECT_EQ(report.mismatches[1].ledger_sum, 5);
}

TEST_F(SweetStorageContract, SearchIsCaseInsensitiveWithLiteralWildcards) {
    add("Dark Chocolate", 120, 1, "Bars");
    add("CRÈME BRÛLÉE", 500, 1, "Pâtisserie");
    add("100% Cocoa_Bar", 300, 1, "Bars");
    using V = std::vector<std::string>;
    EXPECT_EQ(names(SweetFilter{"choc"}), V{"Dark Chocolate"});
    EXPECT_EQ(names(SweetFilter{"crème"}), V{"CRÈME BRÛLÉE"});
    EXPECT_EQ(names(SweetFilter{"%"}), V{"100% Cocoa_Bar"});
    EXPECT_EQ(names(SweetFilter{"a_b"}), V{"100% Cocoa_Bar"});
    EXPECT_EQ(names(SweetFilter{"\\"}), V{});
    EXPECT_EQ(names(SweetFilter{"", "bars", 120, 120}), V{"Dark Chocolate"});
    EXPECT_EQ(names(SweetFilter{"", "", 121, 500}), (V{"100% Cocoa_Bar", "CRÈME BRÛLÉE"}));
}

TEST_F(SweetStorageContract, OrdersByBytesAndBreaksTiesById) {
    add("b", 200, 1);
    add("B", 100, 1);
    add("É", 200, 1);
    add("a", 100, 1);
    using V = std::vector<std::string>;
    EXPECT_EQ(names({}), (V{"B", "a", "b", "É"}));
    EXPECT_EQ(names({}, {{SortField::Price, true}}), (V{"b", "É", "B", "a"}));
    EXPECT_EQ(names({}, {{SortField::Price, false}, {SortField::Name, true}}), (V{"a", "B", "É", "b"}));
    std::vector<std::string> paged;
    for (int offset = 0; offset < 4; offset += 3)
        for (const auto& s : repo.list({}, {{}}, 3, offset))
            paged.push_back(s.name);
    EXPECT_EQ(paged, (V{"B", "a", "b", "É"}));
}

TEST_F(SweetStorageContract, IdempotencyKeysClaimReplayMismatchAndTakeOver) {
    auto s = add("Mint", 150, 10);
    using CS = IdempotencyStore::ClaimStatus;
    const Micros t = 1'000'000'000;
    auto first = keys.claim(2, "k", "buy 1", t, 0, t - 60, 100);
    ASSERT_EQ(first.status, CS::Claimed);
    EXPECT_EQ(keys.claim(2, "k", "buy 1", t + 1, 0, t - 59, 100).status, CS::InProgress);
    EXPECT_EQ(keys.claim(2, "k", "buy 2", t + 1, 0, t - 59, 100).status, CS::Mismatch);
    EXPECT_EQ(keys.claim(3, "k", "buy 2", t + 1, 0, t - 59, 100).status, CS::Claimed);  // another user's key

    HeldKey held{2, "k", first.token};
    EXPECT_EQ(buy(s.id, 1, &held), "quantity 9");
    auto replay = keys.claim(2, "k", "buy 1", t + 2, 0, t - 58, 100);
    EXPECT_EQ(replay.status, CS::Replay);
    ASSERT_TRUE(replay.outcome.has_value());
    const auto& stored = std::get<StockOutcome>(*replay.outcome);  // the domain outcome, every field kept
    EXPECT_EQ(stored.kind, StockOutcome::Kind::Done);
    EXPECT_EQ(stored.sweet, *repo.find(s.id));
    keys.release(held);  // a stored answer is never released
    EXPECT_EQ(keys.claim(2, "k", "buy 1", t + 3, 0, t - 57, 100).status, CS::Replay);
    // Expired keys are forgotten.
    EXPECT_EQ(keys.claim(2, "k", "buy 1", t + 4, t + 4, t - 56, 100).status, CS::Claimed);
}

TEST_F(SweetStorageContract, IdempotencyKeysAreCappedPerUser) {
    using CS = IdempotencyStore::ClaimStatus;
    const Micros t = 1'000'000'000;
    EXPECT_EQ(keys.claim(2, "a", "buy 1", t, 0, t - 60, 2).status, CS::Claimed);
    EXPECT_EQ(keys.claim(2, "b", "buy 1", t + 1, 0, t - 60, 2).status, CS::Claimed);
    auto refused = keys.claim(2, "c", "buy 1", t + 2, 0, t - 60, 2);
    EXPECT_EQ(refused.status, CS::TooMany);
    EXPECT_EQ(refused.oldest, t);
    EXPECT_EQ(keys.claim(2, "a", "buy 1", t + 3, 0, t - 60, 2).status, CS::InProgress);   // a held key still works
    EXPECT_EQ(keys.claim(3, "c", "buy 1", t + 3, 0, t - 60, 2).status, CS::Claimed);      // another user's count
    EXPECT_EQ(keys.claim(2, "c", "buy 1", t + 4, t + 1, t - 60, 2).status, CS::Claimed);  // "a" expired
}

TEST_F(SweetStorageContract, AStaleClaimIsTakenOverAndItsOwnerCannotStore) {
    auto s = add("Mint", 150, 10);
    using CS = IdempotencyStore::ClaimStatus;
    const Micros t = 1'000'000'000;
    auto stale = keys.claim(2, "k", "buy 1", t, 0, 0, 100);
    auto fresh = keys.claim(2, "k", "buy 1", t + 100, 0, t + 50, 100);  // the first claim is older than the lease
    ASSERT_EQ(fresh.status, CS::Claimed);
    EXPECT_NE(fresh.token, stale.token);
    HeldKey old{2, "k", stale.token};
    try {
        buy(s.id, 1, &old);
        ADD_FAILURE() << "the stale owner stored its answer";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Conflict);
    }
    EXPECT_EQ(repo.find(s.id)->quantity, 10);  // rolled back with the lost claim
    EXPECT_TRUE(audit.verify_stock().ok());
}

TEST_F(SweetStorageContract, AKeyAnsweredBeforeOutcomesWereStoredIsNeverAppliedAgain) {
    using CS = IdempotencyStore::ClaimStatus;
    const Micros t = 1'000'000'000;
    db.write([&](soci::session& sql) {  // a row as the server before migration 0004 left it: an HTTP answer
        sql << "INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, token, status, response, "
               "created_at_us) VALUES (2, 'old', 'buy 1', 5, 200, '{}', "
            << t << ")";
    });
    EXPECT_EQ(keys.claim(2, "old", "buy 1", t + 100, 0, t + 50, 100).status, CS::InProgress);  // past its lease
    keys.release({2, "old", 5});
    EXPECT_EQ(keys.claim(2, "old", "buy 1", t + 100, 0, t + 50, 100).status, CS::InProgress);
    EXPECT_EQ(keys.claim(2, "old", "buy 1", t + 200, t + 1, t + 150, 100).status, CS::Claimed);  // expired
}

TEST_F(SweetStorageContract, EveryStockOutcomeIsStoredAndReplayedWhole) {
    auto s = add("Mint", 150, 1);
    const Micros t = 1'000'000'000;
    auto replay = [&](const std::string& key, StockChange change) {
        auto claim = keys.claim(2, key, "op", t, 0, t - 60, 100);
        EXPECT_EQ(claim.status, IdempotencyStore::ClaimStatus::Claimed);
        HeldKey held{2, key, claim.token};
        const auto first = stock.change_stock(change, &held);
        auto again = keys.claim(2, key, "op", t + 1, 0, t - 59, 100);
        EXPECT_EQ(again.status, IdempotencyStore::ClaimStatus::Replay);
        EXPECT_EQ(std::get<StockOutcome>(again.outcome.value()), first);
        return text(first);
    };
    EXPECT_EQ(replay("a", {StockChange::Kind::Purchase, s.id, 2, kAnn}), "insufficient");
    EXPECT_EQ(replay("b", {StockChange::Kind::Purchase, 999, 1, kAnn}), "not found");
    EXPECT_EQ(replay("c", {StockChange::Kind::Restock, s.id, kMaxQuantity, kBoss}), "headroom 2147483646");
    EXPECT_EQ(replay("d", {StockChange::Kind::Purchase, s.id, 1, kAnn}), "quantity 0");
}

// Search (migration 0011): every word must begin a word of the name, the category or the description, ignoring
// case and accents; names matching every word come first. The same sweets, in the same order, on both backends.
TEST_F(SweetStorageContract, SearchFindsWordsByPrefixIgnoringCaseAndAccentsWithNameMatchesFirst) {
    auto with = [&](const std::string& name, const std::string& category, const std::string& description) {
        auto s = repo.insert(SweetChanges{name, category, description, 100, 1}, kBoss);
        EXPECT_TRUE(s.has_value()) << name;
    };
    with("Crème Brûlée Bites", "Pâtisserie", "Caramelised sugar on vanilla cream");
    with("Mint Humbugs", "Boiled", "Striped peppermint sweets");
    with("Gummy Bears", "Gummies", "Fruit flavours: apple, cherry, lemon");
    with("Fruit Salad Chews", "Chews", "Pineapple and raspberry");
    with("Peppermint Creams", "Fondant", "Dark chocolate coating");
    using V = std::vector<std::string>;
    auto search = [&](const std::string& q) {
        SweetFilter f;
        f.words = search_words(q);
        return names(f, {{SortField::Relevance, false}, {SortField::Alphabetical, false}});
    };
    EXPECT_EQ(search("creme"), V{"Crème Brûlée Bites"});
    EXPECT_EQ(search("CRÈME brû"), V{"Crème Brûlée Bites"});   // prefixes while typing
    EXPECT_EQ(search("bears fruit"), V{"Gummy Bears"});        // a word of the name and one of the description
    EXPECT_EQ(search("patisserie"), V{"Crème Brûlée Bites"});  // the category
    // "peppermint": the name that has it first, then the description that has it.
    EXPECT_EQ(search("peppermint"), (V{"Peppermint Creams", "Mint Humbugs"}));
    EXPECT_EQ(search("fruit"), (V{"Fruit Salad Chews", "Gummy Bears"}));
    EXPECT_EQ(search("cream"), (V{"Peppermint Creams", "Crème Brûlée Bites"}));
    EXPECT_EQ(search("ruit"), V{});  // a word's middle is not a prefix
    EXPECT_EQ(search("mint zebra"), V{});
    // Combined with the other filters.
    SweetFilter f;
    f.words = search_words("pepper");
    f.category = "fond";
    EXPECT_EQ(names(f), V{"Peppermint Creams"});
}

TEST_F(SweetStorageContract, AlphabeticalOrderIgnoresCaseAndAccentsAndReadsNumbers) {
    for (const char* name : {"White Chocolate", "caramel fudge", "Bar 10", "Bar 2", "Éclair", "eclair", "apple"})
        add(name, 100, 1);
    using V = std::vector<std::string>;
    EXPECT_EQ(names({}, {{SortField::Alphabetical, false}}),
              (V{"apple", "Bar 2", "Bar 10", "caramel fudge", "eclair", "Éclair", "White Chocolate"}));
    EXPECT_EQ(names({}, {{SortField::Alphabetical, true}}),
              (V{"White Chocolate", "Éclair", "eclair", "caramel fudge", "Bar 10", "Bar 2", "apple"}));
    // The contract's default stays the bytes of the name.
    EXPECT_EQ(names({}), (V{"Bar 10", "Bar 2", "White Chocolate", "apple", "caramel fudge", "eclair", "Éclair"}));
}

TEST_F(SweetStorageContract, AnEditMovesTheSweetInTheSearchAndTheOrder) {
    auto s = add("Toffee", 100, 1);
    SweetChanges change;
    change.name = "Åland Toffee";
    change.description = "Salted liquorice";
    Sweet after;
    ASSERT_EQ(repo.update(s.id, change, kBoss, after), CatalogueStore::UpdateStatus::Updated);
    SweetFilter f;
    f.words = search_words("aland liquor");
    EXPECT_EQ(names(f), std::vector<std::string>{"Åland Toffee"});
    f.words = search_words("toffee");
    EXPECT_EQ(names(f).size(), 1u);
    ASSERT_TRUE(repo.remove(s.id, kBoss));
    EXPECT_EQ(names(f).size(), 0u);
}

TEST_F(SweetStorageContract, SweetsOfBeforeTheSearchGetTheirWordsAtTheNextStart) {
    add("Crème Egg", 100, 1);
    db.write([](soci::session& sql) {
        sql << "UPDATE sweets SET name_key = '', search_name = '', search_category = '', search_description = ''";
    });
    if (db.dialect() == storage::Dialect::Sqlite)
        db.write([](soci::session& sql) { sql << "INSERT INTO sweets_fts (sweets_fts) VALUES ('rebuild')"; });
    SweetFilter f;
    f.words = search_words("creme");
    EXPECT_EQ(names(f).size(), 0u);
    EXPECT_EQ(storage::backfill_search(db), 1);
    EXPECT_EQ(names(f), std::vector<std::string>{"Crème Egg"});
    EXPECT_EQ(storage::backfill_search(db), 0);
}
