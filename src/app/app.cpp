#include "app/app.hpp"

#include "storage/migrations.hpp"

namespace sweetshop::app {

App::App(const Config& config, const domain::Clock& clock)
    : config_(config),
      db_(config.database_url, config.effective_pool_size()),
      users_(db_, clock),
      hasher_(security::HashCost{config.argon2_ops, config.argon2_memory_kib}),
      tokens_(config.secret_key, std::chrono::minutes(config.jwt_access_minutes),
              std::chrono::hours(24 * config.jwt_refresh_days), clock),
      accounts_(users_, hasher_,
                domain::ThrottleSettings{config.login_max_failures, std::chrono::seconds(config.login_window_seconds)},
                clock),
      sweets_(db_, clock),
      catalogue_metrics_(db_),
      stock_(db_, clock),
      ledger_audit_(db_),
      idempotency_keys_(db_),
      idempotency_(idempotency_keys_, domain::IdempotencySettings{.max_keys_per_user = config.idempotency_max_keys},
                   clock),
      catalogue_(sweets_, catalogue_metrics_),
      inventory_(stock_, ledger_audit_, idempotency_),
      web_(web::embedded_assets()),
      api_(http::Deps{accounts_, users_, tokens_, catalogue_, inventory_,
                      http::Settings{.cors_origins = config.cors_origins,
                                     .max_body_bytes = config.max_body_bytes,
                                     .public_url = config.public_url,
                                     .trusted_proxies = config.trusted_proxies,
                                     .metrics_token = config.metrics_token,
                                     .metrics_allow = config.metrics_allow},
                      &metrics_,
                      [this] {
                          return metrics::PoolStats{static_cast<double>(db_.pool_size()),
                                                    static_cast<double>(db_.in_use()),
                                                    static_cast<double>(db_.waiting())};
                      },
                      [this] { return db_.data_version(); },
                      std::make_shared<common::VersionedCache<std::string, std::string>>(1024), &web_}) {}

int App::migrate() {
    return storage::migrate(db_);
}

http::Api App::metrics_api() {
    auto settings = api_.settings();
    settings.public_cors = true;
    return http::Api(http::Deps{accounts_, users_, tokens_, catalogue_, inventory_, settings}, http::metrics_routes());
}

http::ServerOptions App::server_options() {
    http::ServerOptions options;
    options.host = config_.host;
    options.port = config_.port;
    options.io_threads = config_.io_threads;
    options.db_threads = config_.worker_threads;
    options.hash_threads = config_.hash_threads;
    options.json_log = config_.log_format == "json";
    options.metrics = &metrics_;
    options.max_connections = config_.max_connections;
    options.header_timeout = std::chrono::seconds(config_.header_timeout_seconds);
    options.min_body_rate = config_.min_body_rate;
    return options;
}

}  // namespace sweetshop::app
