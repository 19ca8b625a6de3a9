#pragma once
// A local HTTP receiver for webhook tests: it accepts POSTs on 127.0.0.1 (a free port), records each body, and
// answers 500 to the first `failures` of them and 200 to the rest.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sweetshop::testing {

class WebhookReceiver {
  public:
    explicit WebhookReceiver(int failures = 0);
    ~WebhookReceiver();
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
    /// Every request's body so far, the failed ones included, in arrival order.
    std::vector<std::string> bodies() const;
    /// Waits until `n` requests have arrived (false after `limit`).
    bool wait_for(std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(20)) const;

  private:
    void serve();

    int listener_ = -1;
    std::uint16_t port_ = 0;
    int failures_;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    mutable std::condition_variable arrived_;
    std::vector<std::string> bodies_;
    std::thread thread_;
};

}  // namespace sweetshop::testing
