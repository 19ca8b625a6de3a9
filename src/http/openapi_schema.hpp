#pragma once
// Internal to the OpenAPI document's sources: the schema helpers and the orders' schemas (both in openapi_schema.cpp).
#include <nlohmann/json.hpp>

#include <string>

namespace sweetshop::http::schema {

using Json = nlohmann::ordered_json;

/// {"$ref": "#/components/schemas/<name>"}
Json ref(const std::string& name);
Json string_prop(const char* description = nullptr);
/// An object the server always answers whole: every property is required.
Json answer_object(Json properties);

/// A page of a list of `item`s: count, next, previous (absolute links or null), results.
Json page_of(const std::string& item);

/// Adds the orders' schemas: the order as answered, its body, a refund's body and their errors.
void order_components(Json& s, const Json& price, const Json& price_in, const Json& timestamp);

/// Adds stock control: the sweet's staff fields (answers and bodies), adjustments, stocktakes, history, low stock
/// and alerts.
void stock_components(Json& s, const Json& price, const Json& price_in, const Json& timestamp);

/// Adds the reports: sales (rows and totals), best sellers, stock value.
void report_components(Json& s);

}  // namespace sweetshop::http::schema
