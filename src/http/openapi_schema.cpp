// The schema helpers of the OpenAPI document and the orders' schemas.
#include "http/openapi_schema.hpp"

#include "domain/catalogue.hpp"
#include "domain/orders.hpp"

namespace sweetshop::http::schema {

Json ref(const std::string& name) {
    return Json{{"$ref", "#/components/schemas/" + name}};
}

Json string_prop(const char* description) {
    Json j{{"type", "string"}};
    if (description) j["description"] = description;
    return j;
}

/// An object the server always answers whole: every property is required.
Json answer_object(Json properties) {
    Json required = Json::array();
    for (const auto& [name, schema] : properties.items())
        required.push_back(name);
    return {{"type", "object"}, {"required", required}, {"properties", std::move(properties)}};
}

/// The object with these properties no longer required, described as the owner's only (staff answers leave them
/// out).
Json owner_only(Json object, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        auto& required = object["required"];
        for (auto it = required.begin(); it != required.end(); ++it)
            if (*it == name) {
                required.erase(it);
                break;
            }
        auto& prop = object["properties"][name];
        prop["description"] = std::string("Owner only. ") + prop.value("description", std::string());
    }
    return object;
}

Json page_of(const std::string& item) {
    return answer_object({{"count", {{"type", "integer"}}},
                          {"next", {{"type", "string"}, {"format", "uri"}, {"nullable", true}}},
                          {"previous", {{"type", "string"}, {"format", "uri"}, {"nullable", true}}},
                          {"results", {{"type", "array"}, {"items", ref(item)}}}});
}

void order_components(Json& s, const Json& price, const Json& price_in, const Json& timestamp) {
    const Json amount = {{"type", "integer"}, {"minimum", 1}, {"maximum", domain::kMaxQuantity}};
    const Json line_in = {{"type", "object"},
                          {"required", {"sweet", "amount"}},
                          {"properties", {{"sweet", {{"type", "integer"}}}, {"amount", amount}}}};
    const Json lines_in = {
        {"type", "array"}, {"minItems", 1}, {"maxItems", domain::kMaxOrderLines}, {"items", line_in}};
    s["OrderLine"] = answer_object({{"sweet", {{"type", "integer"}}},
                                    {"name", string_prop("The sweet's name when it was sold")},
                                    {"unit_price", price},
                                    {"amount", {{"type", "integer"}}},
                                    {"total", price},
                                    {"refunded", {{"type", "integer"}, {"description", "Units refunded so far"}}},
                                    {"unit",
                                     {{"type", "string"},
                                      {"enum", {"piece", "gram"}},
                                      {"description",
                                       "gram: unit_price is per kilogram, amount and refunded are grams, and total is "
                                       "unit_price x amount / 1000 rounded to the cent half up"}}}});
    s["Payment"] = answer_object({{"method", {{"type", "string"}, {"enum", {"cash", "card", "other"}}}},
                                  {"tendered", {{"type", "string"}, {"nullable", true}, {"example", "20.00"}}},
                                  {"change", {{"type", "string"}, {"nullable", true}, {"example", "13.00"}}}});
    s["Refund"] = answer_object(
        {{"at", timestamp},
         {"by", string_prop("The staff member")},
         {"reason", string_prop()},
         {"restock", {{"type", "boolean"}, {"description", "true: back to stock; false: written off"}}},
         {"lines",
          {{"type", "array"},
           {"items", answer_object({{"sweet", {{"type", "integer"}}}, {"amount", {{"type", "integer"}}}})}}},
         {"total", price}});
    s["Order"] = answer_object(
        {{"number", {{"type", "string"}, {"example", "10001"}, {"description", "Digits, from 10001, increasing"}}},
         {"status", {{"type", "string"}, {"enum", {"paid", "partially_refunded", "refunded"}}}},
         {"customer", {{"type", "string"}, {"nullable", true}, {"description", "null: a walk-in counter sale"}}},
         {"seller", {{"type", "string"}, {"nullable", true}, {"description", "The staff member of a counter sale"}}},
         {"lines", {{"type", "array"}, {"items", ref("OrderLine")}}},
         {"total", price},
         {"refunded_total", price},
         {"note", string_prop()},
         {"created_at", timestamp},
         {"payment", {{"allOf", {ref("Payment")}}, {"nullable", true}}},
         {"refunds", {{"type", "array"}, {"items", ref("Refund")}}}});
    s["OrderPage"] = page_of("Order");
    s["OrderCreate"] = {
        {"type", "object"},
        {"required", {"lines"}},
        {"properties",
         {{"lines", lines_in},
          {"note", {{"type", "string"}, {"maxLength", domain::kOrderNoteMaxChars}}},
          {"customer",
           {{"type", "string"},
            {"nullable", true},
            {"description",
             "Staff only (a counter sale): a registered customer's username, or null for a walk-in sale."}}},
          {"payment",
           {{"type", "object"},
            {"required", {"method"}},
            {"properties",
             {{"method", {{"type", "string"}, {"enum", {"cash", "card", "other"}}}}, {"tendered", price_in}}}}}}}};
    s["RefundCreate"] = {
        {"type", "object"},
        {"required", {"lines", "restock", "reason"}},
        {"properties",
         {{"lines", lines_in},
          {"restock", {{"type", "boolean"}}},
          {"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", domain::kRefundReasonMaxChars}}}}}};
    s["Unavailable"] = {{"type", "object"},
                        {"required", {"detail", "unavailable"}},
                        {"properties",
                         {{"detail", {{"type", "string"}, {"enum", {"Insufficient stock"}}}},
                          {"unavailable",
                           {{"type", "array"},
                            {"items", answer_object({{"sweet", {{"type", "integer"}}},
                                                     {"name", string_prop()},
                                                     {"requested", {{"type", "integer"}}},
                                                     {"available", {{"type", "integer"}}}})}}}}}};
    s["OrderErrors"] = {
        {"description",
         "Field errors; `lines` is a list of messages, or one error object per line ({} for a good line); `payment` "
         "may hold the payment's own field errors. Or `Insufficient stock` with every short line."},
        {"anyOf", {ref("FieldErrors"), ref("Unavailable")}}};
}

void stock_components(Json& s, const Json& price, const Json& price_in, const Json& timestamp) {
    const Json level = {{"type", "integer"}, {"minimum", 0}, {"maximum", 2147483647}};
    auto nullable = [](Json schema, const char* description = nullptr) {
        schema["nullable"] = true;
        if (description) schema["description"] = description;
        return schema;
    };
    // Staff answers carry these after the contract's fields (customers' answers do not): not required.
    auto& sweet = s["Sweet"]["properties"];
    sweet["reorder_level"] = {{"type", "integer"},
                              {"description", "Staff only. At or below it an alert opens; 0: none."}};
    sweet["reorder_quantity"] = {{"type", "integer"}, {"description", "Staff only. The usual restock amount."}};
    sweet["cost"] = nullable(price, "Owner only. Unit cost, null while unknown.");
    sweet["active"] = {{"type", "boolean"},
                       {"description", "Staff only. false: archived (hidden from customers, not sold)."}};
    const Json import_line = answer_object(
        {{"row", {{"type", "integer"}, {"description", "The record's number in the file, the header being 1."}}},
         {"action", {{"type", "string"}, {"enum", {"create", "update", "unchanged", "refused"}}}},
         {"name", {{"type", "string"}}},
         {"sweet", nullable({{"type", "integer"}}, "The sweet the row updates or leaves unchanged.")},
         {"changes", {{"type", "array"}, {"items", {{"type", "string"}}}}},
         {"errors",
          {{"type", "object"},
           {"additionalProperties", true},
           {"description", "Why a refused row is refused: field errors as an edit answers them."}}}});
    const Json count = {{"type", "integer"}, {"minimum", 0}};
    s["ImportPlan"] = answer_object({{"applied", {{"type", "boolean"}}},
                                     {"delimiter", {{"type", "string"}, {"enum", {",", ";"}}}},
                                     {"rows", count},
                                     {"create", count},
                                     {"update", count},
                                     {"unchanged", count},
                                     {"refused", count},
                                     {"lines", {{"type", "array"}, {"items", import_line}}}});
    s["ImportRefused"] = {{"oneOf", {ref("ImportPlan"), ref("FieldErrors")}}};
    // Codes and the photo: in every answer, after the fields above.
    const Json image =
        nullable({{"type", "string"}},
                 "The photo's card (fits 800 x 800, WebP), a path of the API: /api/images/<digest>-card.webp; "
                 "null without a photo.");
    const Json thumbnail = nullable({{"type", "string"}},
                                    "The photo's thumbnail (fits 240 x 240): /api/images/<digest>-thumb.webp; null "
                                    "without a photo.");
    sweet["sku"] = nullable({{"type", "string"}}, "The shop's own code, unique; null when none.");
    sweet["barcode"] =
        nullable({{"type", "string"}, {"pattern", "^[0-9]{13}$"}}, "EAN-13 (a UPC-A with its leading 0), unique.");
    sweet["image"] = image;
    sweet["thumbnail"] = thumbnail;
    s["StorefrontSweet"]["properties"]["image"] = image;
    s["StorefrontSweet"]["properties"]["thumbnail"] = thumbnail;
    // Perishables: after the photo.
    const Json best_before = nullable({{"type", "string"}, {"format", "date"}},
                                      "The earliest best-before date of the units for sale (YYYY-MM-DD); null when "
                                      "none of them is dated.");
    sweet["best_before"] = best_before;
    s["StorefrontSweet"]["properties"]["best_before"] = best_before;
    // Selling by weight: after the perishables' field.
    const Json unit = {{"type", "string"},
                       {"enum", {"piece", "gram"}},
                       {"description",
                        "piece (the default): price per piece, quantity in pieces. gram: price (and cost) per "
                        "kilogram, quantity in grams, and a purchase's amount is grams."}};
    sweet["unit"] = unit;
    s["StorefrontSweet"]["properties"]["unit"] = unit;
    for (const char* body : {"SweetCreate", "SweetUpdate", "SweetPatch"}) {
        auto& p = s[body]["properties"];
        p["sku"] = nullable({{"type", "string"}, {"maxLength", domain::kSkuMaxChars}},
                            "Unique; trimmed; blank or null clears it.");
        p["barcode"] = nullable({{"type", "string"}},
                                "EAN-13 or UPC-A: 13 or 12 digits (spaces and dashes ignored) whose last is the check "
                                "digit; unique; stored as 13 digits; blank or null clears it.");
        p["reorder_level"] = level;
        p["reorder_quantity"] = level;
        p["cost"] = nullable(price_in, "Owner only (403 for staff). Unit cost (the rules of price); null clears it.");
        p["active"] = {{"type", "boolean"}, {"description", "false archives the sweet, true restores it."}};
        p["unit"] = {{"type", "string"},
                     {"enum", {"piece", "gram"}},
                     {"description", "How it is sold (default piece); it changes only while none is in stock."}};
    }
    const Json reasons = {{"type", "string"}, {"enum", {"count", "damaged", "expired", "sample", "other"}}};
    s["Adjustment"] = {
        {"type", "object"},
        {"required", {"reason"}},
        {"properties",
         {{"counted",
           {{"type", "integer"},
            {"minimum", 0},
            {"maximum", 2147483647},
            {"description", "The quantity counted (or give delta)."}}},
          {"delta", {{"type", "integer"}, {"description", "The change, not 0 (or give counted)."}}},
          {"reason", reasons},
          {"note", {{"type", "string"}, {"maxLength", 500}}},
          {"batch",
           {{"type", "integer"},
            {"description", "A batch of this sweet to act on first; with counted, the count of that batch."}}}}}};
    const Json entry =
        answer_object({{"id", {{"type", "integer"}}},
                       {"at", timestamp},
                       {"actor", string_prop("Who made the change")},
                       {"reason",
                        {{"type", "string"},
                         {"enum",
                          {"create", "purchase", "restock", "edit", "delete", "refund", "count", "damaged", "expired",
                           "sample", "other"}}}},
                       {"delta", {{"type", "integer"}}},
                       {"quantity_after", {{"type", "integer"}}},
                       {"order", nullable({{"type", "integer"}}, "Sales and refunds")},
                       {"note", string_prop()},
                       {"batches",
                        {{"type", "array"},
                         {"description", "The batches the entry changed"},
                         {"items", answer_object({{"batch", nullable({{"type", "integer"}}, "null: the undated stock")},
                                                  {"best_before", nullable({{"type", "string"}, {"format", "date"}})},
                                                  {"lot", string_prop()},
                                                  {"delta", {{"type", "integer"}}}})}}}});
    s["LedgerEntry"] = entry;
    s["AdjustmentResult"] = answer_object({{"entry", ref("LedgerEntry")}, {"sweet", ref("Sweet")}});
    s["HistoryPage"] =
        answer_object({{"next", nullable({{"type", "string"}, {"format", "uri"}}, "The next (older) entries, or null")},
                       {"results", {{"type", "array"}, {"items", ref("LedgerEntry")}}}});
    s["Stocktake"] = {
        {"type", "object"},
        {"required", {"counts"}},
        {"properties",
         {{"counts",
           {{"type", "array"},
            {"minItems", 1},
            {"maxItems", 1000},
            {"items",
             {{"type", "object"},
              {"required", {"sweet", "counted"}},
              {"properties",
               {{"sweet", {{"type", "integer"}}}, {"counted", {{"type", "integer"}, {"minimum", 0}}}}}}}}},
          {"note", {{"type", "string"}, {"maxLength", 500}}},
          {"dry_run",
           {{"type", "boolean"}, {"default", false}, {"description", "true: answer the differences only"}}}}}};
    s["StocktakeResult"] =
        answer_object({{"applied", {{"type", "boolean"}}},
                       {"counted", {{"type", "integer"}}},
                       {"changed", {{"type", "integer"}, {"description", "Lines whose count differed from the books"}}},
                       {"lines",
                        {{"type", "array"},
                         {"items", answer_object({{"sweet", {{"type", "integer"}}},
                                                  {"name", string_prop()},
                                                  {"expected", {{"type", "integer"}}},
                                                  {"counted", {{"type", "integer"}}},
                                                  {"delta", {{"type", "integer"}}}})}}}});
    Json low_item = s["Sweet"];
    low_item["properties"]["suggested"] = {{"type", "integer"},
                                           {"description", "max(reorder_quantity, reorder_level - quantity + 1)"}};
    low_item["required"].push_back("suggested");
    s["LowStock"] =
        answer_object({{"count", {{"type", "integer"}}}, {"results", {{"type", "array"}, {"items", low_item}}}});
    const Json optional_time = nullable(timestamp);
    s["StockAlerts"] = answer_object(
        {{"count", {{"type", "integer"}}},
         {"results",
          {{"type", "array"},
           {"items", answer_object({{"id", {{"type", "integer"}}},
                                    {"sweet", {{"type", "integer"}}},
                                    {"name", string_prop()},
                                    {"reorder_level", {{"type", "integer"}}},
                                    {"quantity", {{"type", "integer"}, {"description", "When it opened"}}},
                                    {"suggested", {{"type", "integer"}}},
                                    {"opened_at", timestamp},
                                    {"closed_at", optional_time},
                                    {"delivered_at", nullable(timestamp, "To SWEETSHOP_ALERT_WEBHOOK")},
                                    {"kind",
                                     {{"type", "string"},
                                      {"enum", {"low_stock", "expiry"}},
                                      {"description",
                                       "expiry: a batch within SWEETSHOP_EXPIRY_WARNING_DAYS of its date (quantity: "
                                       "its units then; reorder_level and suggested 0)"}}},
                                    {"batch", nullable({{"type", "integer"}}, "An expiry alert's batch")},
                                    {"best_before", nullable({{"type", "string"}, {"format", "date"}},
                                                             "An expiry alert's date")}})}}}});
    const Json money_or_null = nullable(price);
    Json batch = answer_object(
        {{"id", nullable({{"type", "integer"}}, "null: the undated stock (units with no date nor lot)")},
         {"sweet", {{"type", "integer"}}},
         {"name", string_prop("The sweet's name")},
         {"best_before", nullable({{"type", "string"}, {"format", "date"}}, "null: undated")},
         {"lot", string_prop()},
         {"units", {{"type", "integer"}, {"description", "Left to sell"}}},
         {"expired_units", {{"type", "integer"}, {"description", "Past the date, waiting to be written off"}}},
         {"days_left",
          nullable({{"type", "integer"}}, "Days from today to the date (0: the last day; negative once past)")},
         {"expired", {{"type", "boolean"}}},
         {"received_at", nullable(timestamp, "null: the undated stock")},
         {"unit_cost", money_or_null},
         {"value", nullable(price, "What is left (units and expired units) at unit_cost")}});
    batch = owner_only(batch, {"unit_cost", "value"});
    s["Batch"] = batch;
    s["Batches"] =
        answer_object({{"count", {{"type", "integer"}}}, {"results", {{"type", "array"}, {"items", ref("Batch")}}}});
    s["ExpiringStock"] = owner_only(
        answer_object(
            {{"days", {{"type", "integer"}}},
             {"count", {{"type", "integer"}}},
             {"units", {{"type", "integer"}, {"description", "Left in these batches (for sale and expired)"}}},
             {"value", nullable(price, "Their value at cost; null when a batch has no cost")},
             {"results", {{"type", "array"}, {"items", ref("Batch")}}}}),
        {"value"});
    s["WriteOff"] = {{"type", "object"}, {"properties", {{"note", {{"type", "string"}, {"maxLength", 500}}}}}};
    s["WriteOffResult"] = owner_only(answer_object({{"batch", ref("Batch")},
                                                    {"units", {{"type", "integer"}, {"description", "Written off"}}},
                                                    {"value", nullable(price, "Their value at cost")}}),
                                     {"value"});
}

void report_components(Json& s) {
    const Json money = {{"type", "string"},
                        {"pattern", "^-?[0-9]+\\.[0-9]{2}$"},
                        {"example", "12.50"},
                        {"description", "Exact decimal money; negative where refunds exceed sales."}};
    const Json count = {{"type", "integer"}};
    const Json figures = {{"orders", count},
                          {"units", count},
                          {"revenue", money},
                          {"refunded_units", count},
                          {"refunds", money},
                          {"net_revenue", money},
                          {"cost", money},
                          {"gross_profit", money},
                          {"margin",
                           {{"type", "string"},
                            {"nullable", true},
                            {"example", "42.5"},
                            {"description", "Gross profit over net revenue, percent with one decimal"}}},
                          {"uncosted_units", count}};
    const auto costs = {"cost", "gross_profit", "margin", "uncosted_units"};
    s["SalesFigures"] = owner_only(answer_object(figures), costs);
    Json row = {
        {"type", "object"},
        {"description", "The figures, keyed by `period` (day, week, month), `sweet` and `name` (sweet) or `category`"},
        {"required", Json::array()},
        {"properties",
         {{"period", {{"type", "string"}, {"example", "2026-12-01"}}},
          {"sweet", count},
          {"name", string_prop()},
          {"category", string_prop()}}}};
    for (const auto& [name, schema] : figures.items()) {
        row["properties"][name] = schema;
        row["required"].push_back(name);
    }
    s["SalesRow"] = owner_only(row, costs);
    const Json date = {{"type", "string"}, {"format", "date"}};
    s["SalesReport"] =
        answer_object({{"from", date},
                       {"to", date},
                       {"group", {{"type", "string"}, {"enum", {"day", "week", "month", "sweet", "category"}}}},
                       {"time_zone", string_prop("SWEETSHOP_TIME_ZONE")},
                       {"rows", {{"type", "array"}, {"items", ref("SalesRow")}}},
                       {"totals", ref("SalesFigures")}});
    s["BestSellers"] = answer_object(
        {{"from", date},
         {"to", date},
         {"by", {{"type", "string"}, {"enum", {"units", "revenue"}}}},
         {"results",
          {{"type", "array"},
           {"items", owner_only(answer_object({{"sweet", count},
                                               {"name", string_prop()},
                                               {"units", {{"type", "integer"}, {"description", "Sold less refunded"}}},
                                               {"net_revenue", money},
                                               {"gross_profit", money}}),
                                {"gross_profit"})}}}});
    const Json value = {{"sweets", count},
                        {"units", count},
                        {"value_at_price", money},
                        {"value_at_cost", money},
                        {"uncosted_units", count}};
    Json category = owner_only(answer_object(value), {"value_at_cost", "uncosted_units"});
    category["properties"]["category"] = string_prop();
    category["required"].push_back("category");
    s["StockValueReport"] =
        answer_object({{"categories", {{"type", "array"}, {"items", category}}},
                       {"totals", owner_only(answer_object(value), {"value_at_cost", "uncosted_units"})},
                       {"low_stock",
                        {{"type", "array"},
                         {"items", answer_object({{"sweet", count},
                                                  {"name", string_prop()},
                                                  {"quantity", count},
                                                  {"reorder_level", count},
                                                  {"suggested", count}})}}}});
}

}  // namespace sweetshop::http::schema
