#pragma once
// A pool of SOCI sessions over SQLite (embedded default) or PostgreSQL, and the transaction discipline:
// reads lease a session; writes lease one and run in one transaction. On SQLite, writers take a process-wide
// lock and `BEGIN IMMEDIATE`, since SQLite has a single writer and its busy handler sleeps (see stack-notes §6).
#include <soci/soci.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace sweetshop::storage {

enum class Dialect { Sqlite, Postgres };

struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    std::string path;     ///< SQLite: the file
    std::string connect;  ///< the SOCI connection string
};

/// Parses `sqlite:///relative/path.db`, `sqlite:////absolute/path.db`; throws std::invalid_argument with a reason.
DatabaseUrl parse_database_url(const std::string& url);

class Database {
  public:
    Database(const std::string& url, std::size_t pool_size);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return url_.dialect; }
    std::size_t pool_size() const { return size_; }
    std::size_t in_use() const { return in_use_.load(); }
    /// A number that changes whenever any connection, of this process or another, commits a change; std::nullopt
    /// when the backend cannot tell cheaply, and then nothing may be cached. Cheap (one prepared statement).
    std::optional<std::uint64_t> data_version();

    /// Threads waiting for a connection now.
    std::size_t waiting() const { return waiting_.load(); }

    /// Runs `f(soci::session&)` on a leased session, outside any explicit transaction.
    template <class F>
    auto read(F&& f) {
        Lease lease(*this);
        return guarded([&] { return f(lease.session()); });
    }

    /// Runs `f(soci::session&)` in one transaction: committed when f returns, rolled back when it throws.
    template <class F>
    auto write(F&& f) {
        Lease lease(*this);
        std::unique_lock<std::mutex> writer;
        if (url_.dialect == Dialect::Sqlite) writer = std::unique_lock<std::mutex>(writer_mutex_);
        auto& sql = lease.session();
        return guarded([&] {
            sql << (url_.dialect == Dialect::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
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

  private:
    class Lease {
      public:
        explicit Lease(Database& db);
        ~Lease();
        soci::session& session() { return db_.pool_.at(pos_); }

      private:
        Database& db_;
        std::size_t pos_;
    };

    template <class F>
    auto guarded(F&& f) {
        try {
            return f();
        } catch (const soci::soci_error& e) {
            rethrow_database_error(e);
        }
    }
    [[noreturn]] static void rethrow_database_error(const soci::soci_error& e);
    void configure(soci::session& sql);

    DatabaseUrl url_;
    std::size_t size_;
    soci::connection_pool pool_;
    std::mutex writer_mutex_;
    std::atomic<std::size_t> in_use_{0};
    std::atomic<std::size_t> waiting_{0};

    // SQLite: a connection of its own that never writes, so that its PRAGMA data_version sees every commit.
    std::mutex watcher_mutex_;
    std::unique_ptr<soci::session> watcher_;
    std::unique_ptr<soci::statement> watcher_statement_;
    long long watched_version_ = 0;
};

}  // namespace sweetshop::storage
