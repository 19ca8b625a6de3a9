#include "security/password.hpp"

#include <malloc.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace sweetshop::security {

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string random_hex(std::size_t n) {
    init_crypto();
    std::vector<unsigned char> bytes(n);
    randombytes_buf(bytes.data(), n);
    std::string out(2 * n + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), n);
    out.pop_back();
    return out;
}

Argon2Hasher::Argon2Hasher(HashCost cost) : cost_(cost) {
    init_crypto();
    // Each hash allocates its whole Argon2 memory (7 MiB by default) and frees it. glibc would raise its mmap
    // threshold after the first free and keep later buffers in a thread's heap for good; a fixed threshold keeps
    // them mapped, so they go back to the system when a hash ends (docs/performance.md).
    static const bool threshold_set = mallopt(M_MMAP_THRESHOLD, 1 << 20) == 1;
    (void)threshold_set;
    const std::size_t bytes = cost.memory_kib * 1024;
    if (cost.ops < crypto_pwhash_OPSLIMIT_MIN || cost.ops > crypto_pwhash_OPSLIMIT_MAX)
        throw std::invalid_argument("Argon2 passes must be between " + std::to_string(crypto_pwhash_OPSLIMIT_MIN) +
                                    " and " + std::to_string(crypto_pwhash_OPSLIMIT_MAX));
    if (bytes < crypto_pwhash_MEMLIMIT_MIN || bytes > crypto_pwhash_MEMLIMIT_MAX)
        throw std::invalid_argument("Argon2 memory must be at least " +
                                    std::to_string(crypto_pwhash_MEMLIMIT_MIN / 1024) + " KiB");
}

std::string Argon2Hasher::hash(const std::string& password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), cost_.ops, cost_.memory_kib * 1024) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool verify_django_pbkdf2(const std::string& hash, const std::string& password) {
    // pbkdf2_sha256$<iterations>$<salt>$<base64 of the 32-byte derived key>
    const auto a = hash.find('$'), b = hash.find('$', a + 1), c = hash.find('$', b + 1);
    if (a == std::string::npos || b == std::string::npos || c == std::string::npos) return false;
    if (hash.compare(0, a, kDjangoPbkdf2Prefix) != 0) return false;
    const auto iterations_text = hash.substr(a + 1, b - a - 1);
    if (iterations_text.empty() || iterations_text.size() > 8 ||
        iterations_text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    const int iterations = std::stoi(iterations_text);
    if (iterations < 1 || iterations > 10'000'000) return false;  // a hash that would take minutes is refused
    const auto salt = hash.substr(b + 1, c - b - 1);
    const auto expected = hash.substr(c + 1);
    unsigned char key[32];
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                          iterations, EVP_sha256(), sizeof key, key) != 1)
        return false;
    char encoded[64];
    sodium_bin2base64(encoded, sizeof encoded, key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
    const std::string actual(encoded);
    return actual.size() == expected.size() && sodium_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

bool Argon2Hasher::verify(const std::string& hash, const std::string& password) const {
    if (hash.rfind(std::string(kDjangoPbkdf2Prefix) + "$", 0) == 0) return verify_django_pbkdf2(hash, password);
    if (hash.size() >= crypto_pwhash_STRBYTES || hash.rfind("$argon2", 0) != 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool Argon2Hasher::needs_rehash(const std::string& hash) const {
    if (hash.rfind("$argon2", 0) != 0) return true;  // e.g. an imported Django hash: upgraded at the next login
    return crypto_pwhash_str_needs_rehash(hash.c_str(), cost_.ops, cost_.memory_kib * 1024) != 0;
}

}  // namespace sweetshop::security
