#include "app/config.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/text.hpp"
#include "security/password.hpp"
#include "storage/database.hpp"

namespace sweetshop::app {

namespace {
const std::map<std::string, std::string> kFlags = {
    {"SWEETSHOP_ENV", "--env"},
    {"SWEETSHOP_DATA_DIR", "--data-dir"},
    {"DATABASE_URL", "--database-url"},
    {"SWEETSHOP_HOST", "--host"},
    {"SWEETSHOP_PORT", "--port"},
    {"SWEETSHOP_METRICS_PORT", "--metrics-port"},
    {"JWT_ACCESS_MINUTES", "--jwt-access-minutes"},
    {"JWT_REFRESH_DAYS", "--jwt-refresh-days"},
    {"CORS_ALLOWED_ORIGINS", "--cors-allowed-origins"},
    {"SWEETSHOP_IO_THREADS", "--io-threads"},
    {"SWEETSHOP_WORKER_THREADS", "--worker-threads"},
    {"SWEETSHOP_HASH_THREADS", "--hash-threads"},
    {"SWEETSHOP_DB_POOL_SIZE", "--db-pool-size"},
    {"SWEETSHOP_MAX_BODY_BYTES", "--max-body-bytes"},
    {"SWEETSHOP_LOG_LEVEL", "--log-level"},
    {"SWEETSHOP_LOG_FORMAT", "--log-format"},
    {"SWEETSHOP_ARGON2_OPS", "--argon2-ops"},
    {"SWEETSHOP_ARGON2_MEMORY_KIB", "--argon2-memory-kib"},
    {"SWEETSHOP_LOGIN_MAX_FAILURES", "--login-max-failures"},
    {"SWEETSHOP_LOGIN_WINDOW_SECONDS", "--login-window-seconds"},
    {"SWEETSHOP_MAX_CONNECTIONS", "--max-connections"},
    {"SWEETSHOP_HEADER_TIMEOUT_SECONDS", "--header-timeout-seconds"},
    {"SWEETSHOP_MIN_BODY_RATE", "--min-body-rate"},
    {"SWEETSHOP_IDEMPOTENCY_MAX_KEYS", "--idempotency-max-keys"},
    {"SWEETSHOP_PUBLIC_URL", "--public-url"},
    {"SWEETSHOP_TRUSTED_PROXIES", "--trusted-proxies"},
    {"SWEETSHOP_METRICS_ALLOW", "--metrics-allow"},
};

class Reader {
  public:
    Reader(const std::map<std::string, std::string>& flags, const EnvLookup& env) : flags_(flags), env_(env) {}

    std::optional<std::string> raw(const std::string& name) const {
        if (auto it = flags_.find(name); it != flags_.end()) return it->second;
        return env_(name);
    }

    [[noreturn]] void bad(const std::string& name, const std::string& why) const {
        throw ConfigError(name + " (" + flag_for(name) + "): " + why);
    }

    void string(const std::string& name, std::string& out) const {
        if (auto v = raw(name); v && !v->empty()) out = *v;
    }

    template <class T>
    void integer(const std::string& name, T& out, long long min, long long max) const {
        auto v = raw(name);
        if (!v || v->empty()) return;
        long long parsed = 0;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), parsed);
        if (ec != std::errc() || p != v->data() + v->size()) bad(name, "expected a whole number, got \"" + *v + "\"");
        if (parsed < min || parsed > max)
            bad(name, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + *v);
        out = static_cast<T>(parsed);
    }

    void choice(const std::string& name, std::string& out, const std::vector<std::string>& allowed) const {
        auto v = raw(name);
        if (!v || v->empty()) return;
        for (const auto& a : allowed)
            if (*v == a) {
                out = *v;
                return;
            }
        std::string list;
        for (const auto& a : allowed)
            list += (list.empty() ? "" : ", ") + a;
        bad(name, "must be one of " + list + ", got \"" + *v + "\"");
    }

  private:
    const std::map<std::string, std::string>& flags_;
    const EnvLookup& env_;
};

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto comma = s.find(',', start);
        auto item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (auto trimmed = common::trim_ows(item); !trimmed.empty()) out.emplace_back(trimmed);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}
}  // namespace

std::string flag_for(const std::string& variable) {
    auto it = kFlags.find(variable);
    return it == kFlags.end() ? "environment only" : it->second;
}

EnvLookup process_env() {
    return [](const std::string& name) -> std::optional<std::string> {
        if (const char* v = std::getenv(name.c_str())) return std::string(v);
        return std::nullopt;
    };
}

Config load_config(const std::map<std::string, std::string>& flags, const EnvLookup& env) {
    Config c;
    Reader r(flags, env);
    r.choice("SWEETSHOP_ENV", c.env, {"development", "production"});
    r.string("SWEETSHOP_DATA_DIR", c.data_dir);
    c.database_url = "sqlite:///" + c.data_dir + "/sweetshop.db";
    r.string("DATABASE_URL", c.database_url);
    try {
        storage::parse_database_url(c.database_url);
    } catch (const std::invalid_argument& e) {
        r.bad("DATABASE_URL", e.what());
    }
    r.string("SWEETSHOP_HOST", c.host);
    r.integer("SWEETSHOP_PORT", c.port, 0, 65535);
    r.integer("SWEETSHOP_METRICS_PORT", c.metrics_port, 0, 65535);
    r.integer("JWT_ACCESS_MINUTES", c.jwt_access_minutes, 1, 60 * 24 * 365);
    r.integer("JWT_REFRESH_DAYS", c.jwt_refresh_days, 1, 3650);
    if (auto v = r.raw("CORS_ALLOWED_ORIGINS")) {
        c.cors_origins = split_list(*v);
        for (const auto& o : c.cors_origins)
            if (o != "*" && o.rfind("http://", 0) != 0 && o.rfind("https://", 0) != 0)
                r.bad("CORS_ALLOWED_ORIGINS",
                      "each origin must start with http:// or https:// (or be *), got \"" + o + "\"");
    }
    // Allowed origins get credentialed CORS answers, so "*" would let any web site act for a signed-in user.
    if (c.production() && std::find(c.cors_origins.begin(), c.cors_origins.end(), "*") != c.cors_origins.end())
        r.bad("CORS_ALLOWED_ORIGINS",
              "\"*\" is refused with SWEETSHOP_ENV=production: every origin would get credentialed access; list the "
              "web app's origins instead");
    r.integer("SWEETSHOP_IO_THREADS", c.io_threads, 1, 256);
    r.integer("SWEETSHOP_WORKER_THREADS", c.worker_threads, 1, 1024);
    r.integer("SWEETSHOP_HASH_THREADS", c.hash_threads, 1, 256);
    r.integer("SWEETSHOP_DB_POOL_SIZE", c.db_pool_size, 0, 1024);
    r.integer("SWEETSHOP_MAX_BODY_BYTES", c.max_body_bytes, 1024, 256LL << 20);
    r.choice("SWEETSHOP_LOG_LEVEL", c.log_level, {"trace", "debug", "info", "warn", "error", "off"});
    r.choice("SWEETSHOP_LOG_FORMAT", c.log_format, {"text", "json"});
    r.integer("SWEETSHOP_ARGON2_OPS", c.argon2_ops, 1, 16);
    r.integer("SWEETSHOP_ARGON2_MEMORY_KIB", c.argon2_memory_kib, 8, 4LL << 20);
    r.integer("SWEETSHOP_LOGIN_MAX_FAILURES", c.login_max_failures, 1, 1000000);
    r.integer("SWEETSHOP_LOGIN_WINDOW_SECONDS", c.login_window_seconds, 1, 365LL * 24 * 3600);
    r.integer("SWEETSHOP_MAX_CONNECTIONS", c.max_connections, 1, 1000000);
    r.integer("SWEETSHOP_HEADER_TIMEOUT_SECONDS", c.header_timeout_seconds, 1, 3600);
    r.integer("SWEETSHOP_MIN_BODY_RATE", c.min_body_rate, 1, 1LL << 30);
    r.integer("SWEETSHOP_IDEMPOTENCY_MAX_KEYS", c.idempotency_max_keys, 1, 100000000);
    r.string("SWEETSHOP_PUBLIC_URL", c.public_url);
    if (!c.public_url.empty()) {
        while (c.public_url.ends_with('/'))
            c.public_url.pop_back();
        const auto scheme_end = c.public_url.find("://");
        const bool scheme_ok = c.public_url.rfind("http://", 0) == 0 || c.public_url.rfind("https://", 0) == 0;
        if (!scheme_ok || c.public_url.size() == scheme_end + 3 ||
            c.public_url.find_first_of("/?#", scheme_end + 3) != std::string::npos)
            r.bad(
                "SWEETSHOP_PUBLIC_URL",
                "expected the shop's origin, such as https://shop.example.com (no path), got \"" + c.public_url + "\"");
    }
    if (auto v = r.raw("SWEETSHOP_TRUSTED_PROXIES")) c.trusted_proxies = split_list(*v);
    if (auto v = r.raw("SWEETSHOP_METRICS_ALLOW")) c.metrics_allow = split_list(*v);
    if (auto v = env("SWEETSHOP_METRICS_TOKEN")) c.metrics_token = *v;
    return c;
}

void resolve_secret_key(Config& config, const EnvLookup& env) {
    if (auto v = env("SWEETSHOP_SECRET_KEY"); v && !v->empty()) {
        if (config.production() && v->size() < 32)
            throw ConfigError("SWEETSHOP_SECRET_KEY (environment only): must be at least 32 bytes in production, got " +
                              std::to_string(v->size()));
        config.secret_key = *v;
        return;
    }
    if (config.production())
        throw ConfigError(
            "SWEETSHOP_SECRET_KEY (environment only): required with SWEETSHOP_ENV=production (at least 32 bytes)");
    namespace fs = std::filesystem;
    const fs::path file = fs::path(config.data_dir) / "secret_key";
    if (std::ifstream in(file); in) {
        std::getline(in, config.secret_key);
        if (config.secret_key.size() >= 32) return;
    }
    prepare_data_dir(config);
    config.secret_key = security::random_hex(32);
    // Written to a new file that is 0600 from its creation (no moment with a wider mode), then renamed into place.
    const auto tmp = file.string() + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw ConfigError("SWEETSHOP_DATA_DIR (--data-dir): cannot write " + tmp);
    const std::string line = config.secret_key + "\n";
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) throw ConfigError("SWEETSHOP_DATA_DIR (--data-dir): cannot write " + tmp);
    fs::rename(tmp, file);
}

void prepare_data_dir(const Config& config) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    struct stat st {};
    // 0700, unless it is a shared sticky directory such as /tmp (then the files inside are still 0600).
    if (::stat(config.data_dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && !(st.st_mode & S_ISVTX) &&
        (st.st_mode & 0777) != 0700)
        ::chmod(config.data_dir.c_str(), 0700);
}

}  // namespace sweetshop::app
