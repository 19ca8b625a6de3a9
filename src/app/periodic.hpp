#pragma once
// A thread of the server that does one piece of work at start and then at a fixed interval, off the request path,
// until it is destroyed (which wakes it and waits for the round in progress).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace sweetshop::app {

class Periodic {
  public:
    /// `work` that throws is logged as a warning under `name`; the next round tries again.
    Periodic(std::string name, std::chrono::milliseconds every, std::function<void()> work);
    ~Periodic();
    Periodic(const Periodic&) = delete;
    Periodic& operator=(const Periodic&) = delete;

  private:
    void run();

    std::string name_;
    std::chrono::milliseconds every_;
    std::function<void()> work_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace sweetshop::app
