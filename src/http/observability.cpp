// Health, the per-category metrics of the original's Flask service, and Prometheus metrics.
#include <spdlog/spdlog.h>

#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "metrics/process.hpp"

namespace sweetshop::http::handlers {

Response health(Context&) {
    return json_response(200, Json{{"status", "ok"}});
}

Response sweet_metrics(Context& ctx) {
    std::vector<domain::CategorySummary> categories;
    try {
        categories = ctx.deps.catalogue.categories();
    } catch (const std::exception& e) {  // the contract's 503 for any database fault, never HTML or a 500
        spdlog::error("metrics: cannot read the catalogue: {}", e.what());
        fail(503, "Database unavailable.");
    }
    Json out = Json::array();
    for (const auto& c : categories)
        out.push_back(
            Json{{"category", c.category}, {"sweet_count", c.sweet_count}, {"total_quantity", c.total_quantity}});
    return json_response(200, out);
}

Response prometheus(Context& ctx) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    const auto pool = ctx.deps.pool_stats ? ctx.deps.pool_stats() : metrics::PoolStats{};
    if (ctx.deps.metrics) r.body = ctx.deps.metrics->render(metrics::read_process_stats(), pool);
    return r;
}

}  // namespace sweetshop::http::handlers
