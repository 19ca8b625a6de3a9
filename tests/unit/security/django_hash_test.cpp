#include <gtest/gtest.h>

#include "security/password.hpp"

using namespace sweetshop::security;

// The key below was computed independently with Python's hashlib.pbkdf2_hmac("sha256", "lètmein".encode(),
// b"seasalt", 1000), the function Django's PBKDF2PasswordHasher uses, then base64-encoded as Django stores it.
const std::string kDjangoHash = "pbkdf2_sha256$1000$seasalt$JgZryXe2Ga8ysg6XbzkLpTdyPQrHqsinbL9BnnhgX4A=";

TEST(DjangoHash, VerifiesPbkdf2Sha256) {
    Argon2Hasher hasher(HashCost{1, 8});
    EXPECT_TRUE(hasher.verify(kDjangoHash, "lètmein"));
    EXPECT_FALSE(hasher.verify(kDjangoHash, "letmein"));
    EXPECT_FALSE(hasher.verify("pbkdf2_sha256$1001$seasalt$JgZryXe2Ga8ysg6XbzkLpTdyPQrHqsinbL9BnnhgX4A=", "lètmein"));
}

TEST(DjangoHash, RefusesMalformedOrCostlyHashes) {
    EXPECT_FALSE(verify_django_pbkdf2("pbkdf2_sha256$x$salt$aGFzaA==", "pw"));
    EXPECT_FALSE(verify_django_pbkdf2("pbkdf2_sha256$99999999$salt$aGFzaA==", "pw"));
    EXPECT_FALSE(verify_django_pbkdf2("pbkdf2_sha1$1000$salt$aGFzaA==", "pw"));
    EXPECT_FALSE(verify_django_pbkdf2("pbkdf2_sha256$1000$salt", "pw"));
    EXPECT_FALSE(verify_django_pbkdf2("garbage", "pw"));
}

TEST(DjangoHash, IsRehashedAtTheNextLogin) {
    Argon2Hasher hasher(HashCost{1, 8});
    EXPECT_TRUE(hasher.needs_rehash(kDjangoHash));
    EXPECT_FALSE(hasher.needs_rehash(hasher.hash("a-password")));
}
