#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "storage/migrations.hpp"
#include "storage/report_store.hpp"

namespace sweetshop::app {

App::App(const Config& config, const domain::Clock& clock)
    : config_(config),
      clock_(clock),
      zone_(std::make_shared<const domain::ShopTimeZone>(config.time_zone)),
      db_(config.database_url, config.effective_pool_size(),
          storage::DatabaseOptions{.sync_commits = config.sqlite_sync == "full"}),
      users_(db_, clock),
      hasher_(security::HashCost{config.argon2_ops, config.argon2_memory_kib}),
      tokens_(config.secret_key, std::chrono::minutes(config.jwt_access_minutes),
              std::chrono::hours(24 * config.jwt_refresh_days), clock),
      accounts_(users_, hasher_,
                domain::ThrottleSettings{config.login_max_failures, std::chrono::seconds(config.login_window_seconds),
                                         config.login_max_failures_per_address},
                clock),
      sessions_(users_, domain::SessionSettings{.lifetime = std::chrono::hours(24 * config.jwt_refresh_days)},
                security::random_hex, clock),
      audit_(db_),
      sweets_(db_, clock),
      catalogue_metrics_(db_),
      stock_(db_, clock),
      ledger_audit_(db_),
      idempotency_keys_(db_),
      idempotency_(idempotency_keys_, domain::IdempotencySettings{.max_keys_per_user = config.idempotency_max_keys},
                   clock),
      catalogue_(sweets_, catalogue_metrics_),
      inventory_(stock_, ledger_audit_, idempotency_),
      order_store_(db_, clock),
      orders_(order_store_, users_, idempotency_),
      stock_control_store_(db_, clock),
      stock_control_(stock_control_store_, sweets_),
      report_store_(db_),
      reports_(report_store_, clock),
      people_store_(db_),
      people_(people_store_, hasher_, security::random_hex, clock),
      export_store_(db_),
      photo_store_(db_, clock),
      photos_(sweets_, photo_codec_, photo_store_),
      imports_(catalogue_, sweets_),
      batch_store_(db_, clock),
      perishables_(batch_store_, *zone_, clock, static_cast<int>(config.expiry_warning_days)) {}

int App::migrate() {
    const int applied = storage::migrate(db_);
    if (const int rows = storage::backfill_search(db_))
        spdlog::info("gave {} sweet(s) their sort key and search words", rows);
    if (const int batches = storage::refresh_expiry_instants(db_, *zone_))
        spdlog::info("moved the expiry of {} batch(es) to midnight in {}", batches, zone_->name());
    return applied;
}

Service::Service(App& app)
    : app_(app),
      web_(web::embedded_assets()),
      api_(http::Deps{app.accounts(),
                      app.users(),
                      app.tokens(),
                      app.catalogue(),
                      app.inventory(),
                      app.orders(),
                      app.stock_control(),
                      app.reports(),
                      app.people(),
                      app.exports(),
                      app.sessions(),
                      app.audit(),
                      app.photos(),
                      app.imports(),
                      app.perishables(),
                      http::Settings{.cors_origins = app.config().cors_origins,
                                     .max_body_bytes = app.config().max_body_bytes,
                                     .max_upload_bytes = app.config().max_upload_bytes,
                                     .public_url = app.config().public_url,
                                     .trusted_proxies = app.config().trusted_proxies,
                                     .metrics_token = app.config().metrics_token,
                                     .metrics_allow = app.config().metrics_allow,
                                     .shop_name = app.config().shop_name,
                                     .shop_address = app.config().shop_address,
                                     .currency = app.config().currency,
                                     .locale = app.config().locale,
                                     .storefront = app.config().storefront == "on",
                                     .time_zone = app.time_zone_ptr()},
                      &metrics_,
                      [&db = app.database()] {
                          return metrics::PoolStats{static_cast<double>(db.pool_size()),
                                                    static_cast<double>(db.in_use()),
                                                    static_cast<double>(db.waiting())};
                      },
                      [&db = app.database()] { return db.data_version(); },
                      std::make_shared<common::VersionedCache<std::string, std::string>>(1024),
                      &web_,
                      app.database().commit_syncer()}) {
    const auto& config = app.config();
    if (!config.alert_webhook.empty())
        alerts_ = std::make_unique<AlertWebhook>(app.database(), config.alert_webhook, config.shop_name,
                                                 std::chrono::seconds(config.alert_retry_seconds), app.clock());
    // Batches past their date leave the sellable quantity (sales never take them even before), and batches about to
    // expire open their alert: every minute, each batch once across servers.
    expiry_ = std::make_unique<Periodic>("expiry", std::chrono::minutes(1), [&perishables = app.perishables()] {
        if (const int expired = perishables.run_expiry()) spdlog::info("{} batch(es) passed their date", expired);
    });
    if (app.database().dialect() == storage::Dialect::Postgres) {
        // Sales older than two days are folded every ten minutes (a late sale of a skewed clock still adds up).
        folding_ = std::make_unique<Periodic>(
            "summary folding", std::chrono::minutes(10), [&db = app.database(), &clock = app.clock()] {
                constexpr domain::Micros kTwoDays = 2LL * 24 * 3600 * 1'000'000;
                if (const auto rows = storage::fold_summary_shards(db, clock.now() - kTwoDays))
                    spdlog::debug("folded the reports' summaries into {} row(s)", rows);
            });
    }
}

http::Api Service::metrics_api() {
    auto settings = api_.settings();
    settings.public_cors = true;
    return http::Api(
        http::Deps{app_.accounts(), app_.users(), app_.tokens(), app_.catalogue(), app_.inventory(), app_.orders(),
                   app_.stock_control(), app_.reports(), app_.people(), app_.exports(), app_.sessions(), app_.audit(),
                   app_.photos(), app_.imports(), app_.perishables(), settings},
        http::metrics_routes());
}

http::ServerOptions Service::server_options() {
    const auto& config = app_.config();
    http::ServerOptions options;
    options.host = config.host;
    options.port = config.port;
    options.io_threads = config.io_threads;
    options.db_threads = config.worker_threads;
    options.hash_threads = config.hash_threads;
    options.json_log = config.log_format == "json";
    options.metrics = &metrics_;
    options.max_connections = config.max_connections;
    options.header_timeout = std::chrono::seconds(config.header_timeout_seconds);
    options.min_body_rate = config.min_body_rate;
    return options;
}

}  // namespace sweetshop::app
