// The `sweetshop` subcommands: serve, migrate, create-admin, set-staff, verify-stock, seed-demo, openapi.
#include "app/commands.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>
#include <iostream>

#include "app/app.hpp"
#include "app/demo_catalogue.hpp"
#include "app/logging.hpp"
#include "domain/text.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "storage/django_import.hpp"
#include "storage/migrations.hpp"

#ifndef SWEETSHOP_VERSION
#define SWEETSHOP_VERSION "0.0.0"
#endif

namespace sweetshop::app {

namespace {
struct Flags {
    std::map<std::string, std::string> values;
    /// Adds `--flag` bound to the variable it overrides (`names`: CLI11's "--a,--b" to give it other spellings).
    void add(CLI::App& cmd, const std::string& variable, const std::string& help, const std::string& names = "") {
        auto* opt = cmd.add_option_function<std::string>(
            names.empty() ? flag_for(variable) : names,
            [this, variable](const std::string& v) { values[variable] = v; }, help + " [env " + variable + "]");
        opt->type_name("VALUE");
    }
};

/// The database for the start-up line: the SQLite file's absolute path, or the PostgreSQL URL without its password.
std::string database_label(App& app, const Config& config) {
    if (app.database().dialect() == storage::Dialect::Sqlite) return app.database().describe();
    return storage::redact_database_url(config.database_url);
}

Config load(const Flags& flags) {
    auto config = load_config(flags.values, process_env());
    setup_logging(config.log_level, config.log_format);
    // The data directory holds the SQLite database (by default) and the development secret key; a shop on
    // PostgreSQL with its key in the environment has none to prepare.
    const auto url = storage::parse_database_url(config.database_url);
    if (url.dialect == storage::Dialect::Sqlite && std::filesystem::path(url.path).parent_path().lexically_normal() ==
                                                       std::filesystem::path(config.data_dir).lexically_normal())
        prepare_data_dir(config);
    return config;
}

std::string read_password(const std::string& prompt) {
    if (auto v = process_env()("SWEETSHOP_ADMIN_PASSWORD"); v && !v->empty()) return *v;
    if (isatty(STDIN_FILENO)) std::cerr << prompt << std::flush;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

int serve(const Flags& flags) {
    auto config = load(flags);
    resolve_secret_key(config, process_env());
    http::block_termination_signals();
    App app(config);
    app.migrate();
    http::Server server(app.api(), app.server_options());
    server.start();
    spdlog::info("Sweet Shop {} listening on http://{}:{} (database {}, {} env)", SWEETSHOP_VERSION, config.host,
                 server.port(), database_label(app, config), config.env);
    if (app.web().empty())
        spdlog::warn(
            "this binary holds no web app (frontend/dist was not built): only the API is served; "
            "scripts/build.sh builds both");
    const auto signal = http::wait_for_termination_signal();
    spdlog::info("{} received: finishing requests in flight and stopping", signal);
    server.stop();
    spdlog::info("stopped");
    return 0;
}

int metrics_service(const Flags& flags) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    http::block_termination_signals();
    App app(config);
    app.migrate();
    // The original's Flask service: the same database, no authentication, CORS "*", its own port.
    auto api = app.metrics_api();
    auto options = app.server_options();
    options.port = config.metrics_port;
    options.hash_threads = 1;
    http::Server server(api, options);
    server.start();
    spdlog::info("Sweet Shop metrics service {} listening on http://{}:{} (database {})", SWEETSHOP_VERSION,
                 config.host, server.port(), database_label(app, config));
    const auto signal = http::wait_for_termination_signal();
    spdlog::info("{} received: stopping", signal);
    server.stop();
    return 0;
}

int migrate_command(const Flags& flags) {
    auto config = load(flags);
    storage::Database db(config.database_url, 1);
    const int applied = storage::migrate(db, [](const std::string& line) { std::cout << line << "\n"; });
    std::cout << (applied ? std::to_string(applied) + " migration(s) applied" : "database is up to date") << "\n";
    return 0;
}

int create_admin(const Flags& flags, const std::string& username, bool if_missing, bool generate) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    App app(config);
    app.migrate();
    if (if_missing) {
        if (auto existing = app.users().find_by_username(domain::nfkc(username))) {
            std::cout << "user '" << username << "' exists; left unchanged\n";
            return 0;
        }
    }
    std::string password;
    bool generated = false;
    if (auto v = process_env()("SWEETSHOP_ADMIN_PASSWORD"); v && !v->empty()) {
        password = *v;
    } else if (generate) {
        password = security::random_hex(12);
        generated = true;
    } else {
        password = read_password("Password for " + username + ": ");
    }
    const bool created = app.accounts().create_admin(username, password);
    std::cout << (created ? "created admin '" : "updated admin '") << username << "'\n";
    if (generated) std::cout << "generated password (shown once): " << password << "\n";
    return 0;
}

int verify_stock(const Flags& flags) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    App app(config);
    app.migrate();
    const auto report = app.inventory().verify();
    for (const auto& m : report.mismatches)
        std::cout << "MISMATCH sweet " << m.sweet_id << " \"" << m.name << "\": quantity " << m.quantity
                  << ", ledger sum " << m.ledger_sum << "\n";
    std::cout << "checked " << report.checked << " sweet(s): "
              << (report.ok() ? "every quantity equals the sum of its ledger"
                              : std::to_string(report.mismatches.size()) + " mismatch(es)")
              << "\n";
    return report.ok() ? 0 : 1;
}

int seed_demo_command(const Flags& flags, const std::string& as, int synthetic, std::int64_t stock) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    App app(config);
    app.migrate();
    auto admin = as.empty() ? app.users().first_staff() : app.users().find_by_username(as);
    if (!admin || !admin->is_staff) {
        std::cerr << "error: "
                  << (as.empty() ? std::string("no admin yet; create one first: sweetshop create-admin <username>")
                                 : "'" + as + "' is not an admin")
                  << "\n";
        return 1;
    }
    const auto sweets = synthetic > 0 ? synthetic_catalogue(synthetic, stock) : demo_catalogue();
    const auto report = seed_demo(app.catalogue(), domain::Actor{admin->id, admin->username}, sweets,
                                  [&](const DemoSweet& s, std::size_t done) {
                                      if (sweets.size() <= 50)
                                          std::cout << "  added " << s.name << "\n";
                                      else if (done % 100 == 0 || done == sweets.size())
                                          std::cout << "  added " << done << " of " << sweets.size() << "\n";
                                  });
    if (report.existing > 0) {
        std::cout << "the shop already has " << report.existing << " sweet(s); nothing added\n";
        return 0;
    }
    std::cout << "added " << report.added << (synthetic > 0 ? " generated" : " demo") << " sweets in "
              << report.categories << " categories (" << report.out_of_stock << " out of stock), created by '"
              << admin->username << "'\n";
    return 0;
}

int import_django_command(const Flags& flags, const std::string& source_url, bool merge) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    const auto source_location = storage::parse_database_url(source_url);
    if (source_location.dialect == storage::Dialect::Sqlite && !std::filesystem::exists(source_location.path)) {
        std::cerr << "error: no database file at " << source_location.path << "\n";
        return 1;
    }
    App app(config);
    app.migrate();
    const auto [users, sweets] = storage::shop_size(app.database());
    if (!merge && (users > 0 || sweets > 0)) {
        std::cerr << "error: this shop is not empty (" << users << " user(s), " << sweets
                  << " sweet(s)); --merge adds what it does not have yet\n";
        return 1;
    }
    storage::Database source(source_url, 1);
    std::cout << "reading the original system's database: " << source.describe() << "\n";
    const auto report = storage::import_django(source, app.database(),
                                               [](const std::string& line) { std::cout << "  " << line << "\n"; });
    std::cout << "imported " << report.users_added << " user(s) (" << report.users_skipped << " already there) and "
              << report.sweets_added << " sweet(s) (" << report.sweets_skipped << " already there or skipped)\n";
    if (report.users_added > 0)
        std::cout << "imported users keep their passwords; each is rehashed with Argon2id at its first login\n";
    return 0;
}

int set_staff(const Flags& flags, const std::string& username, const std::string& state) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    App app(config);
    app.migrate();
    if (!app.users().set_staff(domain::nfkc(username), state == "on")) {
        std::cerr << "error: no user named '" << username << "'\n";
        return 1;
    }
    std::cout << "user '" << username << "' is " << (state == "on" ? "now" : "no longer") << " staff\n";
    return 0;
}
}  // namespace

int run_cli(int argc, char** argv) {
    // Every file this process creates (database, WAL, secret key, data directory) is for its own user only.
    ::umask(077);
    CLI::App cli{"Sweet Shop: the shop-management server and its tools"};
    cli.set_version_flag("--version", std::string("sweetshop ") + SWEETSHOP_VERSION);
    cli.require_subcommand(1);
    Flags flags;
    auto common = [&](CLI::App& cmd) {
        flags.add(cmd, "DATABASE_URL", "database URL, sqlite:///path/to/file.db");
        flags.add(cmd, "SWEETSHOP_DATA_DIR", "data directory (default database, development secret key)");
        flags.add(cmd, "SWEETSHOP_ENV", "development or production");
        flags.add(cmd, "SWEETSHOP_LOG_LEVEL", "trace, debug, info, warn, error or off");
        flags.add(cmd, "SWEETSHOP_LOG_FORMAT", "text or json");
    };

    auto* serve_cmd = cli.add_subcommand("serve", "Run the HTTP API server (applies pending migrations first)");
    common(*serve_cmd);
    flags.add(*serve_cmd, "SWEETSHOP_HOST", "address to listen on");
    flags.add(*serve_cmd, "SWEETSHOP_PORT", "port to listen on (0: any free port)");
    flags.add(*serve_cmd, "JWT_ACCESS_MINUTES", "access token lifetime in minutes");
    flags.add(*serve_cmd, "JWT_REFRESH_DAYS", "refresh token lifetime in days");
    flags.add(*serve_cmd, "CORS_ALLOWED_ORIGINS", "comma-separated origins allowed by CORS");
    flags.add(*serve_cmd, "SWEETSHOP_IO_THREADS", "HTTP I/O threads");
    flags.add(*serve_cmd, "SWEETSHOP_WORKER_THREADS", "database worker threads");
    flags.add(*serve_cmd, "SWEETSHOP_HASH_THREADS", "password-hashing threads");
    flags.add(*serve_cmd, "SWEETSHOP_DB_POOL_SIZE", "database connections (0: workers + hashers + 2)");
    flags.add(*serve_cmd, "SWEETSHOP_MAX_BODY_BYTES", "largest request body accepted");
    flags.add(*serve_cmd, "SWEETSHOP_ARGON2_OPS", "Argon2id passes");
    flags.add(*serve_cmd, "SWEETSHOP_ARGON2_MEMORY_KIB", "Argon2id memory in KiB");
    flags.add(*serve_cmd, "SWEETSHOP_LOGIN_MAX_FAILURES", "failed logins per username before 429");
    flags.add(*serve_cmd, "SWEETSHOP_LOGIN_WINDOW_SECONDS", "how long a failed login counts");

    auto* metrics_cmd = cli.add_subcommand(
        "metrics", "Run the metrics service (GET /health, GET /metrics/sweets; no authentication, CORS *)");
    common(*metrics_cmd);
    flags.add(*metrics_cmd, "SWEETSHOP_HOST", "address to listen on");
    flags.add(*metrics_cmd, "SWEETSHOP_METRICS_PORT", "port to listen on (0: any free port)", "--port,--metrics-port");
    flags.add(*metrics_cmd, "SWEETSHOP_IO_THREADS", "HTTP I/O threads");
    flags.add(*metrics_cmd, "SWEETSHOP_WORKER_THREADS", "database worker threads");

    auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");
    common(*migrate_cmd);

    std::string admin_name;
    bool if_missing = false, generate = false;
    auto* admin_cmd = cli.add_subcommand(
        "create-admin",
        "Create an admin, or make an existing user an admin with a new password. The password comes from "
        "SWEETSHOP_ADMIN_PASSWORD or standard input, never from an argument");
    common(*admin_cmd);
    flags.add(*admin_cmd, "SWEETSHOP_ARGON2_OPS", "Argon2id passes");
    flags.add(*admin_cmd, "SWEETSHOP_ARGON2_MEMORY_KIB", "Argon2id memory in KiB");
    admin_cmd->add_option("username", admin_name, "the admin's username")->required();
    admin_cmd->add_flag("--if-missing", if_missing, "do nothing when the user exists");
    admin_cmd->add_flag("--generate-password", generate,
                        "without SWEETSHOP_ADMIN_PASSWORD, generate a password and print it once");

    auto* openapi_cmd = cli.add_subcommand("openapi", "Print the OpenAPI document of the API (JSON)");
    bool openapi_yaml = false;
    openapi_cmd->add_flag("--yaml", openapi_yaml, "print YAML instead of JSON");

    std::string staff_name, staff_state;
    auto* staff_cmd = cli.add_subcommand("set-staff", "Promote (on) or demote (off) a user");
    common(*staff_cmd);
    staff_cmd->add_option("username", staff_name, "the user")->required();
    staff_cmd->add_option("state", staff_state, "on or off")->required()->check(CLI::IsMember({"on", "off"}));

    std::string import_url;
    bool import_merge = false;
    auto* import_cmd = cli.add_subcommand(
        "import-django", "Import users (with their passwords) and sweets from a database of the original system");
    common(*import_cmd);
    import_cmd->add_option("source", import_url, "the original's DATABASE_URL (sqlite:///path or postgres://...)")
        ->required();
    import_cmd->add_flag("--merge", import_merge, "add to a shop that already has users or sweets");

    auto* verify_cmd = cli.add_subcommand(
        "verify-stock", "Check that every sweet's quantity equals the sum of its stock ledger (exit 1 when not)");
    common(*verify_cmd);

    std::string seed_as;
    auto* seed_cmd = cli.add_subcommand("seed-demo", "Fill an empty shop with a demo catalogue");
    common(*seed_cmd);
    seed_cmd->add_option("--as", seed_as, "the admin recorded as creator (default: the first admin)");
    int seed_synthetic = 0;
    std::int64_t seed_stock = 1000;
    seed_cmd->add_option("--synthetic", seed_synthetic, "instead, N generated sweets in 10 categories (load tests)")
        ->check(CLI::Range(1, 100000));
    seed_cmd->add_option("--stock", seed_stock, "stock of each generated sweet (default 1000)")
        ->check(CLI::Range(static_cast<std::int64_t>(0), static_cast<std::int64_t>(2147483647)));

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    try {
        if (*serve_cmd) return serve(flags);
        if (*migrate_cmd) return migrate_command(flags);
        if (*metrics_cmd) return metrics_service(flags);
        if (*admin_cmd) return create_admin(flags, admin_name, if_missing, generate);
        if (*staff_cmd) return set_staff(flags, staff_name, staff_state);
        if (*verify_cmd) return verify_stock(flags);
        if (*import_cmd) return import_django_command(flags, import_url, import_merge);
        if (*seed_cmd) return seed_demo_command(flags, seed_as, seed_synthetic, seed_stock);
        if (*openapi_cmd) {
            std::cout << (openapi_yaml ? http::openapi_yaml() : http::openapi_json() + "\n");
            return 0;
        }
    } catch (const ConfigError& e) {
        std::cerr << "configuration error: " << e.what() << "\n";
        return 2;
    } catch (const domain::Error& e) {
        std::cerr << "error: " << e.detail() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace sweetshop::app
