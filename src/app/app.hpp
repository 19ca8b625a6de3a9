#pragma once
// The composition root: builds every part from a Config, explicitly, so tests can build their own. App is the shop
// (storage and domain), built by every command; Service is its HTTP side, built only by the commands that serve.
#include <memory>

#include "app/alert_webhook.hpp"
#include "app/config.hpp"
#include "domain/accounts.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/web_app.hpp"
#include "imaging/vips_photo_codec.hpp"
#include "security/password.hpp"
#include "security/tokens.hpp"
#include "storage/audit_store.hpp"
#include "storage/batches.hpp"
#include "storage/database.hpp"
#include "storage/export_store.hpp"
#include "storage/idempotency_store.hpp"
#include "storage/ledger.hpp"
#include "storage/order_store.hpp"
#include "storage/photo_store.hpp"
#include "storage/report_store.hpp"
#include "storage/stock_control_store.hpp"
#include "storage/sweet_catalogue.hpp"
#include "storage/sweet_stock.hpp"
#include "storage/user_repository.hpp"

namespace sweetshop::app {

class App {
  public:
    /// Opens the database (nothing is read or written yet: call migrate() first). `config.secret_key` must be
    /// resolved. `clock`: where every part reads the time (tests pass a fake one).
    explicit App(const Config& config, const domain::Clock& clock = domain::system_clock());
    /// Applies the pending migrations (an explicit step of every command, and of the tests' servers); returns how
    /// many ran.
    int migrate();

    const Config& config() const { return config_; }
    storage::Database& database() { return db_; }
    storage::SqlUserRepository& users() { return users_; }
    domain::AccountService& accounts() { return accounts_; }
    storage::SqlCatalogueStore& sweets() { return sweets_; }
    storage::SqlIdempotencyStore& idempotency_keys() { return idempotency_keys_; }
    domain::CatalogueService& catalogue() { return catalogue_; }
    domain::InventoryService& inventory() { return inventory_; }
    domain::OrderService& orders() { return orders_; }
    domain::StockControl& stock_control() { return stock_control_; }
    domain::Reports& reports() { return reports_; }
    domain::People& people() { return people_; }
    domain::Sessions& sessions() { return sessions_; }
    storage::SqlAuditStore& audit() { return audit_; }
    domain::ExportStore& exports() { return export_store_; }
    domain::Photos& photos() { return photos_; }
    domain::CatalogueImport& imports() { return imports_; }
    domain::Perishables& perishables() { return perishables_; }
    const domain::ShopTimeZone& time_zone() const { return *zone_; }
    std::shared_ptr<const domain::ShopTimeZone> time_zone_ptr() const { return zone_; }
    const security::TokenService& tokens() const { return tokens_; }
    const domain::Clock& clock() const { return clock_; }

  private:
    Config config_;
    const domain::Clock& clock_;
    std::shared_ptr<const domain::ShopTimeZone> zone_;
    storage::Database db_;
    storage::SqlUserRepository users_;
    security::Argon2Hasher hasher_;
    security::TokenService tokens_;
    domain::AccountService accounts_;
    domain::Sessions sessions_;
    storage::SqlAuditStore audit_;
    storage::SqlCatalogueStore sweets_;
    storage::SqlCatalogueMetrics catalogue_metrics_;
    storage::SqlStockStore stock_;
    storage::SqlLedgerAudit ledger_audit_;
    storage::SqlIdempotencyStore idempotency_keys_;
    domain::Idempotency idempotency_;
    domain::CatalogueService catalogue_;
    domain::InventoryService inventory_;
    storage::SqlOrderStore order_store_;
    domain::OrderService orders_;
    storage::SqlStockControlStore stock_control_store_;
    domain::StockControl stock_control_;
    storage::SqlReportStore report_store_;
    domain::Reports reports_;
    storage::SqlPeopleStore people_store_;
    domain::People people_;
    storage::SqlExportStore export_store_;
    imaging::VipsPhotoCodec photo_codec_;
    storage::SqlPhotoStore photo_store_;
    domain::Photos photos_;
    domain::CatalogueImport imports_;
    storage::SqlBatchStore batch_store_;
    domain::Perishables perishables_;
};

/// The HTTP side of an App: the API over its services, the web app, the request metrics.
class Service {
  public:
    explicit Service(App& app);

    http::Api& api() { return api_; }
    const http::WebApp& web() const { return web_; }
    /// The API of the separate metrics service: its own routes, the same database, CORS "*".
    http::Api metrics_api();
    metrics::Registry& metrics() { return metrics_; }
    /// The HTTP server options the configuration asks for.
    http::ServerOptions server_options();

  private:
    App& app_;
    metrics::Registry metrics_;
    http::WebApp web_;
    http::Api api_;
    std::unique_ptr<AlertWebhook> alerts_;  ///< when SWEETSHOP_ALERT_WEBHOOK is set
    std::unique_ptr<Periodic> folding_;     ///< PostgreSQL: the summaries' shards of past days, folded
    std::unique_ptr<Periodic> expiry_;      ///< batches past their date moved out, expiry alerts opened
};

}  // namespace sweetshop::app
