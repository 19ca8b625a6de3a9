#include <gtest/gtest.h>

#include "jwt_forge.hpp"
#include "security/tokens.hpp"

using namespace sweetshop;
using security::TokenError;
using security::TokenType;
using sweetshop::testing::forge_jwt;
namespace tst = sweetshop::testing;

namespace {
const std::string kKey = "unit-test-secret-key-0123456789abcdef";
const std::int64_t kNow = 1'800'000'000;

security::TokenService service() {
    return {kKey, std::chrono::minutes(60), std::chrono::hours(24 * 7)};
}

domain::User ann() {
    domain::User u;
    u.id = 3;
    u.username = "ann";
    u.is_staff = true;
    return u;
}

nlohmann::json claims(const std::string& type = "access", std::int64_t exp = kNow + 60) {
    return {{"token_type", type}, {"exp", exp},        {"iat", kNow},      {"jti", std::string(32, 'a')},
            {"user_id", "3"},     {"username", "ann"}, {"is_staff", false}};
}

const nlohmann::json kHs256 = {{"alg", "HS256"}, {"typ", "JWT"}};

TokenError error_of(const std::variant<security::TokenClaims, TokenError>& v) {
    EXPECT_TRUE(std::holds_alternative<TokenError>(v));
    return std::holds_alternative<TokenError>(v) ? std::get<TokenError>(v) : TokenError::Invalid;
}
}  // namespace

TEST(Tokens, IssueThenVerifyRoundTrips) {
    auto s = service();
    auto token = s.issue(ann(), TokenType::Access, kNow);
    auto verified = s.verify(token, TokenType::Access, kNow + 1);
    ASSERT_TRUE(std::holds_alternative<security::TokenClaims>(verified));
    const auto& c = std::get<security::TokenClaims>(verified);
    EXPECT_EQ(c.user_id, 3);
    EXPECT_EQ(c.username, "ann");
    EXPECT_TRUE(c.is_staff);
    EXPECT_EQ(c.exp, kNow + 3600);
    EXPECT_EQ(c.jti.size(), 32u);
}

TEST(Tokens, CarryExactlyTheContractsClaims) {
    auto token = service().issue(ann(), TokenType::Refresh, kNow);
    const auto first = token.find('.'), second = token.find('.', first + 1);
    auto header = nlohmann::json::parse(tst::base64url_decode(token.substr(0, first)));
    auto payload = nlohmann::json::parse(tst::base64url_decode(token.substr(first + 1, second - first - 1)));
    EXPECT_EQ(header.at("alg"), "HS256");
    std::vector<std::string> keys;
    for (auto& [k, v] : payload.items())
        keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(keys, (std::vector<std::string>{"exp", "iat", "is_staff", "jti", "token_type", "user_id", "username"}));
    EXPECT_EQ(payload.at("user_id"), "3");  // a JSON string, as SimpleJWT wrote it
    EXPECT_EQ(payload.at("token_type"), "refresh");
    EXPECT_EQ(payload.at("is_staff"), true);
    EXPECT_EQ(payload.at("exp"), kNow + 7 * 24 * 3600);
}

TEST(Tokens, TamperedPayloadIsInvalid) {
    auto token = service().issue(ann(), TokenType::Access, kNow);
    const auto first = token.find('.'), second = token.find('.', first + 1);
    auto forged = claims();
    forged["is_staff"] = true;
    auto tampered = token.substr(0, first + 1) + tst::base64url(forged.dump()) + token.substr(second);
    EXPECT_EQ(error_of(service().verify(tampered, TokenType::Access, kNow)), TokenError::Invalid);
}

TEST(Tokens, WrongKeyIsInvalid) {
    EXPECT_EQ(error_of(service().verify(forge_jwt(kHs256, claims(), "another-key"), TokenType::Access, kNow)),
              TokenError::Invalid);
}

TEST(Tokens, ExpiredIsExpired) {
    auto token = service().issue(ann(), TokenType::Access, kNow - 7200);
    EXPECT_EQ(error_of(service().verify(token, TokenType::Access, kNow)), TokenError::Expired);
}

TEST(Tokens, AlgNoneIsInvalid) {
    EXPECT_EQ(
        error_of(service().verify(forge_jwt({{"alg", "none"}, {"typ", "JWT"}}, claims(), ""), TokenType::Access, kNow)),
        TokenError::Invalid);
}

TEST(Tokens, Hs512WithTheSameKeyIsInvalid) {
    EXPECT_EQ(error_of(service().verify(forge_jwt({{"alg", "HS512"}, {"typ", "JWT"}}, claims(), kKey),
                                        TokenType::Access, kNow)),
              TokenError::Invalid);
}

TEST(Tokens, RefreshUsedAsAccessHasWrongType) {
    auto token = service().issue(ann(), TokenType::Refresh, kNow);
    EXPECT_EQ(error_of(service().verify(token, TokenType::Access, kNow)), TokenError::WrongType);
    auto access = service().issue(ann(), TokenType::Access, kNow);
    EXPECT_EQ(error_of(service().verify(access, TokenType::Refresh, kNow)), TokenError::WrongType);
}

TEST(Tokens, MissingClaimsAreInvalid) {
    for (const char* claim : {"exp", "token_type", "jti", "user_id"}) {
        auto c = claims();
        c.erase(claim);
        EXPECT_EQ(error_of(service().verify(forge_jwt(kHs256, c, kKey), TokenType::Access, kNow)), TokenError::Invalid)
            << claim;
    }
}

TEST(Tokens, GarbageIsInvalid) {
    for (const char* garbage : {"", "abc", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30."})
        EXPECT_EQ(error_of(service().verify(garbage, TokenType::Access, kNow)), TokenError::Invalid) << garbage;
}

TEST(Tokens, EmptySecretIsRefused) {
    EXPECT_THROW(security::TokenService("", std::chrono::minutes(1), std::chrono::hours(1)), std::invalid_argument);
}

TEST(Tokens, AlgMustBeSpelledExactlyHs256) {
    for (const char* alg : {"hs256", "Hs256", "HS256 "}) {
        const auto token = forge_jwt({{"alg", alg}, {"typ", "JWT"}}, claims(), kKey);
        EXPECT_EQ(error_of(service().verify(token, TokenType::Access, kNow)), TokenError::Invalid) << alg;
    }
    EXPECT_TRUE(std::holds_alternative<security::TokenClaims>(
        service().verify(forge_jwt(kHs256, claims(), kKey), TokenType::Access, kNow)));
}

TEST(Tokens, NotBeforeIsHonoured) {
    auto c = claims();
    c["nbf"] = kNow + 600;
    EXPECT_EQ(error_of(service().verify(forge_jwt(kHs256, c, kKey), TokenType::Access, kNow)), TokenError::Invalid);
    c["nbf"] = kNow + security::kClockSkewSeconds;  // within the allowed clock difference
    EXPECT_TRUE(std::holds_alternative<security::TokenClaims>(
        service().verify(forge_jwt(kHs256, c, kKey), TokenType::Access, kNow)));
    c["nbf"] = "soon";
    EXPECT_EQ(error_of(service().verify(forge_jwt(kHs256, c, kKey), TokenType::Access, kNow)), TokenError::Invalid);
}

TEST(Tokens, IssuedInTheFutureIsInvalid) {
    auto c = claims();
    c["iat"] = kNow + security::kClockSkewSeconds + 1;
    EXPECT_EQ(error_of(service().verify(forge_jwt(kHs256, c, kKey), TokenType::Access, kNow)), TokenError::Invalid);
    c["iat"] = kNow + security::kClockSkewSeconds;
    EXPECT_TRUE(std::holds_alternative<security::TokenClaims>(
        service().verify(forge_jwt(kHs256, c, kKey), TokenType::Access, kNow)));
}

TEST(Tokens, ARememberedTokenStillExpires) {
    auto s = service();
    const auto token = forge_jwt(kHs256, claims("access", kNow + 60), kKey);
    ASSERT_TRUE(std::holds_alternative<security::TokenClaims>(s.verify(token, TokenType::Access, kNow)));
    // The second check is answered from memory, with the same claims, until the token's exp.
    auto again = s.verify(token, TokenType::Access, kNow + 59);
    ASSERT_TRUE(std::holds_alternative<security::TokenClaims>(again));
    EXPECT_EQ(std::get<security::TokenClaims>(again).user_id, 3);
    EXPECT_EQ(error_of(s.verify(token, TokenType::Access, kNow + 60)), TokenError::Expired);
}

TEST(Tokens, ARememberedAccessTokenIsStillNotARefreshToken) {
    auto s = service();
    const auto token = s.issue(ann(), TokenType::Access, kNow);
    ASSERT_TRUE(std::holds_alternative<security::TokenClaims>(s.verify(token, TokenType::Access, kNow)));
    EXPECT_EQ(error_of(s.verify(token, TokenType::Refresh, kNow)), TokenError::WrongType);
}

TEST(Tokens, OnlyTheExactTokenIsRemembered) {
    auto s = service();
    const auto token = s.issue(ann(), TokenType::Access, kNow);
    ASSERT_TRUE(std::holds_alternative<security::TokenClaims>(s.verify(token, TokenType::Access, kNow)));
    auto tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(error_of(s.verify(tampered, TokenType::Access, kNow)), TokenError::Invalid);
    // A token from the future of the time it verified at is checked afresh (its iat is now in the future).
    EXPECT_EQ(error_of(s.verify(token, TokenType::Access, kNow - security::kClockSkewSeconds - 1)),
              TokenError::Invalid);
}
