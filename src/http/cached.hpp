#pragma once
// Answering from the response cache (Deps::responses) while the data has not changed.
#include <string>

#include "http/routes.hpp"

namespace sweetshop::http {

/// Answers from the response cache when the data has not changed since `key` was rendered; otherwise renders it
/// with `render` and keeps it for the next request.
template <class Render>
Response cached(Context& ctx, const std::string& key, Render render) {
    const auto version = ctx.deps.responses && ctx.deps.data_version ? ctx.deps.data_version() : std::nullopt;
    Response response;
    if (version) {
        if (auto hit = ctx.deps.responses->find(key, *version)) {
            response.body = std::move(*hit);
            return response;
        }
    }
    response.body = render();
    if (version) ctx.deps.responses->store(key, *version, response.body);
    return response;
}

}  // namespace sweetshop::http
