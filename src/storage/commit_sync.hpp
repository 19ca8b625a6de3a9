#pragma once
// Group commit's second half on SQLite: the writer commits without waiting for the disk (synchronous=NORMAL writes
// the WAL with write(2)), and one thread makes the WAL durable with fdatasync(2), covering every commit made before
// it started. While one sync runs, the next commits gather, so one sync serves as many changes as arrived during the
// previous one. Answers wait for the sync that covers their commit (domain::Durability).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/durability.hpp"

namespace sweetshop::storage {

class CommitSyncer final : public domain::Durability {
  public:
    /// `sync()` makes every write so far durable; false when it failed.
    explicit CommitSyncer(std::function<bool()> sync);
    /// Syncs what is pending, answers every waiter, then stops the thread.
    ~CommitSyncer() override;
    CommitSyncer(const CommitSyncer&) = delete;
    CommitSyncer& operator=(const CommitSyncer&) = delete;

    /// Called by the writer right after a COMMIT returned: that commit's ticket (tickets grow with the commits).
    std::uint64_t committed();
    /// Gives `ticket` to the calling thread, for its take_ticket().
    void hand_to_this_thread(std::uint64_t ticket);

    std::uint64_t take_ticket() override;
    void when_synced(std::uint64_t ticket, std::function<void(bool)> done) override;

    /// Syncs completed so far (tests and metrics).
    std::uint64_t syncs() const { return syncs_.load(); }
    /// Runs before every sync, on the syncing thread (tests use it to hold a sync back).
    void before_each_sync(std::function<void()> hook);

  private:
    void run();

    std::function<bool()> sync_;
    std::function<void()> before_sync_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::uint64_t committed_ = 0, synced_ = 0;  ///< synced_: the last ticket a sync was attempted for
    /// The tickets whose sync failed, as (first, last) ranges: they are never answered as on disk, even by a later
    /// sync that succeeds (after a failed fsync the kernel may have dropped the pages it could not write).
    std::vector<std::pair<std::uint64_t, std::uint64_t>> failed_;
    bool failed(std::uint64_t ticket) const;
    bool stopping_ = false;
    std::vector<std::pair<std::uint64_t, std::function<void(bool)>>> waiting_;
    std::atomic<std::uint64_t> syncs_{0};
    std::thread thread_;
};

/// fdatasync(2) of an SQLite database's WAL file (or of the database file while it has no WAL), reopened when the
/// file was replaced. Linux flushes a file's dirty pages whichever descriptor wrote them.
class WalFile {
  public:
    explicit WalFile(std::string database_path) : database_(std::move(database_path)) {}
    ~WalFile();
    WalFile(const WalFile&) = delete;
    WalFile& operator=(const WalFile&) = delete;
    bool sync();

  private:
    std::string database_;
    int fd_ = -1;
    std::string open_path_;
};

}  // namespace sweetshop::storage
