#pragma once
// Argon2id password hashing through libsodium.
#include <cstddef>
#include <string>

#include "domain/user.hpp"

namespace sweetshop::security {

struct HashCost {
    /// OWASP's equivalent minimums for Argon2id are 19 MiB x 2, 12 MiB x 3, 9 MiB x 4 and 7 MiB x 5 passes; the
    /// last keeps least memory in flight per login (docs/performance.md, Memory).
    unsigned long long ops = 5;         ///< passes (t)
    std::size_t memory_kib = 7 * 1024;  ///< memory (m)
};

inline constexpr const char* kDjangoPbkdf2Prefix = "pbkdf2_sha256";

/// Checks a password against a Django hash, `pbkdf2_sha256$<iterations>$<salt>$<base64 key>` (PBKDF2-HMAC-SHA256,
/// as the original system stored them; imported by `sweetshop import-django`).
bool verify_django_pbkdf2(const std::string& hash, const std::string& password);

/// Argon2id for every new hash; also verifies imported Django hashes, which then need a rehash (done at login).
class Argon2Hasher final : public domain::PasswordHasher {
  public:
    /// Throws std::invalid_argument when the cost is outside libsodium's limits.
    explicit Argon2Hasher(HashCost cost);
    std::string hash(const std::string& password) const override;
    bool verify(const std::string& hash, const std::string& password) const override;
    bool needs_rehash(const std::string& hash) const override;

  private:
    HashCost cost_;
};

/// Initialises libsodium once; throws when it cannot.
void init_crypto();
/// `n` random bytes as lowercase hex (2n characters).
std::string random_hex(std::size_t n);

}  // namespace sweetshop::security
