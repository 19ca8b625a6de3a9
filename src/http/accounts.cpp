// Handlers for registration, login and token refresh (contract rows #1, #2, #3).
#include <variant>

#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/handlers.hpp"
#include "http/links.hpp"

namespace sweetshop::http::handlers {

namespace {
Json user_json(const domain::User& u) {
    return Json{{"id", u.id},
                {"username", u.username},
                {"email", u.email},
                {"is_staff", u.is_staff},
                {"role", std::string(domain::role_name(u.role))}};
}
}  // namespace

Response register_user(Context& ctx) {
    domain::FieldErrors errors;
    domain::Registration input;
    input.username = read_string(ctx.body, "username", errors);
    input.email = read_string(ctx.body, "email", errors, {.required = false, .allow_blank = true});
    input.password = read_string(ctx.body, "password", errors);
    const bool email_failed = errors.has("email");
    if (!input.email && !email_failed) input.email = "";
    auto user = ctx.deps.accounts.register_user(input, std::move(errors));
    return created(Json{{"id", user.id}, {"username", user.username}, {"email", user.email}});
}

Response login(Context& ctx) {
    domain::FieldErrors errors;
    auto username = read_string(ctx.body, "username", errors);
    auto password = read_string(ctx.body, "password", errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    const auto user = ctx.deps.accounts.login(*username, *password, client_address(ctx.request, ctx.deps.settings));
    const auto& tokens = ctx.deps.tokens;
    return ok(Json{{"refresh", tokens.issue(user, security::TokenType::Refresh)},
                   {"access", tokens.issue(user, security::TokenType::Access)},
                   {"user", user_json(user)}});
}

Response current_user(Context& ctx) {
    return ok(user_json(*ctx.user));
}

Response refresh_token(Context& ctx) {
    domain::FieldErrors errors;
    auto refresh = read_string(ctx.body, "refresh", errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));

    auto verified = ctx.deps.tokens.verify(*refresh, security::TokenType::Refresh);
    if (auto* error = std::get_if<security::TokenError>(&verified)) {
        throw domain::Error::unauthenticated(token_message(*error), "token_not_valid");
    }
    const auto user = ctx.deps.accounts.user_for_refresh(std::get<security::TokenClaims>(verified).user_id);
    return ok(Json{{"access", ctx.deps.tokens.issue(user, security::TokenType::Access)}});
}

}  // namespace sweetshop::http::handlers
