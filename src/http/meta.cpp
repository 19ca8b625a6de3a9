// Handlers for the API root, the OpenAPI document and the docs page (rows #12, #13, #14).
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/links.hpp"
#include "http/openapi.hpp"
#include "resources/resources.hpp"

namespace sweetshop::http::handlers {

namespace {
constexpr const char* kDocsPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sweet Shop API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
)";

/// The page's own script, a file so that the Content-Security-Policy allows no inline script.
constexpr const char* kDocsInit =
    "window.ui = SwaggerUIBundle({url: \"/api/schema/\", dom_id: \"#swagger-ui\", deepLinking: true});\n";

/// Scripts only from the shop; Swagger UI sets inline styles and draws its icons from data: URLs; no framing.
constexpr const char* kDocsPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
}  // namespace

Response api_root(Context& ctx) {
    return ok(Json{{"sweets", public_origin(ctx.request, ctx.deps.settings) + "/api/sweets/"}});
}

Response shop_info(Context& ctx) {
    const auto& s = ctx.deps.settings;
    return ok(Json{{"name", s.shop_name},
                   {"address", s.shop_address},
                   {"currency", s.currency},
                   {"locale", s.locale},
                   {"time_zone", s.time_zone->name()},
                   {"storefront", s.storefront}});
}

Response schema(Context& ctx) {
    Response r;
    if (ctx.request.query_value("format") == "yaml") {
        r.body = openapi_yaml();
        r.content_type = "application/yaml";
    } else {
        r.body = openapi_json();
        r.content_type = "application/json";
    }
    return r;
}

Response docs_page(Context&) {
    Response r;
    r.body = kDocsPage;
    r.content_type = "text/html; charset=utf-8";
    r.header("Content-Security-Policy", kDocsPolicy);
    r.header("X-Frame-Options", "DENY");
    return r;
}

Response docs_asset(Context& ctx) {
    const auto name = ctx.request.param("asset");
    if (name == "init.js") {
        Response r;
        r.body = kDocsInit;
        r.content_type = "text/javascript; charset=utf-8";
        return r;
    }
    auto data = resources::find("docs/" + std::string(name));
    if (!data) throw domain::Error(domain::ErrorCode::NotFound, kNotFound);
    Response r;
    r.body = std::string(*data);
    r.content_type = name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    r.header("Cache-Control", "public, max-age=86400");
    return r;
}

}  // namespace sweetshop::http::handlers
