#pragma once
// Handlers: functions from a request context to a response value, one group per resource.
#include "http/routes.hpp"

namespace sweetshop::http::handlers {

// accounts.cpp
Response register_user(Context& ctx);
Response login(Context& ctx);
Response refresh_token(Context& ctx);
Response current_user(Context& ctx);
Response start_session(Context& ctx);
Response refresh_session(Context& ctx);
Response logout(Context& ctx);
Response list_sessions(Context& ctx);
Response end_session(Context& ctx);
Response end_other_sessions(Context& ctx);
Response change_password(Context& ctx);
Response update_account(Context& ctx);

// audit.cpp
Response list_audit(Context& ctx);

// sweets.cpp
Response list_sweets(Context& ctx);
Response storefront_sweets(Context& ctx);
Response storefront_sweet(Context& ctx);
Response get_sweet(Context& ctx);
Response create_sweet(Context& ctx);
Response replace_sweet(Context& ctx);
Response patch_sweet(Context& ctx);
Response delete_sweet(Context& ctx);
Response purchase_sweet(Context& ctx);
Response restock_sweet(Context& ctx);
Response verify_stock(Context& ctx);

// catalogue_csv.cpp
Response import_catalogue(Context& ctx);

// photos.cpp
Response put_sweet_image(Context& ctx);
Response delete_sweet_image(Context& ctx);
Response get_image(Context& ctx);

// stock.cpp
Response adjust_sweet(Context& ctx);
Response count_stock(Context& ctx);
Response sweet_history(Context& ctx);
Response low_stock(Context& ctx);
Response stock_alerts(Context& ctx);
Response sweet_batches(Context& ctx);
Response expiring_stock(Context& ctx);
Response write_off_batch(Context& ctx);

// reports.cpp
Response list_users(Context& ctx);
Response get_user(Context& ctx);
Response update_user(Context& ctx);
Response reset_password(Context& ctx);
Response sales_report(Context& ctx);
Response best_sellers(Context& ctx);
Response stock_report(Context& ctx);

// exports.cpp
Response export_orders(Context& ctx);
Response export_order_lines(Context& ctx);
Response export_ledger(Context& ctx);
Response export_stock(Context& ctx);
Response export_catalogue(Context& ctx);

// orders.cpp
Response place_order(Context& ctx);
Response list_orders(Context& ctx);
Response get_order(Context& ctx);
Response refund_order(Context& ctx);
Response order_receipt(Context& ctx);
Response receipt_css(Context& ctx);

// observability.cpp
Response health(Context& ctx);
Response sweet_metrics(Context& ctx);
Response prometheus(Context& ctx);

// meta.cpp
Response api_root(Context& ctx);
Response shop_info(Context& ctx);
Response schema(Context& ctx);
Response docs_page(Context& ctx);
Response docs_asset(Context& ctx);

}  // namespace sweetshop::http::handlers
