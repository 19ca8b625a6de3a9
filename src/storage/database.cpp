#include "storage/database.hpp"

#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "domain/error.hpp"

namespace sweetshop::storage {

DatabaseUrl parse_database_url(const std::string& url) {
    DatabaseUrl out;
    const std::string sqlite_prefix = "sqlite:///";
    if (url.rfind(sqlite_prefix, 0) == 0) {
        out.dialect = Dialect::Sqlite;
        out.path = url.substr(sqlite_prefix.size());
        if (out.path.empty() || out.path == "/") throw std::invalid_argument("the SQLite URL names no file");
        if (out.path.find_first_of(" '\"") != std::string::npos)
            throw std::invalid_argument("the SQLite path may not contain spaces or quotes");
        out.connect = "db=" + out.path + " timeout=5";
        return out;
    }
    if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0)
        throw std::invalid_argument("PostgreSQL is not supported yet; use sqlite:///path/to/file.db");
    throw std::invalid_argument("unsupported database URL (expected sqlite:///path/to/file.db)");
}

namespace {
/// SQLite's allocation statistics take one process-wide mutex on every allocation, which every worker thread then
/// contends for (measured in docs/performance.md). Turn them off before SQLite initialises.
void configure_sqlite_library() {
    static const bool done = [] {
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)done;
}
}  // namespace

Database::Database(const std::string& url, std::size_t pool_size)
    : url_(parse_database_url(url)), size_(pool_size == 0 ? 1 : pool_size), pool_(size_) {
    if (url_.dialect == Dialect::Sqlite) {
        configure_sqlite_library();
        auto parent = std::filesystem::path(url_.path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    for (std::size_t i = 0; i < size_; ++i) {
        auto& sql = pool_.at(i);
        try {
            sql.open(*soci::factory_sqlite3(), url_.connect);
            configure(sql, Role::Reader);
        } catch (const soci::soci_error& e) {
            throw std::runtime_error("cannot open the database " + url_.path + ": " + e.what());
        }
    }
    if (url_.dialect == Dialect::Sqlite) {
        try {
            writer_ = std::make_unique<soci::session>(*soci::factory_sqlite3(), url_.connect);
            configure(*writer_, Role::Writer);
            writer_begin_ = std::make_unique<soci::statement>((writer_->prepare << "BEGIN IMMEDIATE"));
            writer_commit_ = std::make_unique<soci::statement>((writer_->prepare << "COMMIT"));
        } catch (const soci::soci_error& e) {
            throw std::runtime_error("cannot open the database " + url_.path + ": " + e.what());
        }
        watcher_ = std::make_unique<soci::session>(*soci::factory_sqlite3(), url_.connect);
        watcher_statement_ = std::make_unique<soci::statement>(
            (watcher_->prepare << "PRAGMA data_version", soci::into(watched_version_)));
    }
}

std::optional<std::uint64_t> Database::data_version() {
    if (!watcher_) return std::nullopt;
    std::lock_guard lock(watcher_mutex_);
    try {
        watcher_statement_->execute(true);
        while (watcher_statement_->fetch()) {  // finish it: an unfinished statement would pin a read snapshot
        }
    } catch (const soci::soci_error&) {
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(watched_version_);
}

Database::~Database() = default;

void Database::configure(soci::session& sql, Role role) {
    if (url_.dialect != Dialect::Sqlite) return;
    // One statement per call: SOCI silently drops statements chained with a comma (stack-notes, pitfall 4).
    std::string mode;
    sql << "PRAGMA journal_mode=WAL", soci::into(mode);
    sql << "PRAGMA synchronous=NORMAL";
    sql << "PRAGMA foreign_keys=ON";
    sql << "PRAGMA busy_timeout=5000";
    // No memory map (mmap_size 0): it made purchases about 12% faster, but every mapped page of the database
    // counts as the server's resident memory (docs/performance.md).
    // Page caches: the writer keeps SQLite's default 2 MiB, so that commits find their pages; readers serve what
    // the answer cache misses and get 512 KiB each (a commit empties their caches anyway).
    if (role == Role::Reader) sql << "PRAGMA cache_size=-512";
}

namespace {
std::size_t lease_counting_waiters(soci::connection_pool& pool, std::atomic<std::size_t>& waiting) {
    ++waiting;
    struct Done {
        std::atomic<std::size_t>& w;
        ~Done() { --w; }
    } done{waiting};
    return pool.lease();
}
}  // namespace

Database::Lease::Lease(Database& db) : db_(db), pos_(lease_counting_waiters(db.pool_, db.waiting_)) {
    ++db_.in_use_;
}

Database::Lease::~Lease() {
    --db_.in_use_;
    db_.pool_.give_back(pos_);
}

void Database::rethrow_database_error(const soci::soci_error& e) {
    if (e.get_error_category() == soci::soci_error::connection_error)
        throw domain::Error(domain::ErrorCode::Unavailable, "Database unavailable.");
    throw;
}

}  // namespace sweetshop::storage
