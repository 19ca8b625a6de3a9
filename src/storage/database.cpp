#include "storage/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <filesystem>

#include "common/text.hpp"

#include <sys/stat.h>
#include <stdexcept>

#include "domain/error.hpp"

namespace sweetshop::storage {

namespace {
/// libpq's keyword=value form of `user:password@host:port/dbname?option=value`, each value quoted.
std::string postgres_connect_string(const std::string& rest) {
    auto quoted = [](const std::string& value) {
        std::string out = "'";
        for (char c : value) {
            if (c == '\\' || c == '\'') out += '\\';
            out += c;
        }
        return out + "'";
    };
    auto decode = [](std::string_view text) { return common::percent_decode(text, false); };
    std::string_view view = rest;
    std::string query;
    if (auto q = view.find('?'); q != std::string_view::npos) {
        query = std::string(view.substr(q + 1));
        view = view.substr(0, q);
    }
    const auto slash = view.find('/');
    if (slash == std::string_view::npos || slash + 1 >= view.size())
        throw std::invalid_argument("the PostgreSQL URL names no database (postgres://user:password@host:port/db)");
    const auto dbname = decode(view.substr(slash + 1));
    auto authority = view.substr(0, slash);
    std::string user, password;
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        auto credentials = authority.substr(0, at);
        authority = authority.substr(at + 1);
        const auto colon = credentials.find(':');
        user = decode(credentials.substr(0, colon));
        if (colon != std::string_view::npos) password = decode(credentials.substr(colon + 1));
    }
    std::string host(authority), port;
    if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
        if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos)
            throw std::invalid_argument("the PostgreSQL URL has a bad port \"" + port + "\"");
    }
    std::string out = "dbname=" + quoted(dbname);
    if (!host.empty()) out += " host=" + quoted(decode(host));
    if (!port.empty()) out += " port=" + port;
    if (!user.empty()) out += " user=" + quoted(user);
    if (!password.empty()) out += " password=" + quoted(password);
    // Fail fast while the database is down, rather than hang a worker (overridable in the URL).
    if (query.find("connect_timeout=") == std::string::npos) out += " connect_timeout=3";
    for (std::string_view options = query; !options.empty();) {
        const auto amp = options.find('&');
        const auto option = options.substr(0, amp);
        const auto eq = option.find('=');
        if (eq != std::string_view::npos && eq > 0) {
            out += ' ';
            out.append(decode(option.substr(0, eq)));
            out += '=';
            out.append(quoted(decode(option.substr(eq + 1))));
        }
        options.remove_prefix(amp == std::string_view::npos ? options.size() : amp + 1);
    }
    return out;
}
}  // namespace

std::string redact_database_url(std::string_view url) {
    std::string out(url);
    const auto scheme = out.find("://");
    if (scheme != std::string::npos) {
        const auto start = scheme + 3;
        const auto end = std::min(out.find_first_of("/?", start), out.size());
        const auto at = out.rfind('@', end);
        if (at != std::string::npos && at >= start) {
            const auto colon = out.find(':', start);
            if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    if (const auto query = out.find('?'); query != std::string::npos) {
        for (auto pos = query; (pos = out.find("password=", pos)) != std::string::npos;) {
            const char before = out[pos - 1];
            const auto value = pos + 9;
            if (before != '?' && before != '&') {
                pos = value;
                continue;
            }
            const auto end = std::min(out.find('&', value), out.size());
            out.replace(value, end - value, "***");
            pos = value + 3;
        }
    }
    return out;
}

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
    for (const std::string scheme : {"postgres://", "postgresql://"}) {
        if (url.rfind(scheme, 0) != 0) continue;
        out.dialect = Dialect::Postgres;
        out.connect = postgres_connect_string(url.substr(scheme.size()));
        return out;
    }
    throw std::invalid_argument(
        "unsupported database URL (expected sqlite:///path/to/file.db or postgres://user:password@host:port/db)");
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

/// The database and its WAL and shared-memory files are the server's alone (an older file may have been created with
/// a wider mode; new ones follow the database file's mode and the umask).
void restrict_file_modes(const std::string& path) {
    for (const auto& file : {path, path + "-wal", path + "-shm"})
        if (std::filesystem::exists(file)) ::chmod(file.c_str(), 0600);
}
}  // namespace

Database::Database(const std::string& url, std::size_t pool_size, DatabaseOptions options)
    : url_(parse_database_url(url)), size_(pool_size == 0 ? 1 : pool_size), pool_(size_) {
    if (url_.dialect == Dialect::Sqlite) {
        configure_sqlite_library();
        auto parent = std::filesystem::path(url_.path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    for (std::size_t i = 0; i < size_; ++i) {
        auto& sql = pool_.at(i);
        try {
            if (url_.dialect == Dialect::Sqlite)
                sql.open(*soci::factory_sqlite3(), url_.connect);
            else
                sql.open(*soci::factory_postgresql(), url_.connect);
            configure(sql, Role::Reader);
        } catch (const soci::soci_error& e) {
            throw std::runtime_error("cannot open the database " + describe() + ": " + e.what());
        }
    }
    if (url_.dialect == Dialect::Sqlite) {
        try {
            writer_ = std::make_unique<soci::session>(*soci::factory_sqlite3(), url_.connect);
            configure(*writer_, Role::Writer);
            restrict_file_modes(url_.path);
            auto prepared = [&](const char* text) {
                return std::make_unique<soci::statement>((writer_->prepare << text));
            };
            writer_begin_ = prepared("BEGIN IMMEDIATE");
            writer_commit_ = prepared("COMMIT");
            writer_rollback_ = prepared("ROLLBACK");
            savepoint_ = prepared("SAVEPOINT one_write");
            release_ = prepared("RELEASE one_write");
            rollback_to_ = prepared("ROLLBACK TO one_write");
        } catch (const soci::soci_error& e) {
            throw std::runtime_error("cannot open the database " + url_.path + ": " + e.what());
        }
        if (options.sync_commits)
            syncer_ =
                std::make_unique<CommitSyncer>([wal = std::make_shared<WalFile>(url_.path)] { return wal->sync(); });
        watcher_ = std::make_unique<soci::session>(*soci::factory_sqlite3(), url_.connect);
        watcher_statement_ = std::make_unique<soci::statement>(
            (watcher_->prepare << "PRAGMA data_version", soci::into(watched_version_)));
    }
}

std::optional<std::uint64_t> Database::notified_version(ChangeListener::Table table) {
    if (url_.dialect != Dialect::Postgres) return std::nullopt;
    if (!listening_.load()) common::may_block();  // starting the listener connects
    std::call_once(listener_started_, [&] {
        listener_ = std::make_unique<ChangeListener>(url_.connect);
        listening_ = listener_.get();
    });
    return listener_->version(table);
}

void Database::changed(ChangeListener::Table table) {
    if (auto* listener = listening_.load()) listener->changed(table);
}

std::optional<std::uint64_t> Database::data_version() {
    if (url_.dialect == Dialect::Postgres) return notified_version(ChangeListener::Table::Sweets);
    return watch([&](soci::session&) {
        execute_to_end(*watcher_statement_);
        return static_cast<std::uint64_t>(watched_version_);
    });
}

Database::~Database() = default;

struct Database::QueuedWrite {
    explicit QueuedWrite(WriteJob j) : job(j) {}
    WriteJob job;
    std::condition_variable wake;
    bool done = false;
    std::exception_ptr error = nullptr;
    std::uint64_t ticket = 0;
};

namespace {
/// Writes committed in one transaction at most: enough to share a commit among all the workers and connections a
/// server has, few enough to keep the writer's transaction short.
constexpr std::size_t kMaxGroup = 256;

/// Resets the statements that a failed write left part-way (cached statements outlive it), so that the group's
/// savepoint can roll back and its commit go through.
void reset_unfinished_statements(soci::session& sql) {
    auto* db = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
    for (auto* st = sqlite_api::sqlite3_next_stmt(db, nullptr); st; st = sqlite_api::sqlite3_next_stmt(db, st))
        if (sqlite_api::sqlite3_stmt_busy(st)) sqlite_api::sqlite3_reset(st);
}
}  // namespace

std::size_t Database::queued_writes() {
    std::lock_guard lock(queue_mutex_);
    return queue_.size();
}

void Database::write_in_group(WriteJob job) {
    common::may_block();
    QueuedWrite mine(job);
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&mine);
    mine.wake.wait(lock, [&] { return mine.done || queue_.front() == &mine; });
    if (!mine.done) {  // the leader: commit what has queued so far, this write first
        const std::vector<QueuedWrite*> group(queue_.begin(),
                                              queue_.begin() + static_cast<long>(std::min(queue_.size(), kMaxGroup)));
        lock.unlock();
        commit_group(group);
        lock.lock();
        for (auto* write : group) {
            queue_.pop_front();
            write->done = true;
            if (write != &mine) write->wake.notify_one();
        }
        if (!queue_.empty()) queue_.front()->wake.notify_one();  // the next leader
    }
    lock.unlock();
    if (mine.error) std::rethrow_exception(mine.error);
    if (syncer_) syncer_->hand_to_this_thread(mine.ticket);
}

void Database::commit_group(const std::vector<QueuedWrite*>& group) {
    auto& sql = *writer_;
    const bool alone = group.size() == 1;
    auto fail_all = [&](std::exception_ptr error) {
        for (auto* write : group)
            if (!write->error) write->error = error;
    };
    auto rollback = [&] {
        try {
            reset_unfinished_statements(sql);
            writer_rollback_->execute(true);
        } catch (...) {  // SQLite may have rolled back already
        }
    };
    try {
        guarded(sql, [&] { writer_begin_->execute(true); });
    } catch (...) {
        fail_all(std::current_exception());
        return;
    }
    for (auto* write : group) {
        try {
            if (!alone) savepoint_->execute(true);
            guarded(sql, [&] { write->job(sql); });
            if (!alone) release_->execute(true);
        } catch (...) {
            write->error = std::current_exception();
            if (alone) {
                rollback();
                return;
            }
            try {
                reset_unfinished_statements(sql);
                rollback_to_->execute(true);
                release_->execute(true);
            } catch (...) {  // the transaction itself is lost: nothing of the group is kept
                rollback();
                fail_all(std::current_exception());
                return;
            }
        }
    }
    try {
        guarded(sql, [&] { writer_commit_->execute(true); });
    } catch (...) {
        rollback();
        fail_all(std::current_exception());
        return;
    }
    ++commits_;
    const auto ticket = syncer_ ? syncer_->committed() : 0;
    for (auto* write : group)
        if (!write->error) {
            write->ticket = ticket;
            ++writes_;
        }
}

std::string Database::describe() const {
    if (url_.dialect == Dialect::Sqlite) {
        // Resolved, so that a relative URL (sqlite:///tmp/x.db is ./tmp/x.db, as dj-database-url reads it) shows
        // where the file really is.
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(url_.path, ec);
        return "SQLite " + (ec ? url_.path : absolute.lexically_normal().string());
    }
    // The connection string without its password.
    const auto at = url_.connect.find(" password=");
    return "PostgreSQL (" + (at == std::string::npos ? url_.connect : url_.connect.substr(0, at)) + ")";
}

namespace {
// The session settings of every connection. One statement each: SOCI silently drops statements chained with a comma.
constexpr const char* kPostgresSettings[] = {
    "SET TIME ZONE 'UTC'",
    "SET client_min_messages TO WARNING",  // no NOTICE lines from CREATE ... IF NOT EXISTS
};
constexpr const char* kSqliteJournal = "PRAGMA journal_mode=WAL";  // answers the mode in force
constexpr const char* kSqliteSettings[] = {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                                           "PRAGMA busy_timeout=5000"};
// No memory map (mmap_size 0): it made purchases about 12% faster, but every mapped page of the database counts as
// the server's resident memory (docs/performance.md). Page caches: the writer keeps SQLite's default 2 MiB, so that
// commits find their pages; readers serve what the answer cache misses and get 512 KiB each (a commit empties their
// caches anyway).
constexpr const char* kSqliteReaderCache = "PRAGMA cache_size=-512";
}  // namespace

void Database::configure(soci::session& sql, Role role) {
    if (url_.dialect == Dialect::Postgres) {
        for (const char* setting : kPostgresSettings)
            sql << setting;
        return;
    }
    std::string mode;
    sql << kSqliteJournal, soci::into(mode);
    for (const char* setting : kSqliteSettings)
        sql << setting;
    if (role == Role::Reader) sql << kSqliteReaderCache;
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

Database::Lease::Lease(Database& db)
    : db_(db), pos_((common::may_block(), lease_counting_waiters(db.pool_, db.waiting_))) {
    ++db_.in_use_;
}

Database::Lease::~Lease() {
    --db_.in_use_;
    db_.pool_.give_back(pos_);
}

bool Database::reconnect_if_lost(soci::session& sql) {
    if (url_.dialect != Dialect::Postgres || sql.is_connected()) return false;
    try {
        for (const auto& forget : reconnect_listeners_)
            forget(sql);
        sql.reconnect();  // connect_timeout bounds the wait while the database is down
        configure(sql, Role::Reader);
        return true;
    } catch (const std::exception&) {  // still down: the next request tries again
        return false;
    }
}

void Database::handle_database_error(soci::session& sql, const soci::soci_error& e) {
    bool lost = e.get_error_category() == soci::soci_error::connection_error;
    if (url_.dialect == Dialect::Postgres && !sql.is_connected()) {
        lost = true;
        reconnect_if_lost(sql);  // for the next request; this one's outcome is unknown, so it is not retried
    }
    if (lost) throw domain::Error(domain::ErrorCode::Unavailable, "Database unavailable.");
    throw;
}

}  // namespace sweetshop::storage
