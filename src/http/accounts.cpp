// Handlers for accounts and sessions: registration, the original's login and token refresh (contract rows #1, #2,
// #3), the web app's cookie sessions, signing out, the account's own page (password, email, sessions).
#include <variant>

#include "domain/sessions.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/handlers.hpp"
#include "http/links.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
using domain::FieldErrors;
using security::TokenType;

/// The web app's refresh token: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
/// Secure when the shop is served over HTTPS, for the session routes under this path only.
constexpr const char* kCookieName = "sweetshop_refresh";
constexpr const char* kCookiePath = "/api/auth/";

Json user_json(const domain::User& u) {
    return Json{{"id", u.id},
                {"username", u.username},
                {"email", u.email},
                {"is_staff", u.is_staff},
                {"role", std::string(domain::role_name(u.role))},
                {"must_change_password", u.must_change_password}};
}

std::string device(const Context& ctx) {
    return std::string(ctx.request.header("User-Agent").value_or(""));
}

/// The value of the session cookie in the Cookie header (empty when absent).
std::string session_cookie(const Request& request) {
    const auto header = request.header("Cookie");
    if (!header) return {};
    std::string_view rest = *header;
    const std::string_view name = kCookieName;
    while (!rest.empty()) {
        const auto end = rest.find(';');
        auto pair = trim_ows(rest.substr(0, end));
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return {};
}

/// Sets (or, with an empty token, clears) the session cookie.
void set_session_cookie(Response& r, const Context& ctx, const std::string& token) {
    std::string cookie = kCookieName;
    cookie.append("=").append(token).append("; Path=").append(kCookiePath).append("; Max-Age=");
    cookie.append(token.empty() ? "0" : std::to_string(ctx.deps.sessions.lifetime().count()));
    cookie.append("; HttpOnly; SameSite=Strict");
    if (public_origin(ctx.request, ctx.deps.settings).starts_with("https://")) cookie.append("; Secure");
    r.header("Set-Cookie", std::move(cookie));
}

/// The claims of a refresh token, or the contract's 401 for a bad one.
security::TokenClaims verified_refresh(const Context& ctx, const std::string& token) {
    auto verified = ctx.deps.tokens.verify(token, TokenType::Refresh);
    if (auto* error = std::get_if<security::TokenError>(&verified))
        throw domain::Error::unauthenticated(token_message(*error), "token_not_valid");
    return std::get<security::TokenClaims>(std::move(verified));
}

domain::User signed_in_user(Context& ctx) {
    FieldErrors errors;
    auto username = read_string(ctx.body, "username", errors);
    auto password = read_string(ctx.body, "password", errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    return ctx.deps.accounts.login(*username, *password, client_address(ctx.request, ctx.deps.settings));
}

}  // namespace

Response register_user(Context& ctx) {
    FieldErrors errors;
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
    const auto user = signed_in_user(ctx);
    const auto session = ctx.deps.sessions.start(user, domain::SessionKind::Token, device(ctx));
    const auto& tokens = ctx.deps.tokens;
    return ok(Json{{"refresh", tokens.issue(user, TokenType::Refresh, session.refresh_jti)},
                   {"access", tokens.issue(user, TokenType::Access, session.access_jti)},
                   {"user", user_json(user)}});
}

Response current_user(Context& ctx) {
    return ok(user_json(*ctx.user));
}

Response refresh_token(Context& ctx) {
    FieldErrors errors;
    auto refresh = read_string(ctx.body, "refresh", errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    const auto claims = verified_refresh(ctx, *refresh);
    const auto user = ctx.deps.accounts.user_for_refresh(claims.user_id);
    const auto renewal = ctx.deps.sessions.refresh(user.id, claims.jti, false);
    return ok(Json{{"access", ctx.deps.tokens.issue(user, TokenType::Access, renewal.access_jti)}});
}

Response start_session(Context& ctx) {
    const auto user = signed_in_user(ctx);
    const auto session = ctx.deps.sessions.start(user, domain::SessionKind::Cookie, device(ctx));
    const auto& tokens = ctx.deps.tokens;
    auto r = ok(Json{{"access", tokens.issue(user, TokenType::Access, session.access_jti)}, {"user", user_json(user)}});
    set_session_cookie(r, ctx, tokens.issue(user, TokenType::Refresh, session.refresh_jti));
    return r;
}

Response refresh_session(Context& ctx) {
    const auto cookie = session_cookie(ctx.request);
    try {
        if (cookie.empty()) throw domain::Error::unauthenticated("No session cookie.", "not_authenticated");
        const auto claims = verified_refresh(ctx, cookie);
        const auto user = ctx.deps.accounts.user_for_refresh(claims.user_id);
        const auto renewal = ctx.deps.sessions.refresh(user.id, claims.jti, true);
        const auto& tokens = ctx.deps.tokens;
        auto r =
            ok(Json{{"access", tokens.issue(user, TokenType::Access, renewal.access_jti)}, {"user", user_json(user)}});
        if (!renewal.refresh_jti.empty())
            set_session_cookie(r, ctx, tokens.issue(user, TokenType::Refresh, renewal.refresh_jti));
        return r;
    } catch (const domain::Error& e) {
        if (e.code() != domain::ErrorCode::Unauthenticated) throw;
        auto r = error_response(e);
        if (!cookie.empty()) set_session_cookie(r, ctx, "");  // a refused cookie is of no more use
        return r;
    }
}

Response logout(Context& ctx) {
    const auto cookie = session_cookie(ctx.request);
    // The body names the session when both are given (a client of the original's login in a browser); it is
    // required only without the cookie.
    FieldErrors errors;
    const auto given = read_string(ctx.body, "refresh", errors, {.required = cookie.empty()});
    if (!errors.empty()) throw domain::Error(std::move(errors));
    const auto token = given.value_or(cookie);
    auto r = no_content();
    const auto verified = ctx.deps.tokens.verify(token, TokenType::Refresh);
    if (const auto* claims = std::get_if<security::TokenClaims>(&verified)) {
        ctx.deps.sessions.sign_out(claims->user_id, claims->jti);
    } else if (std::get<security::TokenError>(verified) != security::TokenError::Expired) {
        throw domain::Error::unauthenticated(token_message(std::get<security::TokenError>(verified)),
                                             "token_not_valid");
    }  // an expired token's session has ended already
    if (!cookie.empty()) set_session_cookie(r, ctx, "");
    return r;
}

Response list_sessions(Context& ctx) {
    const auto current = domain::Sessions::key_of(ctx.token_id);
    Json results = Json::array();
    for (const auto& s : ctx.deps.sessions.list(ctx.user->id))
        results.push_back(Json{{"id", s.id},
                               {"device", s.device},
                               {"kind", s.kind == domain::SessionKind::Cookie ? "web" : "token"},
                               {"created", domain::format_timestamp(s.created)},
                               {"last_used", domain::format_timestamp(s.last_used)},
                               {"expires", domain::format_timestamp(s.expires)},
                               {"current", s.key == current}});
    return ok(Json{{"count", results.size()}, {"results", std::move(results)}});
}

Response end_session(Context& ctx) {
    ctx.deps.sessions.end(ctx.user->id, path_id(ctx, "id", domain::kNotFound));
    return no_content();
}

Response end_other_sessions(Context& ctx) {
    return ok(Json{{"ended", ctx.deps.sessions.end_others(ctx.user->id, ctx.token_id)}});
}

Response change_password(Context& ctx) {
    FieldErrors errors;
    auto current = read_string(ctx.body, "current_password", errors);
    auto next = read_string(ctx.body, "new_password", errors);
    ctx.deps.accounts.change_password(*ctx.user, current, next, domain::Sessions::key_of(ctx.token_id),
                                      std::move(errors));
    return ok(user_json(ctx.deps.accounts.user_for_access(ctx.user->id, ctx.token_id)));
}

Response update_account(Context& ctx) {
    FieldErrors errors;
    auto email = read_string(ctx.body, "email", errors, {.allow_blank = true});
    if (!errors.empty()) throw domain::Error(std::move(errors));
    return ok(user_json(ctx.deps.accounts.change_email(*ctx.user, *email)));
}

}  // namespace sweetshop::http::handlers
