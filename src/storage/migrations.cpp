#include "storage/migrations.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>
#include <stdexcept>

#include "domain/clock.hpp"
#include "resources/resources.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at_us BIGINT NOT NULL)";
constexpr const char* kAppliedVersions = "SELECT version FROM schema_migrations";
constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version, name, applied_at_us) VALUES (:v, :n, :t)";

std::string dialect_dir(Dialect d) {
    return d == Dialect::Sqlite ? "migrations/sqlite/" : "migrations/postgres/";
}

void ensure_table(Database& db) {
    db.write([](soci::session& sql) {
        Query q(sql);
        q.run(kCreateMigrationsTable);
    });
}

std::set<int> applied_versions(Database& db) {
    return db.read([](soci::session& sql) {
        std::set<int> out;
        int v = 0;
        Query q(sql);
        q.into(v);
        for (bool row = q.run(kAppliedVersions); row; row = q.fetch())
            out.insert(v);
        return out;
    });
}
}  // namespace

std::vector<Migration> migrations_for(Dialect dialect) {
    const auto prefix = dialect_dir(dialect);
    std::vector<Migration> out;
    for (auto name : resources::names()) {
        if (name.substr(0, prefix.size()) != prefix) continue;
        auto file = std::string(name.substr(prefix.size()));
        const auto underscore = file.find('_');
        const auto dot = file.rfind(".sql");
        if (underscore == std::string::npos || dot == std::string::npos)
            throw std::logic_error("badly named migration: " + std::string(name));
        Migration m;
        m.version = std::stoi(file.substr(0, underscore));
        m.name = file.substr(underscore + 1, dot - underscore - 1);
        m.sql = std::string(*resources::find(name));
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}

namespace {
/// Whether `statement` is a SQLite CREATE [TEMP] TRIGGER whose body (BEGIN ... END) is still open: its semicolons
/// belong to it.
bool open_trigger(const std::string& statement) {
    std::vector<std::string> words;
    std::string word;
    for (char c : statement) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    std::size_t i = 0;
    if (words.size() < 2 || words[i++] != "CREATE") return false;
    if (words[i] == "TEMP" || words[i] == "TEMPORARY") ++i;
    if (i >= words.size() || words[i] != "TRIGGER") return false;
    // SQLite's body runs from BEGIN to END; PostgreSQL's trigger calls a function and ends at its first ';'.
    return std::find(words.begin() + static_cast<long>(i), words.end(), "BEGIN") != words.end() &&
           words.back() != "END";
}
}  // namespace

std::vector<std::string> split_sql(const std::string& script) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        auto first = current.find_first_not_of(" \t\r\n");
        if (first != std::string::npos) out.push_back(current.substr(first));
        current.clear();
    };
    for (std::size_t i = 0; i < script.size(); ++i) {
        const char c = script[i];
        if (c == '-' && i + 1 < script.size() && script[i + 1] == '-') {  // comment to end of line
            while (i < script.size() && script[i] != '\n')
                ++i;
            current += '\n';
            continue;
        }
        if (c == '$' && i + 1 < script.size() && script[i + 1] == '$') {  // PostgreSQL's $$ ... $$ body
            const auto close = script.find("$$", i + 2);
            const auto end = close == std::string::npos ? script.size() : close + 2;
            current.append(script, i, end - i);
            i = end - 1;
            continue;
        }
        if (c == '\'' || c == '"') {
            const char quote = c;
            current += c;
            for (++i; i < script.size(); ++i) {
                current += script[i];
                if (script[i] == quote) break;
            }
            continue;
        }
        if (c == ';') {
            if (open_trigger(current)) {
                current += c;
                continue;
            }
            flush();
            continue;
        }
        current += c;
    }
    flush();
    return out;
}

std::vector<int> pending_migrations(Database& db) {
    ensure_table(db);
    const auto applied = applied_versions(db);
    std::vector<int> out;
    for (const auto& m : migrations_for(db.dialect()))
        if (!applied.count(m.version)) out.push_back(m.version);
    return out;
}

namespace {
int apply(Database& db, const std::function<void(const std::string&)>& progress, int up_to) {
    ensure_table(db);
    const auto applied = applied_versions(db);
    int count = 0;
    for (const auto& m : migrations_for(db.dialect())) {
        if (applied.count(m.version) || m.version > up_to) continue;
        db.write([&](soci::session& sql) {
            for (const auto& statement : split_sql(m.sql)) {
                Query step(sql);
                step.run(statement);
            }
            const long long now = domain::now_micros();
            Query q(sql);
            q.use(m.version, "v").use(m.name, "n").use(now, "t");
            q.run(kRecordMigration);
        });
        ++count;
        if (progress) progress("applied migration " + std::to_string(m.version) + " " + m.name);
    }
    return count;
}

}  // namespace

int migrate(Database& db, const std::function<void(const std::string&)>& progress) {
    return apply(db, progress, std::numeric_limits<int>::max());
}

int migrate_to(Database& db, int version) {
    return apply(db, {}, version);
}

}  // namespace sweetshop::storage
