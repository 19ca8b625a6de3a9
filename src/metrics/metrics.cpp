#include "metrics/metrics.hpp"

#include <charconv>
#include <mutex>

namespace sweetshop::metrics {

namespace {
/// The shortest fixed-point text that reads back as `v` ("0.0001", "1", "5.0032"), as Prometheus clients write.
std::string number(double v) {
    char buf[512];
    auto result = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    if (result.ec != std::errc()) result = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, result.ptr);
}

void header(std::string& out, const char* name, const char* type, const char* help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, const char* name, double value) {
    out.append(name).append(" ").append(number(value)).append("\n");
}
}  // namespace

std::string escape_label(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out.append("\\\\");
        else if (c == '"')
            out.append("\\\"");
        else if (c == '\n')
            out.append("\\n");
        else
            out += c;
    }
    return out;
}

void Registry::observe_request(std::string_view method, std::string_view route, int status, double seconds) {
    RequestKey key{std::string(method), std::string(route), status};
    std::atomic<std::uint64_t>* counter = nullptr;
    Latency* latency = nullptr;
    {
        std::shared_lock lock(mutex_);
        if (auto it = requests_.find(key); it != requests_.end()) counter = it->second.get();
        if (auto it = latency_.find(route); it != latency_.end()) latency = it->second.get();
    }
    if (!counter || !latency) {
        std::unique_lock lock(mutex_);
        auto& c = requests_[key];
        if (!c) c = std::make_unique<std::atomic<std::uint64_t>>(0);
        counter = c.get();
        auto it = latency_.find(route);
        if (it == latency_.end()) it = latency_.emplace(std::string(route), std::make_unique<Latency>()).first;
        latency = it->second.get();
    }
    counter->fetch_add(1, std::memory_order_relaxed);
    std::size_t bucket = 0;
    while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket])
        ++bucket;
    latency->buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    latency->count.fetch_add(1, std::memory_order_relaxed);
    latency->sum_ns.fetch_add(static_cast<std::uint64_t>(seconds * 1e9), std::memory_order_relaxed);
}

void Registry::count_sale(std::int64_t units) {
    purchases_.fetch_add(1, std::memory_order_relaxed);
    units_sold_.fetch_add(static_cast<std::uint64_t>(units), std::memory_order_relaxed);
}

void Registry::render_requests(std::string& out) const {
    header(out, "sweetshop_http_requests_total", "counter", "HTTP requests answered, by method, route and status.");
    for (const auto& [key, counter] : requests_) {
        const auto& [method, route, status] = key;
        out.append("sweetshop_http_requests_total{method=\"")
            .append(escape_label(method))
            .append("\",route=\"")
            .append(escape_label(route))
            .append("\",status=\"")
            .append(std::to_string(status))
            .append("\"} ")
            .append(std::to_string(counter->load(std::memory_order_relaxed)))
            .append("\n");
    }
}

void Registry::render_latency(std::string& out) const {
    header(out, "sweetshop_http_request_duration_seconds", "histogram",
           "Time from a request's arrival to its answer, by route.");
    for (const auto& [route, latency] : latency_) {
        const std::string label = "route=\"" + escape_label(route) + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i <= kLatencyBuckets.size(); ++i) {
            cumulative += latency->buckets[i].load(std::memory_order_relaxed);
            out.append("sweetshop_http_request_duration_seconds_bucket{")
                .append(label)
                .append(",le=\"")
                .append(i < kLatencyBuckets.size() ? number(kLatencyBuckets[i]) : std::string("+Inf"))
                .append("\"} ")
                .append(std::to_string(cumulative))
                .append("\n");
        }
        out.append("sweetshop_http_request_duration_seconds_sum{")
            .append(label)
            .append("} ")
            .append(number(static_cast<double>(latency->sum_ns.load(std::memory_order_relaxed)) / 1e9))
            .append("\n");
        out.append("sweetshop_http_request_duration_seconds_count{")
            .append(label)
            .append("} ")
            .append(std::to_string(latency->count.load(std::memory_order_relaxed)))
            .append("\n");
    }
}

std::string Registry::render(const ProcessStats& process, const PoolStats& pool, const ShopStats& shop) const {
    std::string out;
    out.reserve(4096);
    {
        std::shared_lock lock(mutex_);
        render_requests(out);
        render_latency(out);
    }
    struct Single {
        const char* name;
        const char* type;
        const char* help;
        double value;
    };
    const Single singles[] = {
        {"sweetshop_purchases_total", "counter",
         "Sales: each purchase and each line of an order (replays not counted).",
         static_cast<double>(purchases_.load())},
        {"sweetshop_units_sold_total", "counter", "Units sold by purchases and orders.",
         static_cast<double>(units_sold_.load())},
        {"sweetshop_db_connections", "gauge", "Database connections in the pool.", pool.size},
        {"sweetshop_db_connections_in_use", "gauge", "Database connections leased now.", pool.in_use},
        {"sweetshop_db_connections_waiting", "gauge", "Threads waiting for a database connection.", pool.waiting},
        {"process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", process.resident_bytes},
        {"process_open_fds", "gauge", "Number of open file descriptors.", process.open_fds},
        {"process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.",
         process.start_time_seconds},
        {"process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.",
         process.cpu_seconds},
    };
    for (const auto& m : singles) {
        header(out, m.name, m.type, m.help);
        sample(out, m.name, m.value);
    }
    if (shop.low_stock_sweets) {
        header(out, "sweetshop_sweets_low_stock", "gauge",
               "Sweets on sale at or below their reorder level (those with one).");
        sample(out, "sweetshop_sweets_low_stock", *shop.low_stock_sweets);
    }
    return out;
}

}  // namespace sweetshop::metrics
