#include "http/openapi.hpp"

#include <algorithm>

#include "domain/accounts.hpp"
#include "domain/catalogue.hpp"
#include "domain/inventory.hpp"
#include "http/message.hpp"
#include "http/openapi_schema.hpp"
#include "http/routes.hpp"

namespace sweetshop::http {

namespace {
using namespace schema;

Json components() {
    Json s = Json::object();
    s["Detail"] = {{"type", "object"},
                   {"required", {"detail"}},
                   {"properties", {{"detail", string_prop()}, {"code", string_prop()}}}};
    s["FieldErrors"] = {
        {"type", "object"},
        {"description",
         "Every invalid field with its messages, in declaration order. A list field may instead hold one error "
         "object per element ({} for a good one), and an object field its own field errors."},
        {"additionalProperties",
         {{"anyOf",
           {{{"type", "array"}, {"items", {{"anyOf", {{{"type", "string"}}, ref("FieldErrors")}}}}},
            ref("FieldErrors")}}}}};
    s["BadRequest"] = {{"description",
                        "Field errors (`non_field_errors` for a body that is not an object), or `{\"detail\"}`: a "
                        "malformed JSON body (`JSON parse error - ...`) or a refused request such as "
                        "`Insufficient stock`."},
                       {"anyOf", {ref("FieldErrors"), ref("Detail")}}};
    s["InsufficientStock"] = {
        {"type", "object"},
        {"required", {"detail"}},
        {"properties",
         {{"detail", {{"type", "string"}, {"enum", {"Insufficient stock"}}}},
          {"available",
           {{"type", "integer"},
            {"minimum", 0},
            {"description",
             "What was for sale when the purchase was refused (pieces, or grams for a sweet sold by "
             "weight); after the original's `detail`, which is all its clients read."}}}}}};
    s["PurchaseErrors"] = {{"description", "The amount's field errors, or `Insufficient stock` with what is left."},
                           {"anyOf", {ref("FieldErrors"), ref("InsufficientStock")}}};
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
    s["ApiRoot"] = answer_object({{"sweets", {{"type", "string"}, {"format", "uri"}}}});
    s["Registration"] = {
        {"type", "object"},
        {"required", {"username", "password"}},
        {"properties",
         {{"username",
           {{"type", "string"},
            {"maxLength", domain::kUsernameMaxChars},
            {"description", "Letters, digits and @/./+/-/_ only; trimmed; unique (case-sensitive)."}}},
          {"email",
           {{"type", "string"}, {"maxLength", domain::kEmailMaxChars}, {"description", "Optional; may be blank."}}},
          {"password",
           {{"type", "string"},
            {"minLength", domain::kPasswordMinChars},
            {"maxLength", domain::kPasswordMaxChars},
            {"writeOnly", true}}}}}};
    s["RegisteredUser"] =
        answer_object({{"id", {{"type", "integer"}}}, {"username", string_prop()}, {"email", string_prop()}});
    s["Login"] = {
        {"type", "object"},
        {"required", {"username", "password"}},
        {"properties", {{"username", string_prop()}, {"password", {{"type", "string"}, {"writeOnly", true}}}}}};
    s["User"] =
        answer_object({{"id", {{"type", "integer"}}},
                       {"username", string_prop()},
                       {"email", string_prop()},
                       {"is_staff", {{"type", "boolean"}, {"description", "true for staff and the owner"}}},
                       {"role",
                        {{"type", "string"},
                         {"enum", {"customer", "staff", "owner"}},
                         {"description",
                          "staff: the catalogue, stock, orders, refunds, the counter; owner: also people, roles, "
                          "costs and profit"}}},
                       {"must_change_password",
                        {{"type", "boolean"},
                         {"description",
                          "A temporary password (an owner's reset): change it with POST /api/auth/password/ "
                          "before anything else"}}}});
    s["LoginResult"] = answer_object(
        {{"refresh", string_prop("Refresh token (JWT, HS256), valid JWT_REFRESH_DAYS")},
         {"access",
          string_prop("Access token (JWT, HS256), valid JWT_ACCESS_MINUTES; send as `Authorization: Bearer`")},
         {"user", ref("User")}});
    s["Refresh"] = {{"type", "object"}, {"required", {"refresh"}}, {"properties", {{"refresh", string_prop()}}}};
    s["Logout"] = {{"type", "object"},
                   {"properties", {{"refresh", string_prop("Required without the session cookie")}}}};
    s["SessionStart"] = answer_object(
        {{"access", string_prop("Access token (JWT, HS256), valid JWT_ACCESS_MINUTES; keep it in memory")},
         {"user", ref("User")}});
    s["PasswordChange"] = {{"type", "object"},
                           {"required", {"current_password", "new_password"}},
                           {"properties",
                            {{"current_password", {{"type", "string"}, {"writeOnly", true}}},
                             {"new_password",
                              {{"type", "string"},
                               {"minLength", domain::kPasswordMinChars},
                               {"maxLength", domain::kPasswordMaxChars},
                               {"writeOnly", true}}}}}};
    s["AccountChange"] = {{"type", "object"},
                          {"required", {"email"}},
                          {"properties", {{"email", {{"type", "string"}, {"maxLength", domain::kEmailMaxChars}}}}}};
    {
        const Json time = {{"type", "string"}, {"format", "date-time"}};
        s["Session"] = answer_object(
            {{"id", {{"type", "integer"}}},
             {"device", string_prop("The User-Agent it signed in with")},
             {"kind", {{"type", "string"}, {"enum", {"web", "token"}}}},
             {"created", time},
             {"last_used",
              {{"type", "string"}, {"format", "date-time"}, {"description", "The last sign-in or token refresh"}}},
             {"expires", time},
             {"current", {{"type", "boolean"}}}});
        s["SessionList"] = answer_object(
            {{"count", {{"type", "integer"}}}, {"results", {{"type", "array"}, {"items", ref("Session")}}}});
        s["SessionsEnded"] = answer_object({{"ended", {{"type", "integer"}}}});
        s["TemporaryPassword"] = answer_object({{"temporary_password", string_prop("Shown once")}});
        s["AuditEntry"] = answer_object({{"id", {{"type", "integer"}}},
                                         {"at", time},
                                         {"actor", string_prop()},
                                         {"action", string_prop()},
                                         {"subject_type", string_prop()},
                                         {"subject_id", {{"type", "integer"}, {"nullable", true}}},
                                         {"subject", string_prop("Its name as it was")},
                                         {"details", {{"type", "object"}}}});
        s["AuditPage"] = answer_object({{"next", {{"type", "string"}, {"format", "uri"}, {"nullable", true}}},
                                        {"results", {{"type", "array"}, {"items", ref("AuditEntry")}}}});
    }
    s["AccessToken"] = answer_object({{"access", string_prop()}});
    {
        Json person = s["User"];
        auto& props = person["properties"];
        props["is_active"] = {{"type", "boolean"}, {"description", "false: deactivated, cannot sign in"}};
        props["date_joined"] = {{"type", "string"}, {"format", "date-time"}};
        props["last_login"] = {{"type", "string"}, {"format", "date-time"}, {"nullable", true}};
        props["orders"] = {{"type", "integer"}, {"description", "Orders placed as the customer"}};
        for (const char* name : {"is_active", "date_joined", "last_login", "orders"})
            person["required"].push_back(name);
        s["Person"] = person;
        s["PersonPage"] = page_of("Person");
        s["PersonChange"] = {{"type", "object"},
                             {"properties",
                              {{"role", {{"type", "string"}, {"enum", {"customer", "staff", "owner"}}}},
                               {"is_active", {{"type", "boolean"}}}}}};
    }
    s["Shop"] = answer_object({{"name", {{"type", "string"}}},
                               {"address", {{"type", "string"}}},
                               {"currency", {{"type", "string"}, {"pattern", "^[A-Z]{3}$"}}},
                               {"locale", {{"type", "string"}}},
                               {"time_zone", {{"type", "string"}}},
                               {"storefront", {{"type", "boolean"}}}});
    s["Health"] = answer_object({{"status", {{"type", "string"}, {"enum", {"ok"}}}}});
    s["CategoryMetrics"] = {{"type", "array"},
                            {"items", answer_object({{"category", string_prop()},
                                                     {"sweet_count", {{"type", "integer"}}},
                                                     {"total_quantity", {{"type", "integer"}}}})}};

    const Json price = {{"type", "string"},
                        {"pattern", "^[0-9]{1,6}\\.[0-9]{2}$"},
                        {"example", "3.50"},
                        {"description", "Exact decimal money, two decimals."}};
    const Json price_in = {
        {"oneOf", {{{"type", "string"}}, {{"type", "number"}}}},
        {"example", "3.50"},
        {"description",
         "A JSON number or a numeric string: at most 8 digits, 2 decimals and 6 before the point, not negative. "
         "Never rounded: 3.555 is refused."}};
    const Json quantity_in = {{"type", "integer"}, {"minimum", 0}, {"maximum", domain::kMaxQuantity}, {"default", 0}};
    const Json timestamp = {{"type", "string"}, {"format", "date-time"}, {"example", "2025-12-14T13:52:12.123456Z"}};
    s["Sweet"] = answer_object({{"id", {{"type", "integer"}}},
                                {"name", string_prop()},
                                {"category", string_prop()},
                                {"description", string_prop()},
                                {"price", price},
                                {"quantity", {{"type", "integer"}, {"minimum", 0}}},
                                {"is_available", {{"type", "boolean"}, {"description", "quantity > 0"}}},
                                {"created_by", string_prop("The creator's username")},
                                {"created_at", timestamp},
                                {"updated_at", timestamp}});
    const Json sweet_fields = {
        {"name",
         {{"type", "string"},
          {"minLength", 1},
          {"maxLength", domain::kNameMaxChars},
          {"description", "Unique, trimmed."}}},
        {"category", {{"type", "string"}, {"minLength", 1}, {"maxLength", domain::kCategoryMaxChars}}},
        {"description",
         {{"type", "string"},
          {"maxLength", domain::kDescriptionMaxChars},
          {"description", "May be blank; never null."}}},
        {"price", price_in},
        {"quantity", quantity_in}};
    s["SweetCreate"] = {{"type", "object"}, {"required", {"name", "category", "price"}}, {"properties", sweet_fields}};
    s["SweetUpdate"] = {{"type", "object"}, {"required", {"name", "category", "price"}}, {"properties", sweet_fields}};
    s["SweetPatch"] = {{"type", "object"}, {"properties", sweet_fields}};
    s["SweetPage"] = page_of("Sweet");
    s["StorefrontSweet"] = answer_object(
        {{"id", {{"type", "integer"}}},
         {"name", string_prop()},
         {"category", string_prop()},
         {"description", string_prop()},
         {"price", price},
         {"availability",
          {{"type", "string"},
           {"enum", {"in_stock", "low", "sold_out"}},
           {"description", "low: 5 units or fewer are left (see `left`)"}}},
         {"left",
          {{"type", "integer"}, {"nullable", true}, {"description", "The units left when low; null otherwise"}}}});
    s["StorefrontPage"] = page_of("StorefrontSweet");
    s["StockChange"] = {
        {"type", "object"},
        {"required", {"amount"}},
        {"properties",
         {{"amount", {{"type", "integer"}, {"minimum", 1}, {"maximum", domain::kMaxQuantity}}},
          {"best_before",
           {{"type", "string"},
            {"format", "date"},
            {"nullable", true},
            {"description",
             "Restock only: the batch's best-before date (YYYY-MM-DD, today or later in SWEETSHOP_TIME_ZONE); "
             "absent or null (and no lot): the undated stock. A restock of the same date and lot adds to that "
             "batch."}}},
          {"lot",
           {{"type", "string"},
            {"maxLength", domain::kLotMaxChars},
            {"description", "Restock only: the batch's lot (default empty)."}}}}}};
    s["StockReport"] = answer_object(
        {{"ok", {{"type", "boolean"}}},
         {"checked", {{"type", "integer"}, {"description", "Sweets checked"}}},
         {"mismatches",
          {{"type", "array"},
           {"description", "Sweets (deleted ones included) whose quantity differs from the sum of their ledger"},
           {"items", answer_object({{"sweet_id", {{"type", "integer"}}},
                                    {"name", string_prop()},
                                    {"quantity", {{"type", "integer"}}},
                                    {"ledger_sum", {{"type", "integer"}}}})}}},
         {"sales_mismatches",
          {{"type", "array"},
           {"description",
            "Sweets whose units sold (order lines) or restocked by refunds differ from their ledger's sale and refund "
            "entries"},
           {"items", answer_object({{"sweet_id", {{"type", "integer"}}},
                                    {"name", string_prop()},
                                    {"sold", {{"type", "integer"}}},
                                    {"ledger_sold", {{"type", "integer"}}},
                                    {"restocked", {{"type", "integer"}}},
                                    {"ledger_restocked", {{"type", "integer"}}}})}}},
         {"summary_mismatches",
          {{"type", "array"},
           {"description",
            "Figures of the reports' summaries (over all time: the totals, a sweet's or a category's) that differ "
            "from the order lines and refunds they summarise"},
           {"items", answer_object({{"summary", string_prop()},
                                    {"key",
                                     {{"type", "string"},
                                      {"description",
                                       "A sweet's id, a category, or empty "
                                       "for the totals"}}},
                                    {"figure", string_prop()},
                                    {"summarised", {{"type", "integer"}}},
                                    {"from_lines", {{"type", "integer"}}}})}}},
         {"batch_mismatches",
          {{"type", "array"},
           {"description",
            "check batch: a batch's units differ from the sum of its moves; sweet: a sweet's batched_units differ from "
            "its "
            "batch rows' units (found) or exceed its quantity (expected); entry: a ledger entry's batch moves change "
            "the quantity another way than the entry, or by more"},
           {"items", answer_object({{"check", {{"type", "string"}, {"enum", {"batch", "sweet", "entry"}}}},
                                    {"id", {{"type", "integer"}}},
                                    {"sweet_id", {{"type", "integer"}}},
                                    {"expected", {{"type", "integer"}}},
                                    {"found", {{"type", "integer"}}}})}}}});
    order_components(s, price, price_in, timestamp);
    stock_components(s, price, price_in, timestamp);
    report_components(s);
    return s;
}

Json query_param(const char* name, const char* description, Json schema = Json{{"type", "string"}}) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", schema}};
}

Json parameters() {
    Json p = Json::object();
    p["q"] = query_param("q",
                         "A search: every word must begin a word of the name, category or description, ignoring "
                         "case and accents (at most 200 characters; the first 10 words count).");
    p["name"] = query_param("name", "Case-insensitive substring of the name.");
    p["category"] = query_param("category", "Case-insensitive substring of the category.");
    p["min_price"] = query_param("min_price", "Price at least this (a decimal); otherwise 400.");
    p["max_price"] = query_param("max_price", "Price at most this (a decimal); otherwise 400.");
    p["ordering"] = query_param("ordering",
                                "Comma-separated fields among name, price, quantity, created_at, updated_at, category, "
                                "reorder_level, alphabetical (names as people sort them), each "
                                "optionally prefixed with - for descending; at most 5, each field once (otherwise "
                                "400). Default: name.");
    p["active"] = query_param("active",
                              "Staff: true for the sweets on sale, false for the archived ones (default: both). "
                              "Customers always see the sweets on sale only.",
                              Json{{"type", "boolean"}});
    p["stock"] =
        query_param("stock", "Staff: low (at or below the reorder level) or out (none left). Ignored for customers.",
                    Json{{"type", "string"}, {"enum", {"low", "out"}}});
    p["sku"] = query_param("sku", "The sweet with exactly this SKU (staff's lists and customers' alike).");
    p["barcode"] = query_param("barcode",
                               "The sweet with this barcode: 13 digits (EAN-13) or 12 (UPC-A), spaces and dashes "
                               "ignored, the check digit verified (otherwise 400). What a USB scanner types.");
    p["before"] = query_param("before", "Entries older than this entry id (the `next` link sets it).",
                              Json{{"type", "integer"}, {"minimum", 1}});
    p["history_page_size"] = query_param("page_size", "Entries per page, 1 to 500 (default 50).",
                                         Json{{"type", "integer"}, {"minimum", 1}, {"maximum", 500}});
    p["alert_status"] =
        query_param("status", "open (default) or all.", Json{{"type", "string"}, {"enum", {"open", "all"}}});
    p["expiring_days"] = query_param("days",
                                     "Batches best before today + days or earlier (0 to 366, default 7; days are "
                                     "SWEETSHOP_TIME_ZONE's).",
                                     Json{{"type", "integer"}, {"minimum", 0}, {"maximum", 366}});
    p["alert_page_size"] = query_param("page_size", "At most this many alerts, 1 to 500 (default 100).",
                                       Json{{"type", "integer"}, {"minimum", 1}, {"maximum", 500}});
    p["export_from"] = query_param("from", "Rows from this day (YYYY-MM-DD, in SWEETSHOP_TIME_ZONE).",
                                   Json{{"type", "string"}, {"format", "date"}});
    p["export_to"] = query_param("to", "Rows up to this day, included (YYYY-MM-DD, in SWEETSHOP_TIME_ZONE).",
                                 Json{{"type", "string"}, {"format", "date"}});
    p["import_apply"] = query_param("apply", "true writes the plan (all or nothing); false or absent: a dry run.",
                                    Json{{"type", "boolean"}});
    p["export_format"] =
        query_param("format", "csv (the default and the only format).", Json{{"type", "string"}, {"enum", {"csv"}}});
    p["report_from"] =
        query_param("from", "The first day (YYYY-MM-DD, in SWEETSHOP_TIME_ZONE). Default: 29 days before `to`.",
                    Json{{"type", "string"}, {"format", "date"}});
    p["report_to"] = query_param("to", "The last day, included (YYYY-MM-DD, in SWEETSHOP_TIME_ZONE). Default: today.",
                                 Json{{"type", "string"}, {"format", "date"}});
    p["report_group"] = query_param("group", "Rows by day (default), week (from Monday), month, sweet or category.",
                                    Json{{"type", "string"}, {"enum", {"day", "week", "month", "sweet", "category"}}});
    p["best_by"] = query_param("by", "units (sold less refunded; default) or revenue (net).",
                               Json{{"type", "string"}, {"enum", {"units", "revenue"}}});
    p["best_limit"] = query_param("limit", "At most this many sweets, 1 to 100 (default 10).",
                                  Json{{"type", "integer"}, {"minimum", 1}, {"maximum", 100}});
    p["user_search"] = query_param("search", "A part of the username or the email, ignoring ASCII case.");
    p["user_role"] = query_param("role", "customer, staff or owner.",
                                 Json{{"type", "string"}, {"enum", {"customer", "staff", "owner"}}});
    p["user_active"] =
        query_param("active", "true: those who may sign in; false: the deactivated.", Json{{"type", "boolean"}});
    p["audit_actor"] = query_param("actor", "Entries of this user (a username, exactly).");
    p["audit_action"] =
        query_param("action", "This action exactly (`sweet.edit`), or a group ending in a dot (`sweet.`).");
    p["audit_subject_type"] = query_param("subject_type", "sweet, order or user.");
    p["audit_subject"] =
        query_param("subject", "The subject's id (with `subject_type`).", Json{{"type", "integer"}, {"minimum", 1}});
    p["audit_format"] = query_param("format", "json (default) or csv (every matching entry, streamed).",
                                    Json{{"type", "string"}, {"enum", {"json", "csv"}}});
    p["page"] = query_param("page", "Page number from 1, or `last`. Past the end: 404 `Invalid page.`");
    p["page_size"] = query_param("page_size", "Results per page, 1 to 100 (default 25).",
                                 Json{{"type", "integer"}, {"minimum", 1}, {"maximum", domain::kMaxPageSize}});
    p["customer"] = query_param("customer",
                                "Staff: orders of this customer (username). A customer sees only their "
                                "own orders, whatever this says.");
    p["from"] = query_param("from", "Orders placed on or after this day (YYYY-MM-DD, in SWEETSHOP_TIME_ZONE).",
                            Json{{"type", "string"}, {"format", "date"}});
    p["to"] = query_param("to", "Orders placed on or before this day (YYYY-MM-DD, in SWEETSHOP_TIME_ZONE).",
                          Json{{"type", "string"}, {"format", "date"}});
    p["status"] = query_param("status", "paid, partially_refunded or refunded.",
                              Json{{"type", "string"}, {"enum", {"paid", "partially_refunded", "refunded"}}});
    p["IdempotencyKey"] = {
        {"name", "Idempotency-Key"},
        {"in", "header"},
        {"required", false},
        {"description",
         "1-255 printable ASCII characters (otherwise 400 `Invalid Idempotency-Key.`). A retry "
         "with the same key replays the first answer with `Idempotent-Replayed: true`. A user "
         "holds at most SWEETSHOP_IDEMPOTENCY_MAX_KEYS keys within 24 hours; a new one past "
         "that is 429 with Retry-After."},
        {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", domain::kIdempotencyKeyMaxChars}}}};
    return p;
}

const char* status_text(int status) {
    switch (status) {
        case 400:
            return "Invalid input";
        case 401:
            return "Not authenticated, or bad credentials or token";
        case 403:
            return "Not allowed";
        case 409:
            return "A request with this Idempotency-Key is in progress";
        case 422:
            return "Idempotency-Key reused with a different request";
        case 429:
            return "Too many failed attempts or Idempotency-Keys (see Retry-After)";
        case 413:
            return "Request body too large";
        case 415:
            return "Unsupported media type (send JSON)";
        case 500:
            return "A server error occurred (the cause only in the server's log)";
        case 503:
            return "Database unavailable";
    }
    return reason_phrase(status);
}

/// The path parameters of a pattern (`{id}`: an integer; `{path*}`: a string), then the named shared ones.
Json parameters(const Route& route) {
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
    for (const auto& name : route.doc.parameters)
        params.push_back(Json{{"$ref", "#/components/parameters/" + name}});
    return params;
}

/// An answer's description and content: the component `schema` as JSON, or (`schema` "html") an HTML document.
Json answer(int status, const std::string& schema) {
    Json r{{"description", status_text(status)}};
    if (schema == "html")
        r["content"] = {{"text/html", {{"schema", {{"type", "string"}}}}}};
    else if (schema == "webp")
        r["content"] = {{"image/webp", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    else if (schema == "csv")
        r["content"] = {{"text/csv", {{"schema", {{"type", "string"}}}}}};
    else if (!schema.empty())
        r["content"] = {{"application/json", {{"schema", ref(schema)}}}};
    return r;
}

/// The route's own answers, then the general ones wherever the route can give them.
Json responses(const Route& route) {
    Json out = Json::object();
    const bool keyed = std::find(route.doc.parameters.begin(), route.doc.parameters.end(), "IdempotencyKey") !=
                       route.doc.parameters.end();
    for (const auto& [status, schema] : route.doc.responses) {
        Json r = answer(status, schema);
        if (keyed && (status == 200 || status == 400 || status == 404))
            r["headers"] = {{"Idempotent-Replayed",
                             {{"description",
                               "`true` when this is the stored answer of an earlier request with the "
                               "same Idempotency-Key"},
                              {"schema", {{"type", "string"}, {"enum", {"true"}}}}}}};
        out[std::to_string(status)] = r;
    }
    auto general = [&](int status, const char* schema) {
        if (!out.contains(std::to_string(status))) out[std::to_string(status)] = answer(status, schema);
    };
    if (route.upload) general(413, "Detail");
    if (route.json_body) {  // any body can be malformed (its headers, if any, stay)
        auto& bad = out["400"];
        bad["description"] = status_text(400);
        Json schema = ref("BadRequest");
        for (const auto& [status, own] : route.doc.responses)
            if (status == 400 && own != "FieldErrors") schema = {{"anyOf", {ref(own), ref("BadRequest")}}};
        bad["content"] = {{"application/json", {{"schema", schema}}}};
        general(413, "Detail");
        general(415, "Detail");
    }
    if (route.pool != Pool::Inline) general(503, "Detail");
    general(500, "Detail");
    if (route.access != Access::Public) out["401"] = answer(401, "TokenError");
    if (route.access == Access::Admin || route.access == Access::Owner) out["403"] = answer(403, "Detail");
    if (out.empty()) out["200"] = {{"description", "OK"}};
    return out;
}

Json operation(const Route& route) {
    Json op;
    op["summary"] = route.doc.summary;
    std::string id = route.method;
    for (char c : route.pattern)
        id += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    op["operationId"] = id;
    if (route.access == Access::Optional) {  // anonymous, or a Bearer token that must then be valid
        op["security"] = Json::array({Json::object(), Json{{"bearerAuth", Json::array()}}});
    } else if (route.access != Access::Public) {
        op["security"] = Json::array({Json{{"bearerAuth", Json::array()}}});
    }
    if (auto params = parameters(route); !params.empty()) op["parameters"] = params;
    if (!route.doc.description.empty()) op["description"] = route.doc.description;
    const Json binary{{"schema", {{"type", "string"}, {"format", "binary"}}}};
    if (route.doc.request_schema == "image") {  // the file itself as the body
        op["requestBody"] = {{"required", true},
                             {"content", {{"image/jpeg", binary}, {"image/png", binary}, {"image/webp", binary}}}};
    } else if (route.doc.request_schema == "csv") {
        op["requestBody"] = {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}};
    } else if (!route.doc.request_schema.empty()) {
        op["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", ref(route.doc.request_schema)}}}}}};
    }
    op["responses"] = responses(route);
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
        {"parameters", parameters()},
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
