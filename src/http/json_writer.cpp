#include "http/json_writer.hpp"

#include <charconv>

#include "domain/money.hpp"
#include "domain/photos.hpp"

namespace sweetshop::http::json {

namespace {
void append_optional(std::string& out, const std::optional<std::string>& text) {
    if (text)
        append_string(out, *text);
    else
        out.append("null");
}

/// `image` and `thumbnail`: the photo's URLs, null without one.
void append_photo(std::string& out, const domain::Sweet& s) {
    out.append(",\"image\":");
    if (!s.image) {
        out.append("null,\"thumbnail\":null");
        return;
    }
    append_string(out, domain::photo_path(*s.image, domain::PhotoSize::Card));
    out.append(",\"thumbnail\":");
    append_string(out, domain::photo_path(*s.image, domain::PhotoSize::Thumbnail));
}
}  // namespace

void append_int(std::string& out, std::int64_t value) {
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

void append_sweet(std::string& out, const domain::Sweet& s, View view) {
    out.append("{\"id\":");
    append_int(out, s.id);
    out.append(",\"name\":");
    append_string(out, s.name);
    out.append(",\"category\":");
    append_string(out, s.category);
    out.append(",\"description\":");
    append_string(out, s.description);
    out.append(",\"price\":\"");
    out.append(domain::format_money(s.price_cents));
    if (view == View::Storefront) {
        const auto shown = domain::availability_of(s);
        out.append("\",\"availability\":\"");
        out.append(domain::availability_name(shown.availability));
        out.append("\",\"left\":");
        if (shown.left)
            append_int(out, *shown.left);
        else
            out.append("null");
        append_photo(out, s);
        out.append(",\"best_before\":");
        append_optional(out, s.best_before);
        out.append(",\"unit\":\"");
        out.append(domain::unit_name(s.unit));
        out.append("\"}");
        return;
    }
    out.append("\",\"quantity\":");
    append_int(out, s.quantity);
    out.append(s.is_available() ? ",\"is_available\":true" : ",\"is_available\":false");
    out.append(",\"created_by\":");
    append_string(out, s.created_by);
    out.append(",\"created_at\":\"");
    out.append(domain::format_timestamp(s.created_at));
    out.append("\",\"updated_at\":\"");
    out.append(domain::format_timestamp(s.updated_at));
    out.push_back('"');
    if (view != View::Customer) {
        out.append(",\"reorder_level\":");
        append_int(out, s.reorder_level);
        out.append(",\"reorder_quantity\":");
        append_int(out, s.reorder_quantity);
        if (view == View::Owner) {
            out.append(",\"cost\":");
            if (s.cost_cents) {
                out.push_back('"');
                out.append(domain::format_money(*s.cost_cents));
                out.push_back('"');
            } else {
                out.append("null");
            }
        }
        out.append(s.active ? ",\"active\":true" : ",\"active\":false");
    }
    out.append(",\"sku\":");
    append_optional(out, s.sku);
    out.append(",\"barcode\":");
    append_optional(out, s.barcode);
    append_photo(out, s);
    out.append(",\"best_before\":");
    append_optional(out, s.best_before);
    out.append(",\"unit\":\"");
    out.append(domain::unit_name(s.unit));
    out.append("\"}");
}

View view_for(const domain::User* user) {
    if (!user || !user->is_staff) return View::Customer;
    return user->is_owner() ? View::Owner : View::Staff;
}

std::string_view view_prefix(View view) {
    switch (view) {
        case View::Owner:
            return "owner ";
        case View::Staff:
            return "staff ";
        case View::Storefront:
            return "storefront ";
        case View::Customer:
            break;
    }
    return "";
}

std::string sweet(const domain::Sweet& s, View view) {
    std::string out;
    out.reserve(256 + s.description.size());
    append_sweet(out, s, view);
    return out;
}

std::string page(const domain::SweetPage& page, const std::string& next, const std::string& previous, View view) {
    std::string out;
    out.reserve(128 + page.items.size() * 300);
    out.append("{\"count\":");
    append_int(out, page.count);
    out.append(",\"next\":");
    if (next.empty())
        out.append("null");
    else
        append_string(out, next);
    out.append(",\"previous\":");
    if (previous.empty())
        out.append("null");
    else
        append_string(out, previous);
    out.append(",\"results\":[");
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        if (i) out += ',';
        append_sweet(out, page.items[i], view);
    }
    out.append("]}");
    return out;
}

}  // namespace sweetshop::http::json
