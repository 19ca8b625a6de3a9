#include "app/settings.hpp"

#include <algorithm>
#include <charconv>
#include <type_traits>

#include "common/text.hpp"
#include "domain/shop_locale.hpp"
#include "domain/time_zone.hpp"
#include "storage/database.hpp"

namespace sweetshop::app {

namespace {
// Readers and shown defaults by Config member, for the table below.
template <auto Member, long long Min, long long Max>
void integer(const SettingReader& r, std::string_view name, Config& c) {
    r.integer(name, c.*Member, Min, Max);
}
template <auto Member>
void text(const SettingReader& r, std::string_view name, Config& c) {
    r.string(name, c.*Member);
}
template <auto Member>
void list(const SettingReader& r, std::string_view name, Config& c) {
    r.list(name, c.*Member);
}
template <auto Member>
std::string shown(const Config& c) {
    const auto& value = c.*Member;
    using T = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<T, std::string>)
        return value;
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
        return common::join(value, ",");
    else
        return std::to_string(value);
}

void read_env(const SettingReader& r, std::string_view name, Config& c) {
    r.choice(name, c.env, {"development", "production"});
}

void read_database_url(const SettingReader& r, std::string_view name, Config& c) {
    c.database_url = "sqlite:///" + c.data_dir + "/sweetshop.db";
    r.string(name, c.database_url);
    try {
        storage::parse_database_url(c.database_url);
    } catch (const std::invalid_argument& e) {
        r.bad(name, e.what());
    }
}

void read_sqlite_sync(const SettingReader& r, std::string_view name, Config& c) {
    r.choice(name, c.sqlite_sync, {"full", "normal"});
}

void read_cors(const SettingReader& r, std::string_view name, Config& c) {
    r.list(name, c.cors_origins);
    for (const auto& o : c.cors_origins)
        if (o != "*" && o.rfind("http://", 0) != 0 && o.rfind("https://", 0) != 0)
            r.bad(name, "each origin must start with http:// or https:// (or be *), got \"" + o + "\"");
    // Allowed origins get credentialed CORS answers, so "*" would let any web site act for a signed-in user.
    if (c.production() && std::find(c.cors_origins.begin(), c.cors_origins.end(), "*") != c.cors_origins.end())
        r.bad(name,
              "\"*\" is refused with SWEETSHOP_ENV=production: every origin would get credentialed access; list the "
              "web app's origins instead");
}

void read_storefront(const SettingReader& r, std::string_view name, Config& c) {
    r.choice(name, c.storefront, {"on", "off"});
}

void read_log_level(const SettingReader& r, std::string_view name, Config& c) {
    r.choice(name, c.log_level, {"trace", "debug", "info", "warn", "error", "off"});
}

void read_log_format(const SettingReader& r, std::string_view name, Config& c) {
    r.choice(name, c.log_format, {"text", "json"});
}

void read_public_url(const SettingReader& r, std::string_view name, Config& c) {
    r.string(name, c.public_url);
    if (c.public_url.empty()) return;
    while (c.public_url.ends_with('/'))
        c.public_url.pop_back();
    const auto scheme_end = c.public_url.find("://");
    const bool scheme_ok = c.public_url.rfind("http://", 0) == 0 || c.public_url.rfind("https://", 0) == 0;
    if (!scheme_ok || c.public_url.size() == scheme_end + 3 ||
        c.public_url.find_first_of("/?#", scheme_end + 3) != std::string::npos)
        r.bad(name,
              "expected the shop's origin, such as https://shop.example.com (no path), got \"" + c.public_url + "\"");
}

void read_alert_webhook(const SettingReader& r, std::string_view name, Config& c) {
    if (auto v = r.raw(name)) c.alert_webhook = std::string(common::trim_ows(*v));
    if (c.alert_webhook.empty()) return;
    const bool scheme_ok = c.alert_webhook.rfind("http://", 0) == 0 || c.alert_webhook.rfind("https://", 0) == 0;
    if (!scheme_ok || c.alert_webhook.find_first_of(" \t\r\n") != std::string::npos)
        r.bad(name, "expected an http:// or https:// URL");
}

void read_time_zone(const SettingReader& r, std::string_view name, Config& c) {
    r.string(name, c.time_zone);
    try {
        domain::ShopTimeZone zone(c.time_zone);
    } catch (const std::invalid_argument& e) {
        r.bad(name, e.what());
    }
}

void read_currency(const SettingReader& r, std::string_view name, Config& c) {
    r.string(name, c.currency);
    if (auto refused = domain::refuse_currency(c.currency)) r.bad(name, *refused);
}

void read_locale(const SettingReader& r, std::string_view name, Config& c) {
    r.string(name, c.locale);
    if (auto refused = domain::refuse_locale(c.locale)) r.bad(name, *refused);
}

/// Read from the environment even by a command that has no flag for it (a secret).
void read_metrics_token(const SettingReader& r, std::string_view name, Config& c) {
    if (auto v = r.raw(name)) c.metrics_token = *v;
}

constexpr unsigned kListeners = kServe | kMetrics;
constexpr unsigned kHashers = kServe | kCreateAdmin;
}  // namespace

const std::vector<Setting>& settings() {
    using C = Config;
    static const std::vector<Setting> table = {
        {"SWEETSHOP_ENV", "--env", "", "development or production", kDatabaseCommands, read_env, {}, shown<&C::env>},
        {"SWEETSHOP_DATA_DIR",
         "--data-dir",
         "",
         "data directory (default database, development secret key)",
         kDatabaseCommands,
         text<&C::data_dir>,
         {},
         shown<&C::data_dir>},
        {"DATABASE_URL", "--database-url", "", "database URL, sqlite:///path/to/file.db or postgres://...",
         kDatabaseCommands, read_database_url, "`sqlite:///<data dir>/sweetshop.db`"},
        {"SWEETSHOP_SQLITE_SYNC",
         "--sqlite-sync",
         "",
         "full (a change is answered once it is on disk) or normal (once it is committed)",
         kDatabaseCommands,
         read_sqlite_sync,
         {},
         shown<&C::sqlite_sync>},
        {"SWEETSHOP_HOST", "--host", "", "address to listen on", kListeners, text<&C::host>, {}, shown<&C::host>},
        {"SWEETSHOP_PORT",
         "--port",
         "",
         "port to listen on (0: any free port)",
         kServe,
         integer<&C::port, 0, 65535>,
         {},
         shown<&C::port>},
        {"SWEETSHOP_METRICS_PORT",
         "--metrics-port",
         "--port",
         "port to listen on (0: any free port)",
         kMetrics,
         integer<&C::metrics_port, 0, 65535>,
         {},
         shown<&C::metrics_port>},
        {"SWEETSHOP_SECRET_KEY", "", "", "the tokens' HS256 key", kServe, nullptr, "generated"},
        {"JWT_ACCESS_MINUTES",
         "--jwt-access-minutes",
         "",
         "access token lifetime in minutes",
         kServe,
         integer<&C::jwt_access_minutes, 1, 60 * 24 * 365>,
         {},
         shown<&C::jwt_access_minutes>},
        {"JWT_REFRESH_DAYS",
         "--jwt-refresh-days",
         "",
         "refresh token lifetime in days",
         kServe,
         integer<&C::jwt_refresh_days, 1, 3650>,
         {},
         shown<&C::jwt_refresh_days>},
        {"CORS_ALLOWED_ORIGINS",
         "--cors-allowed-origins",
         "",
         "comma-separated origins allowed by CORS",
         kServe,
         read_cors,
         {},
         shown<&C::cors_origins>},
        {"SWEETSHOP_IO_THREADS",
         "--io-threads",
         "",
         "HTTP I/O threads",
         kListeners,
         integer<&C::io_threads, 1, 256>,
         {},
         shown<&C::io_threads>},
        {"SWEETSHOP_WORKER_THREADS",
         "--worker-threads",
         "",
         "database worker threads",
         kListeners,
         integer<&C::worker_threads, 1, 1024>,
         {},
         shown<&C::worker_threads>},
        {"SWEETSHOP_HASH_THREADS",
         "--hash-threads",
         "",
         "password-hashing threads",
         kServe,
         integer<&C::hash_threads, 1, 256>,
         {},
         shown<&C::hash_threads>},
        {"SWEETSHOP_DB_POOL_SIZE",
         "--db-pool-size",
         "",
         "database connections (0: workers + hashers + 2)",
         kListeners,
         integer<&C::db_pool_size, 0, 1024>,
         {},
         shown<&C::db_pool_size>},
        {"SWEETSHOP_MAX_BODY_BYTES",
         "--max-body-bytes",
         "",
         "largest request body accepted",
         kServe,
         integer<&C::max_body_bytes, 1024, (256LL << 20)>,
         {},
         shown<&C::max_body_bytes>},
        {"SWEETSHOP_MAX_UPLOAD_BYTES",
         "--max-upload-bytes",
         "",
         "largest photo or catalogue CSV accepted",
         kServe,
         integer<&C::max_upload_bytes, 1024, (256LL << 20)>,
         {},
         shown<&C::max_upload_bytes>},
        {"SWEETSHOP_MAX_CONNECTIONS",
         "--max-connections",
         "",
         "connections served at once",
         kListeners,
         integer<&C::max_connections, 1, 1000000>,
         {},
         shown<&C::max_connections>},
        {"SWEETSHOP_HEADER_TIMEOUT_SECONDS",
         "--header-timeout-seconds",
         "",
         "the headers' share of the one deadline per request",
         kListeners,
         integer<&C::header_timeout_seconds, 1, 3600>,
         {},
         shown<&C::header_timeout_seconds>},
        {"SWEETSHOP_MIN_BODY_RATE",
         "--min-body-rate",
         "",
         "slowest request body accepted, bytes per second",
         kListeners,
         integer<&C::min_body_rate, 1, (1LL << 30)>,
         {},
         shown<&C::min_body_rate>},
        {"SWEETSHOP_IDEMPOTENCY_MAX_KEYS",
         "--idempotency-max-keys",
         "",
         "Idempotency-Keys one user may hold",
         kServe,
         integer<&C::idempotency_max_keys, 1, 100000000>,
         {},
         shown<&C::idempotency_max_keys>},
        {"SWEETSHOP_PUBLIC_URL",
         "--public-url",
         "",
         "the shop's origin for absolute links",
         kServe,
         read_public_url,
         {},
         shown<&C::public_url>},
        {"SWEETSHOP_TRUSTED_PROXIES",
         "--trusted-proxies",
         "",
         "comma-separated addresses whose X-Forwarded-Proto/-Host are believed",
         kServe,
         list<&C::trusted_proxies>,
         {},
         shown<&C::trusted_proxies>},
        {"SWEETSHOP_METRICS_TOKEN",
         "",
         "",
         "bearer token /metrics wants",
         kServe,
         read_metrics_token,
         {},
         shown<&C::metrics_token>},
        {"SWEETSHOP_METRICS_ALLOW",
         "--metrics-allow",
         "",
         "comma-separated addresses that may read /metrics",
         kServe,
         list<&C::metrics_allow>,
         {},
         shown<&C::metrics_allow>},
        {"SWEETSHOP_LOG_LEVEL",
         "--log-level",
         "",
         "trace, debug, info, warn, error or off",
         kDatabaseCommands,
         read_log_level,
         {},
         shown<&C::log_level>},
        {"SWEETSHOP_LOG_FORMAT",
         "--log-format",
         "",
         "text or json",
         kDatabaseCommands,
         read_log_format,
         {},
         shown<&C::log_format>},
        {"SWEETSHOP_ARGON2_OPS",
         "--argon2-ops",
         "",
         "Argon2id passes",
         kHashers,
         integer<&C::argon2_ops, 1, 16>,
         {},
         shown<&C::argon2_ops>},
        {"SWEETSHOP_ARGON2_MEMORY_KIB",
         "--argon2-memory-kib",
         "",
         "Argon2id memory in KiB",
         kHashers,
         integer<&C::argon2_memory_kib, 8, (4LL << 20)>,
         {},
         shown<&C::argon2_memory_kib>},
        {"SWEETSHOP_LOGIN_MAX_FAILURES",
         "--login-max-failures",
         "",
         "failed logins per username before 429",
         kServe,
         integer<&C::login_max_failures, 1, 1000000>,
         {},
         shown<&C::login_max_failures>},
        {"SWEETSHOP_LOGIN_MAX_FAILURES_PER_ADDRESS",
         "--login-max-failures-per-address",
         "",
         "failed logins per client address before 429",
         kServe,
         integer<&C::login_max_failures_per_address, 1, 1000000>,
         {},
         shown<&C::login_max_failures_per_address>},
        {"SWEETSHOP_LOGIN_WINDOW_SECONDS",
         "--login-window-seconds",
         "",
         "how long a failed login counts",
         kServe,
         integer<&C::login_window_seconds, 1, 365LL * 24 * 3600>,
         {},
         shown<&C::login_window_seconds>},
        {"SWEETSHOP_TIME_ZONE",
         "--time-zone",
         "",
         "the shop's IANA time zone (receipts, order dates, best-before dates)",
         kServe,
         read_time_zone,
         {},
         shown<&C::time_zone>},
        {"SWEETSHOP_STOREFRONT",
         "--storefront",
         "",
         "on (anyone may browse the storefront without an account) or off",
         kServe,
         read_storefront,
         {},
         shown<&C::storefront>},
        {"SWEETSHOP_SHOP_NAME",
         "--shop-name",
         "",
         "the shop's name on receipts",
         kServe,
         text<&C::shop_name>,
         {},
         shown<&C::shop_name>},
        {"SWEETSHOP_SHOP_ADDRESS",
         "--shop-address",
         "",
         "the shop's address on receipts",
         kServe,
         text<&C::shop_address>,
         {},
         shown<&C::shop_address>},
        {"SWEETSHOP_CURRENCY",
         "--currency",
         "",
         "the shop's ISO 4217 currency (USD, EUR, GBP, ...): how the web app writes money",
         kServe,
         read_currency,
         {},
         shown<&C::currency>},
        {"SWEETSHOP_LOCALE",
         "--locale",
         "",
         "the shop's BCP 47 locale (en-US, en-GB, de-DE, ...): how the web app writes numbers and money",
         kServe,
         read_locale,
         {},
         shown<&C::locale>},
        {"SWEETSHOP_ALERT_WEBHOOK", "", "", "URL that low-stock alerts are POSTed to as JSON (empty: none)", kServe,
         read_alert_webhook, "none"},
        {"SWEETSHOP_ALERT_RETRY_SECONDS",
         "--alert-retry-seconds",
         "",
         "first wait before a failed alert is sent again (doubling, at most an hour)",
         kServe,
         integer<&C::alert_retry_seconds, 1, 3600>,
         {},
         shown<&C::alert_retry_seconds>},
        {"SWEETSHOP_EXPIRY_WARNING_DAYS",
         "--expiry-warning-days",
         "",
         "how many days before its best-before date a batch's expiry alert opens (0: none)",
         kServe,
         integer<&C::expiry_warning_days, 0, 366>,
         {},
         shown<&C::expiry_warning_days>},
        {"SWEETSHOP_ADMIN_PASSWORD", "", "", "the password create-admin sets", kCreateAdmin, nullptr, "none"},
    };
    return table;
}

std::string command_names(unsigned commands) {
    if ((commands & kDatabaseCommands) == kDatabaseCommands) return "all";
    static constexpr std::pair<Command, const char*> kNames[] = {
        {kServe, "serve"},
        {kMetrics, "metrics"},
        {kMigrate, "migrate"},
        {kCreateAdmin, "create-admin"},
        {kSetStaff, "set-staff"},
        {kImportDjango, "import-django"},
        {kVerifyStock, "verify-stock"},
        {kSeedDemo, "seed-demo"},
    };
    std::vector<std::string> names;
    for (const auto& [bit, name] : kNames)
        if (commands & bit) names.emplace_back(name);
    return common::join(names, ", ");
}

}  // namespace sweetshop::app
