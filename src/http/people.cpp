// Handlers for people (the owner's): the users with their role, sign-in state, last login and orders; changing a
// role or deactivating.
#include "domain/people.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/handlers.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
using domain::FieldErrors;

Json person_json(const domain::Person& p) {
    const auto& u = p.user;
    return Json{{"id", u.id},
                {"username", u.username},
                {"email", u.email},
                {"is_staff", u.is_staff},
                {"role", std::string(domain::role_name(u.role))},
                {"must_change_password", u.must_change_password},
                {"is_active", u.is_active},
                {"date_joined", domain::format_timestamp(u.date_joined)},
                {"last_login", p.last_login ? Json(domain::format_timestamp(*p.last_login)) : Json(nullptr)},
                {"orders", p.orders}};
}

std::int64_t user_id(const Context& ctx) {
    return path_id(ctx, "id", domain::kNotFound);
}

std::optional<domain::Role> read_role(std::string_view text, const char* field, FieldErrors& errors) {
    auto role = domain::parse_role(text);
    if (!role) errors.add(field, choice_message(text));
    return role;
}
}  // namespace

Response list_users(Context& ctx) {
    const auto& r = ctx.request;
    domain::PeopleListing listing;
    FieldErrors errors;
    if (auto search = query_text(r, "search"); !search.empty()) listing.filter.search = search;
    if (auto role = query_text(r, "role"); !role.empty()) listing.filter.role = read_role(role, "role", errors);
    if (auto active = query_text(r, "active"); !active.empty()) {
        if (active == "true")
            listing.filter.active = true;
        else if (active == "false")
            listing.filter.active = false;
        else
            errors.add("active", "Must be a valid boolean.");
    }
    domain::parse_page_size(query_text(r, "page_size"), listing.page_size, errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    listing.page = domain::parse_page(query_text(r, "page"));
    const auto page = ctx.deps.people.list(listing);
    Json results = Json::array();
    for (const auto& p : page.items)
        results.push_back(person_json(p));
    return ok(page_answer(ctx, page.count, page.page, page.pages, std::move(results)));
}

Response get_user(Context& ctx) {
    return ok(person_json(ctx.deps.people.get(user_id(ctx))));
}

Response update_user(Context& ctx) {
    const auto id = user_id(ctx);
    FieldErrors errors;
    domain::PersonChange change;
    if (auto role = read_string(ctx.body, "role", errors, {.required = false}))
        change.role = read_role(*role, "role", errors);
    change.active = read_boolean(ctx.body, "is_active", errors, false);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    return ok(person_json(ctx.deps.people.change(id, change, actor_of(ctx))));
}

Response reset_password(Context& ctx) {
    const auto id = user_id(ctx);
    return ok(Json{{"temporary_password", ctx.deps.people.reset_password(id, actor_of(ctx))}});
}

}  // namespace sweetshop::http::handlers
