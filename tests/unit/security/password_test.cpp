#include <gtest/gtest.h>

#include "security/password.hpp"

using sweetshop::security::Argon2Hasher;
using sweetshop::security::HashCost;

namespace {
Argon2Hasher minimum() {
    return Argon2Hasher(HashCost{1, 8});
}
}  // namespace

TEST(PasswordHashing, ProducesArgon2idThatVerifies) {
    auto h = minimum();
    const auto hash = h.hash("correct horse");
    EXPECT_EQ(hash.rfind("$argon2id$v=19$", 0), 0u) << hash;
    EXPECT_EQ(hash.find("correct horse"), std::string::npos);
    EXPECT_TRUE(h.verify(hash, "correct horse"));
    EXPECT_FALSE(h.verify(hash, "correct horsf"));
}

TEST(PasswordHashing, SaltsEveryHash) {
    EXPECT_NE(minimum().hash("same"), minimum().hash("same"));
}

TEST(PasswordHashing, RejectsForeignOrBrokenHashes) {
    auto h = minimum();
    EXPECT_FALSE(h.verify("", "x"));
    EXPECT_FALSE(h.verify("pbkdf2_sha256$600000$salt$hash", "x"));
    EXPECT_FALSE(h.verify("$argon2id$v=19$garbage", "x"));
}

TEST(PasswordHashing, NeedsRehashWhenTheCostChanges) {
    const auto cheap = minimum().hash("pw");
    EXPECT_FALSE(minimum().needs_rehash(cheap));
    EXPECT_TRUE(Argon2Hasher(HashCost{2, 19 * 1024}).needs_rehash(cheap));
}

TEST(PasswordHashing, RefusesCostsOutsideLibsodiumLimits) {
    EXPECT_THROW(Argon2Hasher(HashCost{0, 19 * 1024}), std::invalid_argument);
    EXPECT_THROW(Argon2Hasher(HashCost{2, 1}), std::invalid_argument);
}
