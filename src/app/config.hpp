#pragma once
// Typed configuration, loaded and validated once: command-line flags over environment variables over defaults.
// Every setting is documented in docs/configuration.md.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sweetshop::app {

/// A bad setting; the message names it ("SWEETSHOP_PORT (--port): ...").
class ConfigError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Config {
    std::string env = "development";  ///< SWEETSHOP_ENV: development | production
    std::string data_dir = "data";
    std::string database_url;          ///< default sqlite:///<data_dir>/sweetshop.db
    std::string sqlite_sync = "full";  ///< full: changes answered once on disk; normal: once committed
    std::string host = "127.0.0.1";
    std::uint16_t port = 8000;
    std::uint16_t metrics_port = 5001;  ///< `sweetshop metrics`
    std::string secret_key;             ///< empty until resolve_secret_key()
    int jwt_access_minutes = 60;
    int jwt_refresh_days = 7;
    std::vector<std::string> cors_origins{"http://localhost:5173"};
    std::size_t io_threads = 2;
    std::size_t worker_threads = 8;
    std::size_t hash_threads = 1;
    std::size_t db_pool_size = 0;  ///< 0: workers + hashers + 2
    std::size_t max_body_bytes = 1 << 20;
    std::size_t max_upload_bytes = 5 << 20;  ///< a photo or a catalogue CSV
    std::string log_level = "info";
    std::string log_format = "text";
    unsigned long long argon2_ops = 5;  ///< with 7 MiB: one of OWASP's equivalent Argon2id settings
    std::size_t argon2_memory_kib = 7 * 1024;
    int login_max_failures = 10;
    int login_max_failures_per_address = 50;
    int login_window_seconds = 15 * 60;
    std::size_t max_connections = 256;          ///< connections served at once
    int header_timeout_seconds = 10;            ///< the headers' share of the one deadline per request
    std::size_t min_body_rate = 64 * 1024;      ///< slowest accepted body, bytes per second
    std::int64_t idempotency_max_keys = 10000;  ///< Idempotency-Keys one user may hold within 24 hours
    std::string public_url;                     ///< "https://shop.example.com": absolute links; empty: from the request
    std::vector<std::string> trusted_proxies;   ///< addresses whose X-Forwarded-Proto/-Host are believed
    std::string metrics_token;                  ///< SWEETSHOP_METRICS_TOKEN: /metrics wants this bearer token
    std::vector<std::string> metrics_allow;     ///< addresses that may read /metrics (empty: any)
    std::string time_zone = "UTC";              ///< IANA name: receipts' times, order filters' dates
    std::string shop_name = "Sweet Shop";       ///< on receipts
    std::string storefront = "on";              ///< on: the storefront's routes answer without a token; off: 404
    std::string alert_webhook;                  ///< SWEETSHOP_ALERT_WEBHOOK: low-stock alerts are POSTed here
    long long alert_retry_seconds = 30;         ///< the first wait before an alert is sent again
    long long expiry_warning_days = 2;          ///< days before its date a batch's expiry alert opens (0: none)
    std::string shop_address;                   ///< on receipts (one line; empty: none)
    std::string currency = "USD";               ///< ISO 4217: how the web app writes money
    std::string locale = "en-US";               ///< BCP 47: how the web app writes numbers, dates and money

    bool production() const { return env == "production"; }
    std::size_t effective_pool_size() const { return db_pool_size ? db_pool_size : worker_threads + hash_threads + 2; }
};

/// Looks up an environment variable (tests pass their own).
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_env();

/// Builds and validates a Config. `flags` maps a variable name (e.g. "SWEETSHOP_PORT") to the value given on the
/// command line, which wins over the environment. Throws ConfigError naming the first bad setting.
Config load_config(const std::map<std::string, std::string>& flags, const EnvLookup& env);

/// Fills config.secret_key: SWEETSHOP_SECRET_KEY when set (production: required, at least 32 bytes); otherwise, in
/// development, a key generated once and kept in <data_dir>/secret_key so that tokens survive a restart.
void resolve_secret_key(Config& config, const EnvLookup& env);

/// Creates the data directory when missing and makes it 0700 (the files inside are created 0600: the commands set
/// umask 077 at start).
void prepare_data_dir(const Config& config);

/// The command-line flag of each variable, for messages and --help ("SWEETSHOP_PORT" -> "--port").
std::string flag_for(const std::string& variable);

}  // namespace sweetshop::app
