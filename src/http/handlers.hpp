#pragma once
// Handlers: functions from a request context to a response value, one group per resource.
#include "http/routes.hpp"

namespace sweetshop::http::handlers {

// accounts.cpp
Response register_user(Context& ctx);
Response login(Context& ctx);
Response refresh_token(Context& ctx);
Response current_user(Context& ctx);

// meta.cpp
Response api_root(Context& ctx);
Response schema(Context& ctx);
Response docs_page(Context& ctx);
Response docs_asset(Context& ctx);

}  // namespace sweetshop::http::handlers
