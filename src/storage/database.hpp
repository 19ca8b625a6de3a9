#pragma once
// A pool of SOCI sessions over SQLite (embedded default) or PostgreSQL, and the transaction discipline:
// reads lease a session; writes run in one transaction. On SQLite, writes run on one dedicated writer connection,
// since SQLite has a single writer and its busy handler sleeps (several writer connections push p99 latency up while
// they sleep in it; one writer does not), and they are committed in groups: the writes that queue while one group
// commits become the next group, one transaction with a savepoint each (a write that fails rolls back alone), so
// one commit writes each changed page once for the whole group. A CommitSyncer then makes the commits durable. On
// PostgreSQL each write leases a pool session and commits alone (PostgreSQL groups the WAL flushes of concurrent
// commits itself).
#include <soci/soci.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/no_blocking.hpp"
#include "storage/change_listener.hpp"
#include "storage/commit_sync.hpp"

namespace sweetshop::storage {

enum class Dialect { Sqlite, Postgres };

/// Runs a prepared statement and reads it to the end: on SQLite an unfinished statement keeps its read snapshot
/// (and blocks COMMIT on a writer), so a reused statement must never be left half-read.
inline void execute_to_end(soci::statement& st) {
    st.execute(true);
    while (st.fetch()) {
    }
}

struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    std::string path;     ///< SQLite: the file
    std::string connect;  ///< the SOCI connection string
};

/// Parses `sqlite:///relative/path.db`, `sqlite:////absolute/path.db`, and
/// `postgres://user:password@host:port/dbname?option=value` (or `postgresql://`; parts percent-encoded);
/// throws std::invalid_argument with a reason.
DatabaseUrl parse_database_url(const std::string& url);

/// The URL for logs: a password in the user part or in a `password=` option becomes "***".
std::string redact_database_url(std::string_view url);

struct DatabaseOptions {
    /// SQLite: answer a change only once it is on disk (a CommitSyncer; SWEETSHOP_SQLITE_SYNC=full). False: once it
    /// is committed, which a crash of the server survives and a power cut may not (SWEETSHOP_SQLITE_SYNC=normal).
    bool sync_commits = true;
};

/// A reference to a callable taking the writer's session, without allocating (for the writers' queue).
class WriteJob {
  public:
    template <class F>
    requires(!std::is_same_v<std::remove_cv_t<F>, WriteJob>) explicit WriteJob(F& f)
        : callable_(&f), call_([](void* c, soci::session& sql) { (*static_cast<F*>(c))(sql); }) {}
    void operator()(soci::session& sql) const { call_(callable_, sql); }

  private:
    void* callable_;
    void (*call_)(void*, soci::session&);
};

class Database {
  public:
    Database(const std::string& url, std::size_t pool_size, DatabaseOptions options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return url_.dialect; }
    /// What the database is, for messages (never a password).
    std::string describe() const;
    std::size_t pool_size() const { return size_; }
    std::size_t in_use() const { return in_use_.load(); }
    /// A number that changes whenever any connection, of this process or another, commits a change; std::nullopt
    /// when the backend cannot tell cheaply, and then nothing may be cached. SQLite: `PRAGMA data_version` on the
    /// watcher connection (one prepared statement). PostgreSQL: the ChangeListener's count of changes to the sweets
    /// (notified by any instance, or made by this one), no round trip; started by the first call.
    std::optional<std::uint64_t> data_version();
    /// PostgreSQL: the ChangeListener's version of `table` (std::nullopt while it is not listening, and on SQLite).
    std::optional<std::uint64_t> notified_version(ChangeListener::Table table);
    /// PostgreSQL: the listener, once data_version() started it (nullptr before, and on SQLite).
    const ChangeListener* change_listener() const { return listening_.load(); }
    /// PostgreSQL: marks `table` as changed by this process (its caches stale at once); nothing on SQLite.
    void changed(ChangeListener::Table table);

    /// Runs `f(soci::session&)` on the watcher connection (SQLite: autocommit, never writes; it sees every commit
    /// at once), serialised with the other uses of it. For small reads that decide whether a cache may be trusted.
    /// std::nullopt when there is no watcher (then nothing may be cached). Inside common::NoBlocking, it runs only if
    /// the watcher is free (common::WouldBlock otherwise); read(), snapshot() and write() never run there.
    template <class F>
    auto watch(F&& f) -> std::optional<decltype(f(std::declval<soci::session&>()))> {
        if (!watcher_) return std::nullopt;
        std::unique_lock lock(watcher_mutex_, std::defer_lock);
        if (!common::must_not_block())
            lock.lock();
        else if (!lock.try_lock())
            throw common::WouldBlock{};  // another thread is reading the version: run where waiting is allowed
        try {
            return f(*watcher_);
        } catch (const soci::soci_error&) {
            return std::nullopt;
        }
    }

    /// What makes commits durable before they are answered: SQLite's CommitSyncer, or nullptr (PostgreSQL, whose
    /// COMMIT returns once its WAL is flushed; SQLite with sync_commits off).
    CommitSyncer* commit_syncer() { return syncer_.get(); }
    /// Writes committed (those that threw are not counted), and how many commits they took (SQLite groups writes;
    /// PostgreSQL commits each alone).
    std::uint64_t writes_committed() const { return writes_.load(); }
    std::uint64_t commits() const { return commits_.load(); }
    /// SQLite writes queued or committing now (their group's leader included); 0 on PostgreSQL.
    std::size_t queued_writes();

    /// Calls `forget(session)` before a connection is re-established after an outage, on the thread holding it: what
    /// was prepared on the old connection must be destroyed first. Register before serving requests.
    void before_reconnect(std::function<void(soci::session&)> forget) {
        reconnect_listeners_.push_back(std::move(forget));
    }

    /// Threads waiting for a connection now.
    std::size_t waiting() const { return waiting_.load(); }

    /// Runs `f(soci::session&)` on a leased session, outside any explicit transaction.
    template <class F>
    auto read(F&& f) {
        Lease lease(*this);
        auto& sql = lease.session();
        try {
            return f(sql);
        } catch (const soci::soci_error& e) {
            // A read is safe to run again: after the database came back, the first request on each connection
            // reconnects and still answers.
            if (!reconnect_if_lost(sql)) handle_database_error(sql, e);
        }
        return guarded(sql, [&] { return f(sql); });
    }

    /// Runs `f(soci::session&)` on a leased session inside one read transaction, so that several queries see one
    /// consistent state of the database.
    template <class F>
    auto snapshot(F&& f) {
        Lease lease(*this);
        return in_transaction(lease.session(), std::forward<F>(f), true);
    }

    /// Runs `f(soci::session&)` in one transaction: committed when f returns, rolled back when it throws (and then
    /// its exception is rethrown here). f must not call write() itself.
    /// SQLite: on the one writer connection, so that its page cache stays warm (a commit by one connection empties
    /// the others' caches), in a group commit with the writes queued beside it: f runs on whichever caller's thread
    /// leads the group, inside a savepoint, and sees the effects of the writes before it in the group.
    template <class F>
    auto write(F&& f) {
        if (url_.dialect == Dialect::Sqlite) {
            using Result = decltype(f(std::declval<soci::session&>()));
            if constexpr (std::is_void_v<Result>) {
                auto job = [&](soci::session& sql) { f(sql); };
                write_in_group(WriteJob(job));
                return;
            } else {
                std::optional<Result> result;
                auto job = [&](soci::session& sql) { result.emplace(f(sql)); };
                write_in_group(WriteJob(job));
                return std::move(*result);
            }
        }
        Lease lease(*this);
        struct Counted {  // a write that committed (none when it throws)
            Database& db;
            int exceptions = std::uncaught_exceptions();
            ~Counted() {
                if (std::uncaught_exceptions() == exceptions) ++db.commits_, ++db.writes_;
            }
        } counted{*this};
        struct Stale {  // this instance's cached answers are stale once the write commits (or may have)
            Database& db;
            ~Stale() { db.changed(ChangeListener::Table::Sweets); }
        } stale{*this};
        return in_transaction(lease.session(), std::forward<F>(f));
    }

  private:
    /// `read_only`: a deferred transaction that takes no write lock (SQLite) / a repeatable-read snapshot
    /// (PostgreSQL).
    template <class F>
    auto in_transaction(soci::session& sql, F&& f, bool read_only = false) {
        return guarded(sql, [&] {
            if (read_only)
                sql << (url_.dialect == Dialect::Sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            else
                sql << "BEGIN";
            try {
                if constexpr (std::is_void_v<decltype(f(sql))>) {
                    f(sql);
                    sql << "COMMIT";
                } else {
                    auto result = f(sql);
                    sql << "COMMIT";
                    return result;
                }
            } catch (...) {
                try {
                    sql << "ROLLBACK";
                } catch (...) {
                }
                throw;
            }
        });
    }

    class Lease {
      public:
        explicit Lease(Database& db);
        ~Lease();
        soci::session& session() { return db_.pool_.at(pos_); }

      private:
        Database& db_;
        std::size_t pos_;
    };

    /// Runs f; a database error becomes Error(Unavailable) when the connection is lost (after one try to
    /// reconnect, so that the next request works again once the database is back) and is rethrown otherwise.
    template <class F>
    auto guarded(soci::session& sql, F&& f) {
        try {
            return f();
        } catch (const soci::soci_error& e) {
            handle_database_error(sql, e);
        }
    }
    [[noreturn]] void handle_database_error(soci::session& sql, const soci::soci_error& e);
    /// PostgreSQL: when `sql` lost its connection, reconnects; true when it is connected again.
    bool reconnect_if_lost(soci::session& sql);
    enum class Role { Reader, Writer };
    void configure(soci::session& sql, Role role);

    /// A queued SQLite write: its job, and what became of it.
    struct QueuedWrite;
    void write_in_group(WriteJob job);
    void commit_group(const std::vector<QueuedWrite*>& group);

    DatabaseUrl url_;
    std::size_t size_;
    soci::connection_pool pool_;
    std::unique_ptr<soci::session> writer_;  ///< SQLite's single writer connection, used by the group's leader
    std::unique_ptr<soci::statement> writer_begin_, writer_commit_, writer_rollback_, savepoint_, release_,
        rollback_to_;
    std::mutex queue_mutex_;
    std::deque<QueuedWrite*> queue_;  ///< SQLite writes waiting, oldest first; the first one leads
    std::unique_ptr<CommitSyncer> syncer_;
    std::atomic<std::uint64_t> writes_{0}, commits_{0};
    std::vector<std::function<void(soci::session&)>> reconnect_listeners_;
    std::once_flag listener_started_;
    std::unique_ptr<ChangeListener> listener_;  ///< PostgreSQL, from the first data_version()
    std::atomic<ChangeListener*> listening_{nullptr};
    std::atomic<std::size_t> in_use_{0};
    std::atomic<std::size_t> waiting_{0};

    // SQLite: a connection of its own that never writes, so that its PRAGMA data_version sees every commit.
    std::mutex watcher_mutex_;
    std::unique_ptr<soci::session> watcher_;
    std::unique_ptr<soci::statement> watcher_statement_;
    long long watched_version_ = 0;
};

}  // namespace sweetshop::storage
