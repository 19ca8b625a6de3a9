// Idempotent stock changes without a database: what happens for each state of a key.
#include <gtest/gtest.h>

#include "domain/inventory.hpp"
#include "test_server.hpp"

using namespace sweetshop::domain;

namespace {
/// The stock port: counts the changes and answers Insufficient (or fails as scripted).
class ScriptedStock final : public StockStore {
  public:
    bool fail_change = false;
    bool lose_claim = false;
    int changes = 0;
    const HeldKey* last_key = nullptr;

    StockOutcome change_stock(const StockChange&, const HeldKey* key) override {
        ++changes;
        last_key = key;
        if (fail_change) throw std::runtime_error("disk full");
        if (lose_claim) throw lost_claim();
        StockOutcome outcome;
        outcome.kind = StockOutcome::Kind::Insufficient;
        return outcome;
    }
};

/// The idempotency port: answers scripted claims and counts the releases.
class ScriptedKeys final : public IdempotencyStore {
  public:
    Claim next_claim;
    int releases = 0;
    std::string last_fingerprint;

    Claim claim(std::int64_t, const std::string&, const std::string& fingerprint, Micros now, Micros expired,
                Micros stale, std::int64_t) override {
        last_fingerprint = fingerprint;
        EXPECT_EQ(now - expired, 24LL * 3600 * 1'000'000);
        EXPECT_EQ(now - stale, 60LL * 1'000'000);
        return next_claim;
    }
    void release(const HeldKey&) override { ++releases; }
};

/// The ledger-check port (not used by stock changes).
class NoAudit final : public LedgerAudit {
  public:
    StockReport verify_stock() override { return {7, {}, {}, {}, {}}; }
};

struct Inventory : ::testing::Test {
    ScriptedStock stock;
    ScriptedKeys keys;
    NoAudit audit;
    Idempotency idempotency{keys};
    InventoryService inventory{stock, audit, idempotency};
};

const StockChange kBuyTwo{StockChange::Kind::Purchase, 5, 2, Actor{3, "ann"}};

ErrorCode code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    ADD_FAILURE() << "no error";
    return ErrorCode::Validation;
}
}  // namespace

TEST(IdempotencyKey, Is1To255PrintableAsciiCharacters) {
    EXPECT_TRUE(valid_idempotency_key("a"));
    EXPECT_TRUE(valid_idempotency_key("order 42/~!"));
    EXPECT_TRUE(valid_idempotency_key(std::string(255, 'k')));
    EXPECT_FALSE(valid_idempotency_key(""));
    EXPECT_FALSE(valid_idempotency_key(std::string(256, 'k')));
    EXPECT_FALSE(valid_idempotency_key("tab\there"));
    EXPECT_FALSE(valid_idempotency_key("caf\xc3\xa9"));
}

TEST(StockFingerprint, NamesTheOperationTheSweetAndTheAmount) {
    EXPECT_EQ(stock_fingerprint(kBuyTwo), "purchase sweet 5 amount 2");
    EXPECT_EQ(stock_fingerprint({StockChange::Kind::Restock, 5, 2, {}}), "restock sweet 5 amount 2");
}

TEST_F(Inventory, WithoutAKeyChangesStockAndClaimsNothing) {
    auto result = inventory.apply(kBuyTwo, std::nullopt);
    EXPECT_EQ(result.outcome.kind, StockOutcome::Kind::Insufficient);
    EXPECT_FALSE(result.replayed);
    EXPECT_EQ(stock.changes, 1);
    EXPECT_EQ(stock.last_key, nullptr);
    EXPECT_EQ(keys.last_fingerprint, "");
}

TEST_F(Inventory, AClaimedKeyIsHeldThroughTheChange) {
    keys.next_claim = {IdempotencyStore::ClaimStatus::Claimed, 77, {}};
    auto result = inventory.apply(kBuyTwo, std::string("k"));
    EXPECT_EQ(result.outcome.kind, StockOutcome::Kind::Insufficient);
    EXPECT_FALSE(result.replayed);
    EXPECT_EQ(keys.last_fingerprint, "purchase sweet 5 amount 2");
    EXPECT_EQ(stock.changes, 1);
    EXPECT_EQ(keys.releases, 0);
}

TEST_F(Inventory, AReplayAnswersTheStoredOutcomeAndChangesNothing) {
    StockOutcome stored;
    stored.sweet.id = 5;
    stored.sweet.quantity = 8;
    keys.next_claim = {IdempotencyStore::ClaimStatus::Replay, 0, RecordedOutcome{stored}};
    auto result = inventory.apply(kBuyTwo, std::string("k"));
    EXPECT_TRUE(result.replayed);
    EXPECT_EQ(result.outcome, stored);
    EXPECT_EQ(stock.changes, 0);
}

TEST_F(Inventory, MismatchIs422AndInProgressIs409) {
    keys.next_claim = {IdempotencyStore::ClaimStatus::Mismatch, 0, {}};
    EXPECT_EQ(code_of([&] { inventory.apply(kBuyTwo, std::string("k")); }), ErrorCode::Unprocessable);
    keys.next_claim = {IdempotencyStore::ClaimStatus::InProgress, 0, {}};
    EXPECT_EQ(code_of([&] { inventory.apply(kBuyTwo, std::string("k")); }), ErrorCode::Conflict);
    EXPECT_EQ(stock.changes, 0);
}

TEST_F(Inventory, TooManyKeysIsThrottledUntilTheOldestExpires) {
    sweetshop::testing::FakeClock clock;
    Idempotency timed(keys, {}, clock);
    InventoryService at_noon(stock, audit, timed);
    keys.next_claim = {IdempotencyStore::ClaimStatus::TooMany, 0, {}, clock.now() - 23LL * 3600 * 1'000'000};
    try {
        at_noon.apply(kBuyTwo, std::string("k"));
        ADD_FAILURE() << "not throttled";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Throttled);
        EXPECT_EQ(e.retry_after(), std::chrono::seconds(3600));
    }
    EXPECT_EQ(stock.changes, 0);
}

TEST_F(Inventory, AFaultReleasesTheKeyButALostClaimDoesNot) {
    keys.next_claim = {IdempotencyStore::ClaimStatus::Claimed, 77, {}};
    stock.fail_change = true;
    EXPECT_THROW(inventory.apply(kBuyTwo, std::string("k")), std::runtime_error);
    EXPECT_EQ(keys.releases, 1);
    stock.fail_change = false;
    stock.lose_claim = true;
    EXPECT_EQ(code_of([&] { inventory.apply(kBuyTwo, std::string("k")); }), ErrorCode::Conflict);
    EXPECT_EQ(keys.releases, 1);
}

TEST_F(Inventory, VerifyAsksTheLedgerAudit) {
    EXPECT_EQ(inventory.verify().checked, 7);
}
