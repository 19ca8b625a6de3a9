#pragma once
// A gate for CommitSyncer::before_each_sync: holds every sync until released, and counts the syncs that started,
// so that tests can check what happens while a sync has begun and not finished.
#include <condition_variable>
#include <mutex>

namespace sweetshop::testing {

class SyncGate {
  public:
    /// The hook: counts this sync, then waits for release().
    void pass() {
        std::unique_lock lock(m_);
        ++entered_;
        cv_.notify_all();
        cv_.wait(lock, [&] { return open_; });
    }
    /// Waits until `n` syncs have started.
    void wait_entered(int n) {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return entered_ >= n; });
    }
    /// Lets every held and later sync through.
    void release() {
        std::lock_guard lock(m_);
        open_ = true;
        cv_.notify_all();
    }

  private:
    std::mutex m_;
    std::condition_variable cv_;
    bool open_ = false;
    int entered_ = 0;
};

}  // namespace sweetshop::testing
