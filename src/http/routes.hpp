#pragma once
// The route table, as data: one entry per route drives dispatch, 404 vs 405 with Allow, OPTIONS, who may call it,
// which thread pool runs it, access-log and metrics labels, and the OpenAPI document.
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/versioned_cache.hpp"
#include "domain/accounts.hpp"
#include "domain/audit.hpp"
#include "domain/batches.hpp"
#include "domain/catalogue.hpp"
#include "domain/catalogue_import.hpp"
#include "domain/durability.hpp"
#include "domain/exports.hpp"
#include "domain/inventory.hpp"
#include "domain/order_service.hpp"
#include "domain/people.hpp"
#include "domain/photos.hpp"
#include "domain/reports.hpp"
#include "domain/sessions.hpp"
#include "domain/stock_control.hpp"
#include "domain/time_zone.hpp"
#include "domain/user.hpp"
#include "http/fields.hpp"
#include "http/message.hpp"
#include "metrics/metrics.hpp"
#include "security/tokens.hpp"

namespace sweetshop::http {

class WebApp;

/// Who may call a route. `Optional`: anyone, but a `Bearer` Authorization header is authenticated as on a protected
/// route (a bad token is a 401), as the original's public views that still ran authentication did.
/// Who may call a route: anyone, anyone (a token is read when given), a signed-in user, staff (staff and owners), or
/// the owner only.
enum class Access { Public, Optional, User, Admin, Owner };

/// Where a route runs: on the I/O thread (no blocking work), on the database pool, or on the hashing pool
/// (routes that hash passwords, so a slow login never holds a database worker). `CacheFirst`: reads whose answer the
/// response cache may hold are tried on the I/O thread first, where anything that would wait (a database connection,
/// a busy version check) stops the attempt (common::NoBlocking); they then run on the database pool.
enum class Pool { Inline, Database, Hashing, CacheFirst };

struct Settings {
    std::vector<std::string> cors_origins;  ///< "*" allows any
    std::size_t max_body_bytes = 1 << 20;
    std::size_t max_upload_bytes = 5 << 20;  ///< the body of an upload route (Route::upload)
    bool public_cors = false;     ///< every answer carries `Access-Control-Allow-Origin: *` (the metrics service)
    std::string public_url = {};  ///< "https://shop.example.com": the origin of absolute links
    std::vector<std::string> trusted_proxies = {};  ///< peers whose X-Forwarded-Proto/-Host are believed
    std::string metrics_token = {};                 ///< non-empty: /metrics wants `Authorization: Bearer <token>`
    std::vector<std::string> metrics_allow = {};    ///< non-empty: only these peers may read /metrics
    std::string shop_name = "Sweet Shop";           ///< receipts
    std::string shop_address = {};                  ///< receipts
    std::string currency = "USD";                   ///< ISO 4217, for the web app (GET /api/shop/)
    std::string locale = "en-US";                   ///< BCP 47, for the web app (GET /api/shop/)
    bool storefront = true;                         ///< the storefront's routes answer (without a token)
    /// Where people see times (receipts) and where a filter's dates begin and end.
    std::shared_ptr<const domain::ShopTimeZone> time_zone = std::make_shared<const domain::ShopTimeZone>();
};

/// What handlers may use. Explicit wiring: tests build their own.
struct Deps {
    domain::AccountService& accounts;
    domain::UserRepository& users;
    const security::TokenService& tokens;
    domain::CatalogueService& catalogue;
    domain::InventoryService& inventory;
    domain::OrderService& orders;
    domain::StockControl& stock;
    domain::Reports& reports;
    domain::People& people;
    domain::ExportStore& exports;
    domain::Sessions& sessions;
    domain::AuditStore& audit;
    domain::Photos& photos;
    domain::CatalogueImport& imports;
    domain::Perishables& perishables;
    Settings settings;
    metrics::Registry* metrics = nullptr;                 ///< counts sales; renders /metrics
    std::function<metrics::PoolStats()> pool_stats = {};  ///< the database pool, for /metrics
    /// Changes whenever the data may have changed (Database::data_version); std::nullopt: do not cache.
    std::function<std::optional<std::uint64_t>()> data_version = {};
    /// Rendered catalogue answers by request, valid for one data version (null: no caching).
    std::shared_ptr<common::VersionedCache<std::string, std::string>> responses = {};
    /// The web app, answering GET and HEAD outside /api that no route matches (null: JSON 404 for those).
    const WebApp* web = nullptr;
    /// Holds answers to changes until they are on disk (null: answers leave when the change commits).
    domain::Durability* durability = nullptr;
};

struct Context {
    const Request& request;
    Deps& deps;
    std::optional<domain::User> user;    ///< set for User and Admin routes, and Optional ones given a Bearer token
    std::string token_id = {};           ///< the access token's jti, with `user` (it names the session)
    BodyJson body = BodyJson::object();  ///< the parsed JSON object for routes that take a body ({} when empty)
    NumberTexts numbers = {};            ///< source text of the body's top-level fractional numbers
};

using Handler = Response (*)(Context&);

struct RouteDoc {
    std::string summary = {};
    std::string request_schema = {};                          ///< component name, or empty
    std::vector<std::pair<int, std::string>> responses = {};  ///< status and component name (may be empty)
    bool hidden = false;                                      ///< not in the OpenAPI document (static assets)
    std::vector<std::string> parameters = {};                 ///< names in components/parameters (query, headers)
    std::string description = {};                             ///< decisions a client should know, in Markdown
};

/// One route, written with designated initializers in the table (routes.cpp); omitted fields keep these defaults.
struct Route {
    std::string method = {};
    std::string pattern = {};  ///< canonical form with the trailing slash; `{id}` matches digits, `{name*}` any segment
    Access access = Access::Public;
    Pool pool = Pool::Inline;
    Handler handler = nullptr;
    std::string forbidden = {};  ///< the 403 message for Admin routes
    bool json_body = false;
    RouteDoc doc = {};
    /// CORS `Access-Control-Allow-Origin: *` (no credentials) for any origin, as the original's metrics service
    /// answered; other routes follow CORS_ALLOWED_ORIGINS.
    bool any_origin = false;
    /// Callable with a temporary password not yet changed (the account's own routes); every other route answers
    /// 403 `password_change_required` then.
    bool with_temporary_password = false;
    /// Takes a file as its body (a photo, a CSV), up to Settings::max_upload_bytes instead of max_body_bytes.
    bool upload = false;
};

/// Every route of the API server.
const std::vector<Route>& api_routes();
/// The routes of the separate metrics service (`sweetshop metrics`).
const std::vector<Route>& metrics_routes();

struct RouteMatch {
    const Route* route = nullptr;  ///< null: no route for this method (see allowed) or path
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> allowed;  ///< methods the path accepts, in DRF's order with HEAD and OPTIONS
    bool any_origin = false;           ///< the path's routes answer CORS for any origin (Route::any_origin)
};

/// Matches with or without the trailing slash; HEAD matches GET routes.
RouteMatch match_route(const std::vector<Route>& routes, std::string_view method, std::string_view path);

}  // namespace sweetshop::http
