// Handlers for the CSV exports (staff): orders, order lines, the stock ledger, the stock now. Each is streamed in
// batches of domain::kExportBatch rows (Response::stream), so an export of any size takes one batch of memory.
#include <memory>

#include "domain/catalogue_import.hpp"
#include "domain/exports.hpp"
#include "domain/money.hpp"
#include "http/csv.hpp"
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
using csv::Text;
using domain::FieldErrors;

using domain::format_money;

std::string optional_money(const std::optional<std::int64_t>& cents) {
    return cents ? format_money(*cents) : std::string();
}

/// The window of `?from=&to=` (days in the shop's zone, both included), and `?format=` (csv, the only one).
domain::ExportWindow read_window(Context& ctx) {
    FieldErrors errors;
    const auto& zone = *ctx.deps.settings.time_zone;
    domain::ExportWindow window;
    if (auto from = query_date(ctx.request, "from", errors)) window.from = zone.start_of(*from);
    if (auto to = query_date(ctx.request, "to", errors)) window.before = zone.end_of(*to);
    if (const auto format = query_text(ctx.request, "format"); !format.empty() && format != "csv") {
        errors.add("format", choice_message(format));
    }
    if (!errors.empty()) throw domain::Error(std::move(errors));
    return window;
}

/// Writes records without the columns only the owner may see (costs) for everyone else.
struct Columns {
    std::vector<std::size_t> hidden;  ///< ascending
    void append(std::string& out, std::vector<csv::Cell> cells) const {
        for (auto it = hidden.rbegin(); it != hidden.rend(); ++it)
            cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(*it));
        csv::append_row(out, cells);
    }
};

Columns columns(const Context& ctx, std::vector<std::size_t> costs) {
    if (ctx.user->is_owner()) costs.clear();
    return Columns{std::move(costs)};
}

/// A CSV answer: its header row (the columns `shown`) now, then `batch(out)` until it says there is no more.
template <class Batch>
Response csv_answer(const std::string& name, const std::vector<csv::Cell>& header, Batch batch,
                    const Columns& shown = {}) {
    std::string head;
    shown.append(head, header);
    return csv::answer(name, std::move(head), std::move(batch));
}
}  // namespace

Response export_orders(Context& ctx) {
    const auto window = read_window(ctx);
    auto& store = ctx.deps.exports;
    auto zone = ctx.deps.settings.time_zone;
    std::int64_t after = 0;
    return csv_answer(
        "orders",
        {Text{"number"}, Text{"placed_at"}, Text{"placed_at_utc"}, Text{"status"}, Text{"customer"}, Text{"seller"},
         Text{"total"}, Text{"refunded"}, Text{"payment"}, Text{"tendered"}, Text{"note"}},
        [&store, zone, window, after](std::string& out) mutable {
            const auto orders = store.orders_after(after, window, domain::kExportBatch);
            for (const auto& o : orders) {
                const auto method = o.payment ? std::string(domain::method_name(o.payment->method)) : "";
                const auto tendered = o.payment ? optional_money(o.payment->tendered_cents) : std::string();
                csv::append_row(
                    out, {o.number, zone->format_minute(o.created_at), domain::format_timestamp(o.created_at),
                          std::string(domain::status_name(o.status)), Text{o.customer.value_or("")},
                          Text{o.seller.value_or("")}, format_money(o.total_cents), format_money(o.refunded_cents),
                          method, tendered, Text{o.note}});
                after = o.number;
            }
            return orders.size() == domain::kExportBatch;
        });
}

Response export_order_lines(Context& ctx) {
    const auto window = read_window(ctx);
    auto& store = ctx.deps.exports;
    auto zone = ctx.deps.settings.time_zone;
    std::int64_t order = 0;
    int position = -1;
    const auto shown = columns(ctx, {9});  // unit_cost
    return csv_answer(
        "order-lines",
        {Text{"order"}, Text{"placed_at"}, Text{"customer"}, Text{"sweet"}, Text{"name"}, Text{"unit_price"},
         Text{"amount"}, Text{"total"}, Text{"refunded"}, Text{"unit_cost"}},
        [&store, zone, window, order, position, shown](std::string& out) mutable {
            const auto lines = store.lines_after(order, position, window, domain::kExportBatch);
            for (const auto& e : lines) {
                const auto& l = e.line;
                shown.append(out, {e.order, zone->format_minute(e.at), Text{e.customer.value_or("")}, l.sweet_id,
                                   Text{l.name}, format_money(l.unit_price_cents), l.amount,
                                   format_money(l.total_cents()), l.refunded, optional_money(l.unit_cost_cents)});
                order = e.order;
                position = e.position;
            }
            return lines.size() == domain::kExportBatch;
        },
        shown);
}

Response export_ledger(Context& ctx) {
    const auto window = read_window(ctx);
    auto& store = ctx.deps.exports;
    auto zone = ctx.deps.settings.time_zone;
    std::int64_t after = 0;
    return csv_answer("stock-ledger",
                      {Text{"id"}, Text{"at"}, Text{"at_utc"}, Text{"sweet"}, Text{"name"}, Text{"reason"},
                       Text{"delta"}, Text{"quantity_after"}, Text{"order"}, Text{"actor"}, Text{"note"}},
                      [&store, zone, window, after](std::string& out) mutable {
                          const auto entries = store.ledger_after(after, window, domain::kExportBatch);
                          for (const auto& e : entries) {
                              csv::append_row(
                                  out, {e.id, zone->format_minute(e.at), domain::format_timestamp(e.at), e.sweet_id,
                                        Text{e.sweet_name}, e.reason, e.delta, e.quantity_after,
                                        e.order ? std::to_string(*e.order) : "", Text{e.actor}, Text{e.note}});
                              after = e.id;
                          }
                          return entries.size() == domain::kExportBatch;
                      });
}

Response export_stock(Context& ctx) {
    read_window(ctx);  // its ?format= check; the stock now has no period, so from and to are not used
    auto& store = ctx.deps.exports;
    std::int64_t after = 0;
    const auto shown = columns(ctx, {7, 10});  // cost, value_at_cost
    return csv_answer(
        "stock",
        {Text{"sweet"}, Text{"name"}, Text{"category"}, Text{"price"}, Text{"quantity"}, Text{"reorder_level"},
         Text{"reorder_quantity"}, Text{"cost"}, Text{"active"}, Text{"value_at_price"}, Text{"value_at_cost"}},
        [&store, after, shown](std::string& out) mutable {
            const auto sweets = store.sweets_after(after, domain::kExportBatch);
            for (const auto& s : sweets) {
                shown.append(out, {s.id, Text{s.name}, Text{s.category}, format_money(s.price_cents), s.quantity,
                                   s.reorder_level, s.reorder_quantity, optional_money(s.cost_cents),
                                   std::string(s.active ? "true" : "false"),
                                   format_money(domain::line_cents(s.unit, s.price_cents, s.quantity)),
                                   s.cost_cents ? format_money(domain::line_cents(s.unit, *s.cost_cents, s.quantity))
                                                : std::string()});
                after = s.id;
            }
            return sweets.size() == domain::kExportBatch;
        },
        shown);
}

Response export_catalogue(Context& ctx) {
    auto& store = ctx.deps.exports;
    std::int64_t after = 0;
    std::vector<csv::Cell> header;
    for (const char* column : domain::kImportColumns)
        header.emplace_back(Text{column});
    const auto shown = columns(ctx, {8});  // cost
    return csv_answer(
        "catalogue", header,
        [&store, after, shown](std::string& out) mutable {
            const auto sweets = store.sweets_after(after, domain::kExportBatch);
            for (const auto& s : sweets) {
                const auto sku = s.sku.value_or("");
                shown.append(
                    out, {Text{s.name}, Text{s.category}, Text{s.description}, format_money(s.price_cents), s.quantity,
                          Text{sku}, s.barcode.value_or(""), s.reorder_level, optional_money(s.cost_cents)});
                after = s.id;
            }
            return sweets.size() == domain::kExportBatch;
        },
        shown);
}

}  // namespace sweetshop::http::handlers
