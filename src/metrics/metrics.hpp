#pragma once
// Counters and histograms of the API server, and their Prometheus text rendering. Pure: no HTTP, no database;
// process figures come in as values (see process.hpp).
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace sweetshop::metrics {

/// Upper bounds (seconds) of the request latency histogram.
inline constexpr std::array<double, 14> kLatencyBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                           0.025,  0.05,    0.1,    0.25,  0.5,    1.0,   2.5};

struct ProcessStats {
    double resident_bytes = 0;
    double open_fds = 0;
    double start_time_seconds = 0;  ///< since the Unix epoch
    double cpu_seconds = 0;         ///< user + system
};

struct PoolStats {
    double size = 0;
    double in_use = 0;
    double waiting = 0;  ///< threads waiting for a connection
};

/// What the shop's data says, read at the scrape (absent when the database could not be read).
struct ShopStats {
    std::optional<double> low_stock_sweets = {};  ///< active sweets at or below their reorder level
};

/// Thread-safe: requests are recorded from every I/O and worker thread.
class Registry {
  public:
    /// One answered request; `route` is the route pattern (bounded label values), never the raw path.
    void observe_request(std::string_view method, std::string_view route, int status, double seconds);
    /// A purchase that sold `units`.
    void count_sale(std::int64_t units);

    /// The Prometheus text exposition format (version 0.0.4).
    std::string render(const ProcessStats& process, const PoolStats& pool, const ShopStats& shop = {}) const;

  private:
    /// The per-route series, under the caller's shared lock.
    void render_requests(std::string& out) const;
    void render_latency(std::string& out) const;

    struct Latency {
        std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};  ///< last: +Inf
        std::atomic<std::uint64_t> count{0};
        std::atomic<std::uint64_t> sum_ns{0};
    };
    using RequestKey = std::tuple<std::string, std::string, int>;  // method, route, status

    mutable std::shared_mutex mutex_;
    std::map<RequestKey, std::unique_ptr<std::atomic<std::uint64_t>>> requests_;
    std::map<std::string, std::unique_ptr<Latency>, std::less<>> latency_;
    std::atomic<std::uint64_t> purchases_{0};
    std::atomic<std::uint64_t> units_sold_{0};
};

/// Escapes a label value: backslash, double quote and newline.
std::string escape_label(std::string_view value);

}  // namespace sweetshop::metrics
