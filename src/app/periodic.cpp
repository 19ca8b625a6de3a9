#include "app/periodic.hpp"

#include <spdlog/spdlog.h>

namespace sweetshop::app {

Periodic::Periodic(std::string name, std::chrono::milliseconds every, std::function<void()> work)
    : name_(std::move(name)), every_(every), work_(std::move(work)), thread_([this] { run(); }) {}

Periodic::~Periodic() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Periodic::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            work_();
        } catch (const std::exception& e) {  // the database is away: the next round tries again
            spdlog::warn("{}: {}", name_, e.what());
        }
        lock.lock();
        wake_.wait_for(lock, every_, [&] { return stopping_; });
    }
}

}  // namespace sweetshop::app
