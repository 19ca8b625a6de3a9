#include "storage/commit_sync.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sweetshop::storage {

namespace {
/// The calling thread's last commit, and whose ticket it is (several databases may live in one process).
struct HeldTicket {
    const CommitSyncer* owner = nullptr;
    std::uint64_t ticket = 0;
};
thread_local HeldTicket held;
}  // namespace

CommitSyncer::CommitSyncer(std::function<bool()> sync) : sync_(std::move(sync)), thread_([this] { run(); }) {}

CommitSyncer::~CommitSyncer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

std::uint64_t CommitSyncer::committed() {
    std::uint64_t ticket;
    {
        std::lock_guard lock(mutex_);
        ticket = ++committed_;
    }
    wake_.notify_one();
    return ticket;
}

void CommitSyncer::hand_to_this_thread(std::uint64_t ticket) {
    held = {this, ticket};
}

std::uint64_t CommitSyncer::take_ticket() {
    if (held.owner != this) return 0;
    const auto ticket = held.ticket;
    held = {};
    return ticket;
}

bool CommitSyncer::failed(std::uint64_t ticket) const {
    for (const auto& [first, last] : failed_)
        if (ticket >= first && ticket <= last) return true;
    return false;
}

void CommitSyncer::when_synced(std::uint64_t ticket, std::function<void(bool)> done) {
    bool ok = true;
    {
        std::lock_guard lock(mutex_);
        if (ticket > synced_) {
            waiting_.emplace_back(ticket, std::move(done));
            return;
        }
        ok = !failed(ticket);  // its sync already ran: answer as it went
    }
    done(ok);
}

void CommitSyncer::before_each_sync(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    before_sync_ = std::move(hook);
}

void CommitSyncer::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || committed_ > synced_; });
        if (committed_ == synced_) return;  // stopping, nothing pending
        // Every commit with a ticket up to here has returned from its write(2): this sync covers them all.
        const auto target = committed_;
        auto hook = before_sync_;
        lock.unlock();
        if (hook) hook();
        const bool ok = sync_();
        lock.lock();
        if (!ok) failed_.emplace_back(synced_ + 1, target);
        synced_ = target;
        ++syncs_;
        std::vector<std::function<void(bool)>> ready;
        std::erase_if(waiting_, [&](auto& w) {
            if (w.first > target) return false;
            ready.push_back(std::move(w.second));
            return true;
        });
        lock.unlock();
        for (auto& done : ready)
            done(ok);
        lock.lock();
    }
}

WalFile::~WalFile() {
    if (fd_ >= 0) ::close(fd_);
}

bool WalFile::sync() {
    // The WAL while there is one; the database file otherwise (a checkpoint moved everything there).
    for (const auto& path : {database_ + "-wal", database_}) {
        struct stat on_disk {};
        if (::stat(path.c_str(), &on_disk) != 0) continue;
        struct stat open {};
        if (fd_ >= 0 && (path != open_path_ || ::fstat(fd_, &open) != 0 || open.st_ino != on_disk.st_ino ||
                         open.st_dev != on_disk.st_dev)) {
            ::close(fd_);
            fd_ = -1;
        }
        if (fd_ < 0) {
            fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd_ < 0) return false;
            open_path_ = path;
        }
        return ::fdatasync(fd_) == 0;
    }
    return false;
}

}  // namespace sweetshop::storage
