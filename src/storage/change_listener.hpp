#pragma once
// PostgreSQL's counterpart of SQLite's `PRAGMA data_version`: a connection of its own that LISTENs on the channel
// the tables' triggers NOTIFY (migration 0006), so that any instance on the same database, and any tool, makes the
// others' caches stale. Notifications reach it after the writer's commit; until one arrives, an instance may still
// serve what it cached before (docs/api.md, Freshness). While the connection is down nothing may be cached.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace sweetshop::storage {

class ChangeListener {
  public:
    enum class Table { Sweets, Users };

    /// Connects with libpq's `connect` string, on a thread of its own, and reconnects when the connection is lost.
    explicit ChangeListener(std::string connect);
    ~ChangeListener();
    ChangeListener(const ChangeListener&) = delete;
    ChangeListener& operator=(const ChangeListener&) = delete;

    /// A number that changes whenever a change to `table` is notified (or made here, see changed()); std::nullopt
    /// while not listening, when nothing may be trusted.
    std::optional<std::uint64_t> version(Table table) const;
    /// Marks `table` as changed by this process, at once (its own readers need not wait for the notification).
    void changed(Table table);
    /// Notifications received so far (tests).
    std::uint64_t notifications() const { return notifications_.load(); }

  private:
    void run();

    std::string connect_;
    std::atomic<bool> listening_{false}, stopping_{false};
    std::atomic<std::uint64_t> sweets_{0}, users_{0}, notifications_{0};
    int wake_[2] = {-1, -1};  ///< a pipe that interrupts the wait when stopping
    std::thread thread_;
};

}  // namespace sweetshop::storage
