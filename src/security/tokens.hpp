#pragma once
// HS256 JWTs with exactly the contract's claims (SimpleJWT's shape). The algorithm is pinned: any other `alg`,
// `none` and other spellings of HS256 included, is invalid; `nbf` is honoured when present, and a token issued in the
// future (past kClockSkewSeconds) is invalid.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "domain/clock.hpp"
#include "domain/user.hpp"

namespace sweetshop::security {

enum class TokenType { Access, Refresh };

/// How far ahead of this server's clock a token's `iat` or `nbf` may be (instances' clocks differ a little).
inline constexpr std::int64_t kClockSkewSeconds = 30;

struct TokenClaims {
    TokenType type = TokenType::Access;
    std::int64_t user_id = 0;
    std::string username;
    bool is_staff = false;
    std::string jti;
    std::int64_t iat = 0;
    std::int64_t exp = 0;
};

enum class TokenError {
    Invalid,    ///< "Token is invalid": bad signature, garbage, other algorithm, missing claims
    Expired,    ///< "Token is expired"
    WrongType,  ///< "Token has wrong type"
};

class TokenService {
  public:
    /// The secret must not be empty (an empty key makes libjwt skip the signature check).
    TokenService(std::string secret, std::chrono::seconds access_ttl, std::chrono::seconds refresh_ttl,
                 const domain::Clock& clock = domain::system_clock());

    /// A token with `jti` (32 hex digits: a session's key and 16 more, domain::Sessions); without one, a random jti
    /// that names no session (tests of the token itself).
    std::string issue(const domain::User& user, TokenType type, const std::string& jti = {}) const;
    std::string issue(const domain::User& user, TokenType type, std::int64_t now_seconds,
                      const std::string& jti = {}) const;
    /// An access token that verified once is remembered until it expires (at most kRememberedTokens of them), so
    /// that the next requests with it skip the decoding and the signature check.
    std::variant<TokenClaims, TokenError> verify(const std::string& token, TokenType expected) const;
    std::variant<TokenClaims, TokenError> verify(const std::string& token, TokenType expected,
                                                 std::int64_t now_seconds) const;

    static constexpr std::size_t kRememberedTokens = 4096;

  private:
    std::variant<TokenClaims, TokenError> decode(const std::string& token, TokenType expected,
                                                 std::int64_t now_seconds) const;

    std::string secret_;
    std::chrono::seconds access_ttl_;
    std::chrono::seconds refresh_ttl_;
    const domain::Clock& clock_;
    struct Remembered;
    std::shared_ptr<Remembered> remembered_;
};

}  // namespace sweetshop::security
