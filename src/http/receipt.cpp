#include "http/receipt.hpp"

#include "domain/money.hpp"

namespace sweetshop::http {

const char* const kReceiptCss =
    R"(:root { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2937; }
body { margin: 0; background: #f4f5f8; }
.receipt { max-width: 26rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: 12px; }
h1 { margin: 0; font-size: 1.4rem; text-align: center; }
.address, .thanks, .status { text-align: center; margin: 0.25rem 0; color: #4b5563; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.2rem 1rem; margin: 1rem 0; }
dt { color: #6b7280; }
dd { margin: 0; text-align: right; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.3rem 0; text-align: left; border-bottom: 1px dashed #d1d5db; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { border: 0; }
.grand th, .grand td { font-weight: 700; font-size: 1.05rem; border-top: 2px solid #1f2937; }
.refunds { margin-top: 1rem; }
.refunds h2 { font-size: 1rem; margin: 0 0 0.25rem; }
.refunds p { margin: 0.15rem 0; }
@media print {
  body { background: #fff; }
  .receipt { margin: 0; padding: 0; max-width: none; border-radius: 0; }
}
)";

const char* const kReceiptPolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; "
    "form-action 'self'";

namespace {
std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string row(const std::string& label, const std::string& value, const char* css = "") {
    return std::string("<tr class=\"") + css + "\"><th colspan=\"3\">" + label + "</th><td class=\"num\">" + value +
           "</td></tr>";
}

std::string refunds_html(const domain::Order& order, const domain::ShopTimeZone& zone) {
    if (order.refunds.empty()) return "";
    std::string out = "<section class=\"refunds\"><h2>Refunds</h2>";
    for (const auto& r : order.refunds) {
        std::string items;
        for (const auto& l : r.lines) {
            std::string name = std::to_string(l.sweet_id);
            for (const auto& line : order.lines)
                if (line.sweet_id == l.sweet_id) name = line.name;
            items += (items.empty() ? "" : ", ") + std::to_string(l.amount) + " × " + escape(name);
        }
        out += "<p>" + zone.format_minute(r.at) + " · " + escape(r.by) + " · " + items + " · " +
               domain::format_money(r.total_cents) + (r.restock ? " (restocked)" : " (written off)") + "</p>";
        out += "<p class=\"reason\">" + escape(r.reason) + "</p>";
    }
    return out + "</section>";
}
}  // namespace

std::string receipt_html(const domain::Order& order, const ReceiptShop& shop, const domain::ShopTimeZone& zone) {
    const auto number = std::to_string(order.number);
    std::string html =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    html += "<title>Receipt " + number + " · " + escape(shop.name) + "</title>";
    html += "<link rel=\"stylesheet\" href=\"/api/receipt.css\"></head><body><main class=\"receipt\">";
    html += "<header><h1>" + escape(shop.name) + "</h1>";
    if (!shop.address.empty()) html += "<p class=\"address\">" + escape(shop.address) + "</p>";
    html += "</header><dl>";
    html += "<dt>Order</dt><dd>" + number + "</dd>";
    html += "<dt>Date</dt><dd>" + zone.format_minute(order.created_at) + " (" + escape(zone.name()) + ")</dd>";
    html += "<dt>Customer</dt><dd>" + (order.customer ? escape(*order.customer) : std::string("Walk-in")) + "</dd>";
    if (order.seller) html += "<dt>Served by</dt><dd>" + escape(*order.seller) + "</dd>";
    html +=
        "</dl><table><thead><tr><th>Item</th><th class=\"num\">Qty</th><th class=\"num\">Price</th>"
        "<th class=\"num\">Total</th></tr></thead><tbody>";
    for (const auto& l : order.lines) {
        // A weighed line: its weight, and its price per kilogram.
        const bool weighed = l.unit == domain::Unit::Gram;
        std::string qty = std::to_string(l.amount);
        std::string price = domain::format_money(l.unit_price_cents);
        if (weighed) {
            qty.append(" g");
            price.append("/kg");
        }
        html.append("<tr><td>").append(escape(l.name)).append("</td><td class=\"num\">").append(qty);
        html.append("</td><td class=\"num\">").append(price).append("</td><td class=\"num\">");
        html.append(domain::format_money(l.total_cents())).append("</td></tr>");
    }
    html += "</tbody><tfoot>" + row("Total", domain::format_money(order.total_cents), "grand");
    if (order.payment) {
        html += row("Paid by", std::string(domain::method_name(order.payment->method)));
        if (order.payment->tendered_cents) {
            html += row("Tendered", domain::format_money(*order.payment->tendered_cents));
            html += row("Change", domain::format_money(*order.payment->tendered_cents - order.total_cents));
        }
    }
    if (order.refunded_cents > 0) {
        html += row("Refunded", domain::format_money(order.refunded_cents));
        html += row("Net", domain::format_money(order.total_cents - order.refunded_cents));
    }
    html += "</tfoot></table>";
    if (!order.note.empty()) html += "<p class=\"status\">Note: " + escape(order.note) + "</p>";
    html += refunds_html(order, zone);
    html += "<p class=\"thanks\">Thank you!</p></main></body></html>\n";
    return html;
}

}  // namespace sweetshop::http
