#include "app/app.hpp"

#include "storage/migrations.hpp"

namespace sweetshop::app {

namespace {
storage::Database& migrated(storage::Database& db) {
    storage::migrate(db);
    return db;
}
}  // namespace

App::App(const Config& config)
    : config_(config),
      db_(config.database_url, config.effective_pool_size()),
      users_(migrated(db_)),
      hasher_(security::HashCost{config.argon2_ops, config.argon2_memory_kib}),
      tokens_(config.secret_key, std::chrono::minutes(config.jwt_access_minutes),
              std::chrono::hours(24 * config.jwt_refresh_days)),
      accounts_(users_, hasher_,
                domain::ThrottleSettings{config.login_max_failures, std::chrono::seconds(config.login_window_seconds)}),
      api_(http::Deps{accounts_, users_, tokens_, http::Settings{config.cors_origins, config.max_body_bytes}}) {}

}  // namespace sweetshop::app
