// Health, the per-category metrics of the original's Flask service, and Prometheus metrics.
#include <spdlog/spdlog.h>

#include "http/cached.hpp"
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/links.hpp"
#include "metrics/process.hpp"

namespace sweetshop::http::handlers {

Response health(Context&) {
    return ok(Json{{"status", "ok"}});
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
        throw domain::Error(domain::ErrorCode::Unavailable, e.what());
    }
}

namespace {
bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;  // every byte compared, whatever the first difference
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

/// SWEETSHOP_METRICS_ALLOW and SWEETSHOP_METRICS_TOKEN: who may read /metrics.
void check_metrics_access(const Context& ctx) {
    const auto& settings = ctx.deps.settings;
    if (!settings.metrics_allow.empty() && !peer_listed(ctx.request.peer, settings.metrics_allow))
        throw domain::Error(domain::ErrorCode::PermissionDenied, "You do not have permission to perform this action.");
    if (settings.metrics_token.empty()) return;
    const auto header = ctx.request.header("Authorization");
    const std::string_view prefix = "Bearer ";
    if (!header || !header->starts_with(prefix) ||
        !same_secret(trim_ows(header->substr(prefix.size())), settings.metrics_token)) {
        throw domain::Error::unauthenticated(
            header ? "Invalid token." : "Authentication credentials were not provided.", {}, {}, "metrics");
    }
}
}  // namespace

Response prometheus(Context& ctx) {
    check_metrics_access(ctx);
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    const auto pool = ctx.deps.pool_stats ? ctx.deps.pool_stats() : metrics::PoolStats{};
    metrics::ShopStats shop;
    try {
        shop.low_stock_sweets = static_cast<double>(ctx.deps.stock.low_stock_count());
    } catch (const std::exception&) {  // the database is down: the other metrics still answer, without this one
    }
    if (ctx.deps.metrics) r.body = ctx.deps.metrics->render(metrics::read_process_stats(), pool, shop);
    return r;
}

}  // namespace sweetshop::http::handlers
