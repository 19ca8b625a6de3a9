#include "security/tokens.hpp"

#include <jwt.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "security/password.hpp"

namespace sweetshop::security {

namespace {
struct JwtDeleter {
    void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

/// The claim's JSON text ("1800000000", "\"soon\""), std::nullopt when absent.
std::optional<std::string> grant_json(jwt_t* j, const char* name) {
    char* json = jwt_get_grants_json(j, name);
    if (!json) return std::nullopt;
    std::string out(json);
    std::free(json);
    return out;
}

/// A claim that must be a whole number when present (libjwt reads a string as 0).
std::optional<std::int64_t> strict_int(const std::string& json) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(json.data(), json.data() + json.size(), v);
    if (ec != std::errc() || p != json.data() + json.size()) return std::nullopt;
    return v;
}

const char* type_name(TokenType t) {
    return t == TokenType::Access ? "access" : "refresh";
}

std::optional<std::int64_t> int_grant(jwt_t* j, const char* name) {
    errno = 0;
    const long v = jwt_get_grant_int(j, name);
    if (errno != 0) return std::nullopt;
    return v;
}
}  // namespace

/// Access tokens that verified, with the time they verified at: until its `exp`, such a token verifies again with
/// the same claims (its signature, algorithm, type, `nbf` and `iat` cannot change). A full table starts over.
struct TokenService::Remembered {
    struct Entry {
        TokenClaims claims;
        std::int64_t verified_at = 0;
    };
    std::mutex mutex;
    std::unordered_map<std::string, Entry> entries;
};

TokenService::TokenService(std::string secret, std::chrono::seconds access_ttl, std::chrono::seconds refresh_ttl,
                           const domain::Clock& clock)
    : secret_(std::move(secret)),
      access_ttl_(access_ttl),
      refresh_ttl_(refresh_ttl),
      clock_(clock),
      remembered_(std::make_shared<Remembered>()) {
    if (secret_.empty()) throw std::invalid_argument("the token secret must not be empty");
}

std::string TokenService::issue(const domain::User& user, TokenType type, const std::string& jti) const {
    return issue(user, type, clock_.now() / 1'000'000, jti);
}

std::string TokenService::issue(const domain::User& user, TokenType type, std::int64_t now,
                                const std::string& given_jti) const {
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
    JwtPtr j(raw);
    const auto ttl = type == TokenType::Access ? access_ttl_ : refresh_ttl_;
    const std::string user_id = std::to_string(user.id);
    const std::string jti = given_jti.empty() ? random_hex(16) : given_jti;
    if (jwt_add_grant(j.get(), "token_type", type_name(type)) != 0 ||
        jwt_add_grant_int(j.get(), "exp", static_cast<long>(now + ttl.count())) != 0 ||
        jwt_add_grant_int(j.get(), "iat", static_cast<long>(now)) != 0 ||
        jwt_add_grant(j.get(), "jti", jti.c_str()) != 0 || jwt_add_grant(j.get(), "user_id", user_id.c_str()) != 0 ||
        jwt_add_grant(j.get(), "username", user.username.c_str()) != 0 ||
        jwt_add_grant_bool(j.get(), "is_staff", user.is_staff ? 1 : 0) != 0)
        throw std::runtime_error("could not build a token");
    if (jwt_set_alg(j.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret_.data()),
                    static_cast<int>(secret_.size())) != 0)
        throw std::runtime_error("could not set the token algorithm");
    char* encoded = jwt_encode_str(j.get());
    if (!encoded) throw std::runtime_error("could not encode a token");
    std::string out(encoded);
    std::free(encoded);
    return out;
}

std::variant<TokenClaims, TokenError> TokenService::verify(const std::string& token, TokenType expected) const {
    return verify(token, expected, clock_.now() / 1'000'000);
}

std::variant<TokenClaims, TokenError> TokenService::verify(const std::string& token, TokenType expected,
                                                           std::int64_t now) const {
    if (expected != TokenType::Access) return decode(token, expected, now);
    auto& memory = *remembered_;
    {
        std::lock_guard lock(memory.mutex);
        if (auto it = memory.entries.find(token); it != memory.entries.end()) {
            const auto& entry = it->second;
            if (now >= entry.verified_at && now < entry.claims.exp) return entry.claims;
        }
    }
    auto result = decode(token, expected, now);
    if (auto* claims = std::get_if<TokenClaims>(&result)) {
        std::lock_guard lock(memory.mutex);
        if (memory.entries.size() >= kRememberedTokens) memory.entries.clear();
        memory.entries.insert_or_assign(token, Remembered::Entry{*claims, now});
    }
    return result;
}

std::variant<TokenClaims, TokenError> TokenService::decode(const std::string& token, TokenType expected,
                                                           std::int64_t now) const {
    if (token.empty() || token.size() > 8192) return TokenError::Invalid;
    jwt_t* raw = nullptr;
    if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(secret_.data()),
                   static_cast<int>(secret_.size())) != 0 ||
        raw == nullptr)
        return TokenError::Invalid;
    JwtPtr j(raw);
    // libjwt accepts HS384/HS512 signed with the same key, and `none` without a key: pin the algorithm, and its
    // spelling in the header (exactly "HS256", as PyJWT compares it).
    if (jwt_get_alg(j.get()) != JWT_ALG_HS256) return TokenError::Invalid;
    const char* alg = jwt_get_header(j.get(), "alg");
    if (!alg || std::string_view(alg) != "HS256") return TokenError::Invalid;

    // Not valid before `nbf`, nor issued in the future (beyond the clock difference allowed between instances).
    if (auto nbf_json = grant_json(j.get(), "nbf")) {
        auto nbf = strict_int(*nbf_json);
        if (!nbf || *nbf > now + kClockSkewSeconds) return TokenError::Invalid;
    }
    if (auto iat = int_grant(j.get(), "iat"); iat && *iat > now + kClockSkewSeconds) return TokenError::Invalid;

    auto exp = int_grant(j.get(), "exp");
    if (!exp) return TokenError::Invalid;
    if (*exp <= now) return TokenError::Expired;

    const char* type = jwt_get_grant(j.get(), "token_type");
    if (!type) return TokenError::Invalid;
    if (std::string_view(type) != type_name(expected)) return TokenError::WrongType;

    TokenClaims claims;
    claims.type = expected;
    claims.exp = *exp;
    claims.iat = int_grant(j.get(), "iat").value_or(0);
    const char* jti = jwt_get_grant(j.get(), "jti");
    if (!jti) return TokenError::Invalid;
    claims.jti = jti;

    // user_id is a JSON string ("3") as SimpleJWT wrote it; a number is accepted too.
    if (const char* uid = jwt_get_grant(j.get(), "user_id")) {
        std::string_view s(uid);
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), claims.user_id);
        if (ec != std::errc() || p != s.data() + s.size()) return TokenError::Invalid;
    } else if (auto uid_int = int_grant(j.get(), "user_id")) {
        claims.user_id = *uid_int;
    } else {
        return TokenError::Invalid;
    }
    if (const char* name = jwt_get_grant(j.get(), "username")) claims.username = name;
    errno = 0;
    const int staff = jwt_get_grant_bool(j.get(), "is_staff");
    claims.is_staff = errno == 0 && staff == 1;
    return claims;
}

}  // namespace sweetshop::security
