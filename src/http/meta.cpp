// Handlers for the API root, the OpenAPI document and the docs page (rows #12, #13, #14).
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/openapi.hpp"
#include "resources/resources.hpp"

namespace sweetshop::http::handlers {

namespace {
/// "http://host" from the request (X-Forwarded-Proto is honoured behind a proxy).
std::string origin_of(const Request& r) {
    std::string scheme = "http";
    if (auto proto = r.header("X-Forwarded-Proto"); proto && *proto == "https") scheme = "https";
    return scheme + "://" + std::string(r.header("Host").value_or("localhost"));
}

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
<script>
window.ui = SwaggerUIBundle({url: "/api/schema/", dom_id: "#swagger-ui", deepLinking: true});
</script>
</body>
</html>
)";
}  // namespace

Response api_root(Context& ctx) {
    return json_response(200, Json{{"sweets", origin_of(ctx.request) + "/api/sweets/"}});
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
    return r;
}

Response docs_asset(Context& ctx) {
    const auto name = ctx.request.param("asset");
    auto data = resources::find("docs/" + std::string(name));
    if (!data) fail(404, "Not found.");
    Response r;
    r.body = std::string(*data);
    r.content_type = name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    r.header("Cache-Control", "public, max-age=86400");
    return r;
}

}  // namespace sweetshop::http::handlers
