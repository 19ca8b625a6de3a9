// Idempotent stock changes without a database: what happens for each state of a key.
#include <gtest/gtest.h>

#include "domain/inventory.hpp"

using namespace sweetshop::domain;

namespace {
/// Records the calls and answers with scripted claim results.
class ScriptedSweets final : public SweetRepository {
  public:
    Claim next_claim;
    bool fail_change = false;
    bool lose_claim = false;
    int changes = 0, releases = 0;
    std::string last_fingerprint;
    const HeldKey* last_key = nullptr;

    std::optional<Sweet> find(std::int64_t) override { return std::nullopt; }
    bool name_taken(const std::string&, std::int64_t) override { return false; }
    std::int64_t count(const SweetFilter&) override { return 0; }
    std::vector<Sweet> list(const SweetFilter&, const std::vector<SortKey>&, std::int64_t, std::int64_t) override {
        return {};
    }
    std::optional<Sweet> insert(const SweetChanges&, const Actor&) override { return std::nullopt; }
    UpdateStatus update(std::int64_t, const SweetChanges&, const Actor&, Sweet&) override {
        return UpdateStatus::NotFound;
    }
    bool remove(std::int64_t, const Actor&) override { return false; }
    StoredResponse change_stock(const StockChange&, const HeldKey* key, Render render) override {
        ++changes;
        last_key = key;
        if (fail_change) throw std::runtime_error("disk full");
        if (lose_claim) throw Error(ErrorCode::Conflict, "A request with this Idempotency-Key is in progress.");
        StockOutcome outcome;
        outcome.kind = StockOutcome::Kind::Insufficient;
        return render(outcome);
    }
    StockReport verify_stock() override { return {}; }
    std::vector<CategorySummary> category_summary() override { return {}; }
    Claim claim_key(std::int64_t, const std::string&, const std::string& fingerprint, Micros now, Micros expired,
                    Micros stale, std::int64_t) override {
        last_fingerprint = fingerprint;
        EXPECT_EQ(now - expired, 24LL * 3600 * 1'000'000);
        EXPECT_EQ(now - stale, 60LL * 1'000'000);
        return next_claim;
    }
    void release_key(const HeldKey&) override { ++releases; }
};

StoredResponse render(const StockOutcome& outcome) {
    return StoredResponse{outcome.kind == StockOutcome::Kind::Insufficient ? 400 : 200, "rendered"};
}

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

TEST(Inventory, WithoutAKeyChangesStockAndClaimsNothing) {
    ScriptedSweets sweets;
    InventoryService inventory(sweets);
    auto result = inventory.apply(kBuyTwo, std::nullopt, render);
    EXPECT_EQ(result.response.status, 400);
    EXPECT_FALSE(result.replayed);
    EXPECT_EQ(sweets.changes, 1);
    EXPECT_EQ(sweets.last_key, nullptr);
    EXPECT_EQ(sweets.last_fingerprint, "");
}

TEST(Inventory, AClaimedKeyIsHeldThroughTheChange) {
    ScriptedSweets sweets;
    sweets.next_claim = {SweetRepository::ClaimStatus::Claimed, 77, {}};
    InventoryService inventory(sweets);
    auto result = inventory.apply(kBuyTwo, std::string("k"), render);
    EXPECT_EQ(result.response.body, "rendered");
    EXPECT_EQ(sweets.last_fingerprint, "purchase sweet 5 amount 2");
    EXPECT_EQ(sweets.changes, 1);
    EXPECT_EQ(sweets.releases, 0);
}

TEST(Inventory, AReplayAnswersTheStoredResponseAndChangesNothing) {
    ScriptedSweets sweets;
    sweets.next_claim = {SweetRepository::ClaimStatus::Replay, 0, {200, "stored"}};
    InventoryService inventory(sweets);
    auto result = inventory.apply(kBuyTwo, std::string("k"), render);
    EXPECT_TRUE(result.replayed);
    EXPECT_EQ(result.response.status, 200);
    EXPECT_EQ(result.response.body, "stored");
    EXPECT_EQ(sweets.changes, 0);
}

TEST(Inventory, MismatchIs422AndInProgressIs409) {
    ScriptedSweets sweets;
    InventoryService inventory(sweets);
    sweets.next_claim = {SweetRepository::ClaimStatus::Mismatch, 0, {}};
    EXPECT_EQ(code_of([&] { inventory.apply(kBuyTwo, std::string("k"), render); }), ErrorCode::Unprocessable);
    sweets.next_claim = {SweetRepository::ClaimStatus::InProgress, 0, {}};
    EXPECT_EQ(code_of([&] { inventory.apply(kBuyTwo, std::string("k"), render); }), ErrorCode::Conflict);
    EXPECT_EQ(sweets.changes, 0);
}

TEST(Inventory, AFaultReleasesTheKeyButALostClaimDoesNot) {
    ScriptedSweets sweets;
    sweets.next_claim = {SweetRepository::ClaimStatus::Claimed, 77, {}};
    InventoryService inventory(sweets);
    sweets.fail_change = true;
    EXPECT_THROW(inventory.apply(kBuyTwo, std::string("k"), render), std::runtime_error);
    EXPECT_EQ(sweets.releases, 1);
    sweets.fail_change = false;
    sweets.lose_claim = true;
    EXPECT_EQ(code_of([&] { inventory.apply(kBuyTwo, std::string("k"), render); }), ErrorCode::Conflict);
    EXPECT_EQ(sweets.releases, 1);
}
