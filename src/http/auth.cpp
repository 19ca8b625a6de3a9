#include <string>
#include <variant>

#include "http/api.hpp"
#include "http/errors.hpp"

namespace sweetshop::http {

namespace {
std::vector<std::string_view> split_whitespace(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        const auto start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t')
            ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

}  // namespace

const char* token_message(security::TokenError e) {
    switch (e) {
        case security::TokenError::Expired:
            return "Token is expired";
        case security::TokenError::WrongType:
            return "Token has wrong type";
        case security::TokenError::Invalid:
            break;
    }
    return "Token is invalid";
}

Caller authenticate(const Request& request, Deps& deps) {
    const auto header = request.header("Authorization");
    const auto parts = header ? split_whitespace(*header) : std::vector<std::string_view>{};
    using domain::Error;
    if (parts.empty() || parts.front() != "Bearer")
        throw Error::unauthenticated("Authentication credentials were not provided.");
    if (parts.size() != 2)
        throw Error::unauthenticated("Authorization header must contain two space-delimited values",
                                     "bad_authorization_header");

    auto verified = deps.tokens.verify(std::string(parts[1]), security::TokenType::Access);
    if (auto* error = std::get_if<security::TokenError>(&verified))
        throw Error::access_token_refused(token_message(*error));
    auto& claims = std::get<security::TokenClaims>(verified);
    auto user = deps.accounts.user_for_access(claims.user_id, claims.jti);
    return Caller{std::move(user), std::move(claims.jti)};
}

std::optional<Caller> authenticate_if_bearer(const Request& request, Deps& deps) {
    const auto header = request.header("Authorization");
    const auto parts = header ? split_whitespace(*header) : std::vector<std::string_view>{};
    if (parts.empty() || parts.front() != "Bearer") return std::nullopt;
    return authenticate(request, deps);
}

}  // namespace sweetshop::http
