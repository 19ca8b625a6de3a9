// Health, the per-category metrics of the original's Flask service, and Prometheus metrics.
#include <spdlog/spdlog.h>

#include "http/cached.hpp"
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "metrics/process.hpp"

namespace sweetshop::http::handlers {

Response health(Context&) {
    return json_response(200, Json{{"status", "ok"}});
}

Response sweet_metrics(Context& ctx) {
    try {
        return cached(ctx, "metrics sweets", [&] {
            Json out = Json::array();
            for (const auto& c : ctx.deps.catalogue.categories())
                out.push_back(Json{
                    {"category", c.category}, {"sweet_count", c.sweet_count}, {"total_quantity", c.total_quantity}});
            return out.dump();
        });
    } catch (const std::exception& e) {  // the contract's 503 for any database fault, never HTML or a 500
        spdlog::error("metrics: cannot read the catalogue: {}", e.what());
        fail(503, "Database unavailable.");
    }
}

Response prometheus(Context& ctx) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    const auto pool = ctx.deps.pool_stats ? ctx.deps.pool_stats() : metrics::PoolStats{};
    if (ctx.deps.metrics) r.body = ctx.deps.metrics->render(metrics::read_process_stats(), pool);
    return r;
}

}  // namespace sweetshop::http::handlers
