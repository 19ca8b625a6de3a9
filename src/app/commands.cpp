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
#include "app/settings.hpp"
#include "domain/text.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "storage/django_import.hpp"
#include "storage/migrations.hpp"
#include "storage/sweet_catalogue.hpp"

#ifndef SWEETSHOP_VERSION
#define SWEETSHOP_VERSION "0.0.0"
#endif

namespace sweetshop::app {

namespace {
struct Flags {
    std::map<std::string, std::string> values;
    /// Adds the flags of every setting the command takes (settings.cpp), each bound to the variable it overrides.
    void add_settings(CLI::App& cmd, Command command) {
        for (const auto& setting : settings()) {
            if (!(setting.commands & command) || setting.flag.empty()) continue;
            std::string names(setting.flag);
            if (!setting.alias.empty()) names = std::string(setting.alias) + "," + names;
            const std::string variable(setting.variable);
            auto* opt = cmd.add_option_function<std::string>(
                names, [this, variable](const std::string& v) { values[variable] = v; },
                std::string(setting.help) + " [env " + variable + "]");
            opt->type_name("VALUE");
        }
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
    Service service(app);
    http::Server server(service.api(), service.server_options());
    server.start();
    spdlog::info("Sweet Shop {} listening on http://{}:{} (database {}, {} env)", SWEETSHOP_VERSION, config.host,
                 server.port(), database_label(app, config), config.env);
    if (service.web().empty())
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
    Service service(app);
    auto api = service.metrics_api();
    auto options = service.server_options();
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
    for (const auto& m : report.sales_mismatches)
        std::cout << "MISMATCH sales of sweet " << m.sweet_id << " \"" << m.name << "\": " << m.sold
                  << " sold in orders, " << m.ledger_sold << " in the ledger; " << m.restocked
                  << " restocked by refunds, " << m.ledger_restocked << " in the ledger\n";
    for (const auto& m : report.summary_mismatches)
        std::cout << "MISMATCH reports' summary " << m.summary << (m.key.empty() ? " in total" : " for " + m.key)
                  << ": " << m.figure << " " << m.summarised << ", the order lines and refunds give " << m.from_lines
                  << "\n";
    for (const auto& m : report.batch_mismatches) {
        if (m.check == "batch")
            std::cout << "MISMATCH batch " << m.id << " of sweet " << m.sweet_id << ": " << m.expected
                      << " unit(s) left, its moves give " << m.found << "\n";
        else if (m.check == "sweet")
            std::cout << "MISMATCH batches of sweet " << m.sweet_id << ": quantity " << m.expected
                      << ", its batch rows hold " << m.found << " (batched_units disagree or exceed it)"
                      << "\n";
        else
            std::cout << "MISMATCH ledger entry " << m.id << " of sweet " << m.sweet_id << ": change " << m.expected
                      << ", its batch moves " << m.found << "\n";
    }
    const auto problems = report.mismatches.size() + report.sales_mismatches.size() + report.summary_mismatches.size() +
                          report.batch_mismatches.size();
    std::cout << "checked " << report.checked << " sweet(s): "
              << (report.ok() ? "every quantity equals the sum of its ledger and of its batches, every batch "
                                "its moves, every sale and restocked refund is in it, and the reports' summaries "
                                "add up to the orders"
                              : std::to_string(problems) + " mismatch(es)")
              << "\n";
    return report.ok() ? 0 : 1;
}

int seed_demo_command(const Flags& flags, const std::string& as, int synthetic, std::int64_t stock) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    App app(config);
    app.migrate();
    auto admin = as.empty() ? app.users().first_owner() : app.users().find_by_username(as);
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
    storage::backfill_search(app.database());  // the imported sweets' sort keys and search words
    std::cout << "imported " << report.users_added << " user(s) (" << report.users_skipped << " already there) and "
              << report.sweets_added << " sweet(s) (" << report.sweets_skipped << " already there or skipped)\n";
    if (report.users_added > 0)
        std::cout << "imported users keep their passwords; each is rehashed with Argon2id at its first login\n";
    return 0;
}

int set_role(const Flags& flags, const std::string& username, domain::Role role) {
    auto config = load(flags);
    config.secret_key = "unused-by-this-command";
    App app(config);
    app.migrate();
    if (!app.users().set_role(domain::nfkc(username), role)) {
        std::cerr << "error: no user named '" << username << "'\n";
        return 1;
    }
    std::cout << "user '" << username << "' is now " << domain::role_name(role) << "\n";
    return 0;
}

/// The arguments of the subcommands other than settings.
struct Args {
    std::string username, state, source, as;
    bool if_missing = false, generate = false, merge = false, yaml = false;
    int synthetic = 0;
    std::int64_t stock = 1000;
};

int print_openapi(const Args& args) {
    std::cout << (args.yaml ? http::openapi_yaml() : http::openapi_json() + "\n");
    return 0;
}

/// One subcommand: its name, its description, which settings it takes (settings.cpp), its own arguments, and what
/// it runs.
struct Subcommand {
    const char* name;
    const char* description;
    Command settings;  ///< 0: none (it opens no database)
    void (*arguments)(CLI::App& cmd, Args& args);
    int (*run)(const Flags& flags, const Args& args);
};

void no_arguments(CLI::App&, Args&) {}

const Subcommand kSubcommands[] = {
    {"serve", "Run the HTTP API server (applies pending migrations first)", kServe, no_arguments,
     [](const Flags& f, const Args&) { return serve(f); }},
    {"metrics", "Run the metrics service (GET /health, GET /metrics/sweets; no authentication, CORS *)", kMetrics,
     no_arguments, [](const Flags& f, const Args&) { return metrics_service(f); }},
    {"migrate", "Apply pending database migrations", kMigrate, no_arguments,
     [](const Flags& f, const Args&) { return migrate_command(f); }},
    {"create-admin",
     "Create an owner (the shop's admin), or make an existing user the owner with a new password. The password comes "
     "from "
     "SWEETSHOP_ADMIN_PASSWORD or standard input, never from an argument",
     kCreateAdmin,
     [](CLI::App& cmd, Args& a) {
         cmd.add_option("username", a.username, "the admin's username")->required();
         cmd.add_flag("--if-missing", a.if_missing, "do nothing when the user exists");
         cmd.add_flag("--generate-password", a.generate,
                      "without SWEETSHOP_ADMIN_PASSWORD, generate a password and print it once");
     },
     [](const Flags& f, const Args& a) { return create_admin(f, a.username, a.if_missing, a.generate); }},
    {"openapi", "Print the OpenAPI document of the API (JSON)", Command{0},
     [](CLI::App& cmd, Args& a) { cmd.add_flag("--yaml", a.yaml, "print YAML instead of JSON"); },
     [](const Flags&, const Args& a) { return print_openapi(a); }},
    {"set-role",
     "Give a user a role: customer, staff (the catalogue, stock, orders, the counter) or owner (also "
     "people, roles, costs and profit)",
     kSetStaff,
     [](CLI::App& cmd, Args& a) {
         cmd.add_option("username", a.username, "the user")->required();
         cmd.add_option("role", a.state, "customer, staff or owner")
             ->required()
             ->check(CLI::IsMember({"customer", "staff", "owner"}));
     },
     [](const Flags& f, const Args& a) { return set_role(f, a.username, *domain::parse_role(a.state)); }},
    {"set-staff", "Make a user staff (on) or a customer (off); set-role also makes owners", kSetStaff,
     [](CLI::App& cmd, Args& a) {
         cmd.add_option("username", a.username, "the user")->required();
         cmd.add_option("state", a.state, "on or off")->required()->check(CLI::IsMember({"on", "off"}));
     },
     [](const Flags& f, const Args& a) {
         return set_role(f, a.username, a.state == "on" ? domain::Role::Staff : domain::Role::Customer);
     }},
    {"import-django", "Import users (with their passwords) and sweets from a database of the original system",
     kImportDjango,
     [](CLI::App& cmd, Args& a) {
         cmd.add_option("source", a.source, "the original's DATABASE_URL (sqlite:///path or postgres://...)")
             ->required();
         cmd.add_flag("--merge", a.merge, "add to a shop that already has users or sweets");
     },
     [](const Flags& f, const Args& a) { return import_django_command(f, a.source, a.merge); }},
    {"verify-stock", "Check that every sweet's quantity equals the sum of its stock ledger (exit 1 when not)",
     kVerifyStock, no_arguments, [](const Flags& f, const Args&) { return verify_stock(f); }},
    {"seed-demo", "Fill an empty shop with a demo catalogue", kSeedDemo,
     [](CLI::App& cmd, Args& a) {
         cmd.add_option("--as", a.as, "the admin recorded as creator (default: the first admin)");
         cmd.add_option("--synthetic", a.synthetic, "instead, N generated sweets in 10 categories (load tests)")
             ->check(CLI::Range(1, 100000));
         cmd.add_option("--stock", a.stock, "stock of each generated sweet (default 1000)")
             ->check(CLI::Range(static_cast<std::int64_t>(0), static_cast<std::int64_t>(2147483647)));
     },
     [](const Flags& f, const Args& a) { return seed_demo_command(f, a.as, a.synthetic, a.stock); }},
};

/// Runs the command, turning a failure into its message and exit code (2: configuration, 1: anything else).
int run_reporting(const Subcommand& command, const Flags& flags, const Args& args) {
    try {
        return command.run(flags, args);
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
}
}  // namespace

int run_cli(int argc, char** argv) {
    // Every file this process creates (database, WAL, secret key, data directory) is for its own user only.
    ::umask(077);
    CLI::App cli{"Sweet Shop: the shop-management server and its tools"};
    cli.set_version_flag("--version", std::string("sweetshop ") + SWEETSHOP_VERSION);
    cli.require_subcommand(1);
    Flags flags;
    Args args;
    std::vector<std::pair<CLI::App*, const Subcommand*>> commands;
    for (const auto& command : kSubcommands) {
        auto* cmd = cli.add_subcommand(command.name, command.description);
        flags.add_settings(*cmd, command.settings);
        command.arguments(*cmd, args);
        commands.emplace_back(cmd, &command);
    }
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }
    for (const auto& [cmd, command] : commands)
        if (*cmd) return run_reporting(*command, flags, args);
    return 0;
}

}  // namespace sweetshop::app
