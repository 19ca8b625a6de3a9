#include "http/openapi.hpp"

#include "http/message.hpp"
#include "http/routes.hpp"

namespace sweetshop::http {

namespace {
using Json = nlohmann::ordered_json;

Json ref(const std::string& name) {
    return Json{{"$ref", "#/components/schemas/" + name}};
}

Json string_prop(const char* description = nullptr) {
    Json j{{"type", "string"}};
    if (description) j["description"] = description;
    return j;
}

Json components() {
    Json s = Json::object();
    s["Detail"] = {{"type", "object"},
                   {"required", {"detail"}},
                   {"properties", {{"detail", string_prop()}, {"code", string_prop()}}}};
    s["FieldErrors"] = {{"type", "object"},
                        {"description", "Every invalid field with its messages, in declaration order."},
                        {"additionalProperties", {{"type", "array"}, {"items", {{"type", "string"}}}}}};
    s["TokenError"] = {
        {"type", "object"},
        {"required", {"detail"}},
        {"properties",
         {{"detail", string_prop()},
          {"code", string_prop()},
          {"messages",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"token_class", string_prop()}, {"token_type", string_prop()}, {"message", string_prop()}}}}}}}}}};
    s["ApiRoot"] = {{"type", "object"}, {"properties", {{"sweets", {{"type", "string"}, {"format", "uri"}}}}}};
    s["Registration"] = {
        {"type", "object"},
        {"required", {"username", "password"}},
        {"properties",
         {{"username",
           {{"type", "string"},
            {"maxLength", 150},
            {"description", "Letters, digits and @/./+/-/_ only; trimmed; unique (case-sensitive)."}}},
          {"email", {{"type", "string"}, {"maxLength", 254}, {"description", "Optional; may be blank."}}},
          {"password", {{"type", "string"}, {"minLength", 8}, {"maxLength", 128}, {"writeOnly", true}}}}}};
    s["RegisteredUser"] = {
        {"type", "object"},
        {"properties", {{"id", {{"type", "integer"}}}, {"username", string_prop()}, {"email", string_prop()}}}};
    s["Login"] = {
        {"type", "object"},
        {"required", {"username", "password"}},
        {"properties", {{"username", string_prop()}, {"password", {{"type", "string"}, {"writeOnly", true}}}}}};
    s["User"] = {{"type", "object"},
                 {"properties",
                  {{"id", {{"type", "integer"}}},
                   {"username", string_prop()},
                   {"email", string_prop()},
                   {"is_staff", {{"type", "boolean"}}}}}};
    s["LoginResult"] = {
        {"type", "object"},
        {"properties",
         {{"refresh", string_prop("Refresh token (JWT, HS256), valid JWT_REFRESH_DAYS")},
          {"access",
           string_prop("Access token (JWT, HS256), valid JWT_ACCESS_MINUTES; send as `Authorization: Bearer`")},
          {"user", ref("User")}}}};
    s["Refresh"] = {{"type", "object"}, {"required", {"refresh"}}, {"properties", {{"refresh", string_prop()}}}};
    s["AccessToken"] = {{"type", "object"}, {"properties", {{"access", string_prop()}}}};
    return s;
}

const char* status_text(int status) {
    switch (status) {
        case 400:
            return "Invalid input";
        case 401:
            return "Not authenticated, or bad credentials or token";
        case 403:
            return "Not allowed";
        case 429:
            return "Too many failed attempts (see Retry-After)";
        case 503:
            return "Database unavailable";
    }
    return reason_phrase(status);
}

Json operation(const Route& route) {
    Json op;
    op["summary"] = route.doc.summary;
    std::string id = route.method;
    for (char c : route.pattern)
        id += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    op["operationId"] = id;
    if (route.access != Access::Public) {
        op["security"] = Json::array({Json{{"bearerAuth", Json::array()}}});
    }
    Json params = Json::array();
    auto pattern = std::string_view(route.pattern);
    for (auto open = pattern.find('{'); open != std::string_view::npos; open = pattern.find('{', open + 1)) {
        const auto close = pattern.find('}', open);
        auto name = std::string(pattern.substr(open + 1, close - open - 1));
        const bool any = !name.empty() && name.back() == '*';
        if (any) name.pop_back();
        params.push_back({{"name", name},
                          {"in", "path"},
                          {"required", true},
                          {"schema", any ? Json{{"type", "string"}} : Json{{"type", "integer"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!route.doc.request_schema.empty()) {
        op["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", ref(route.doc.request_schema)}}}}}};
    }
    Json responses = Json::object();
    for (const auto& [status, schema] : route.doc.responses) {
        Json r{{"description", status_text(status)}};
        if (!schema.empty()) r["content"] = {{"application/json", {{"schema", ref(schema)}}}};
        responses[std::to_string(status)] = r;
    }
    if (route.access != Access::Public)
        responses["401"] = {{"description", status_text(401)},
                            {"content", {{"application/json", {{"schema", ref("TokenError")}}}}}};
    if (route.access == Access::Admin)
        responses["403"] = {{"description", status_text(403)},
                            {"content", {{"application/json", {{"schema", ref("Detail")}}}}}};
    if (responses.empty()) responses["200"] = {{"description", "OK"}};
    op["responses"] = responses;
    return op;
}

Json build() {
    Json doc;
    doc["openapi"] = "3.0.3";
    doc["info"] = {{"title", "Sweet Shop API"},
                   {"version", "1.0.0"},
                   {"description",
                    "Every route answers with and without its trailing slash. Errors are JSON: {\"detail\": ...} or "
                    "field errors {\"field\": [messages]}. Bodies are application/json, at most the configured "
                    "limit (413 beyond)."}};
    Json paths = Json::object();
    for (const auto& route : api_routes()) {
        if (route.doc.hidden) continue;
        std::string method = route.method;
        for (auto& c : method)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string path;
        for (char c : route.pattern)
            if (c != '*') path += c;
        paths[path][method] = operation(route);
    }
    doc["paths"] = paths;
    doc["components"] = {
        {"schemas", components()},
        {"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}};
    return doc;
}

void yaml_into(const Json& v, std::string& out, int indent, bool in_list) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (v.is_object() && !v.empty()) {
        bool first = true;
        for (const auto& [k, child] : v.items()) {
            if (!(first && in_list)) out += pad;
            first = false;
            out += Json(k).dump() + ":";
            if ((child.is_object() || child.is_array()) && !child.empty()) {
                out += "\n";
                yaml_into(child, out, indent + 2, false);
            } else {
                out += " ";
                yaml_into(child, out, 0, false);
            }
        }
    } else if (v.is_array() && !v.empty()) {
        for (const auto& child : v) {
            out += pad + "- ";
            if ((child.is_object() || child.is_array()) && !child.empty())
                yaml_into(child, out, indent + 2, true);
            else
                yaml_into(child, out, 0, false);
        }
    } else {
        out += v.dump() + "\n";  // JSON scalars and empty containers are valid YAML flow values
    }
}
}  // namespace

std::string to_yaml(const Json& value) {
    std::string out;
    yaml_into(value, out, 0, false);
    return out;
}

const Json& openapi_document() {
    static const Json doc = build();
    return doc;
}

const std::string& openapi_json() {
    static const std::string text = openapi_document().dump();
    return text;
}

const std::string& openapi_yaml() {
    static const std::string text = to_yaml(openapi_document());
    return text;
}

}  // namespace sweetshop::http
