#include "domain/audit.hpp"

#include "common/json_string.hpp"
#include "domain/money.hpp"

namespace sweetshop::domain {

std::string json_text(std::string_view text) {
    std::string out;
    common::append_json_string(out, text);
    return out;
}

std::string json_money(std::optional<std::int64_t> cents) {
    return cents ? json_text(format_money(*cents)) : std::string("null");
}

AuditDetails& AuditDetails::add_json(std::string_view key, const std::string& json) {
    if (text_.size() > 1) text_.push_back(',');
    common::append_json_string(text_, key);
    text_.push_back(':');
    text_.append(json);
    return *this;
}

AuditDetails& AuditDetails::add(std::string_view key, std::int64_t value) {
    return add_json(key, std::to_string(value));
}

AuditDetails& AuditDetails::add(std::string_view key, std::string_view value) {
    return add_json(key, json_text(value));
}

AuditDetails& AuditDetails::add(std::string_view key, bool value) {
    return add_json(key, value ? "true" : "false");
}

AuditDetails& AuditDetails::change(std::string_view key, const std::string& before_json,
                                   const std::string& after_json) {
    std::string pair = "{\"before\":";
    pair.append(before_json).append(",\"after\":").append(after_json).push_back('}');
    return add_json(key, pair);
}

namespace {
Actor actor_of(const User& user) {
    return Actor{user.id, user.username};
}

AuditEntry about_sweet(const Actor& actor, std::string action, std::int64_t id, const std::string& name,
                       std::string details) {
    return AuditEntry{actor, std::move(action), "sweet", id, name, std::move(details)};
}

AuditEntry about_user(const Actor& actor, std::string action, const User& user, std::string details) {
    return AuditEntry{actor, std::move(action), "user", user.id, user.username, std::move(details)};
}

std::string role_json(Role role) {
    return json_text(role_name(role));
}
}  // namespace

AuditEntry audit_sign_in(const User& user) {
    return about_user(actor_of(user), "sign_in", user, AuditDetails().add("role", role_name(user.role)).str());
}

AuditEntry audit_sweet_created(const Actor& actor, const Sweet& s) {
    AuditDetails d;
    d.add("name", s.name).add("category", s.category).add_json("price", json_money(s.price_cents));
    d.add("quantity", s.quantity).add_json("cost", json_money(s.cost_cents));
    d.add("reorder_level", s.reorder_level).add("reorder_quantity", s.reorder_quantity);
    return about_sweet(actor, "sweet.create", s.id, s.name, d.str());
}

std::optional<AuditEntry> audit_sweet_edited(const Actor& actor, const Sweet& before, const Sweet& after) {
    AuditDetails d;
    int changed = 0;
    auto text = [&](const char* key, const std::string& a, const std::string& b) {
        if (a == b) return;
        d.change(key, json_text(a), json_text(b));
        ++changed;
    };
    auto number = [&](const char* key, std::int64_t a, std::int64_t b) {
        if (a == b) return;
        d.change(key, std::to_string(a), std::to_string(b));
        ++changed;
    };
    auto money = [&](const char* key, std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
        if (a == b) return;
        d.change(key, json_money(a), json_money(b));
        ++changed;
    };
    auto code = [&](const char* key, const std::optional<std::string>& a, const std::optional<std::string>& b) {
        if (a == b) return;
        d.change(key, a ? json_text(*a) : "null", b ? json_text(*b) : "null");
        ++changed;
    };
    text("name", before.name, after.name);
    text("category", before.category, after.category);
    text("description", before.description, after.description);
    money("price", before.price_cents, after.price_cents);
    number("quantity", before.quantity, after.quantity);
    money("cost", before.cost_cents, after.cost_cents);
    number("reorder_level", before.reorder_level, after.reorder_level);
    number("reorder_quantity", before.reorder_quantity, after.reorder_quantity);
    code("sku", before.sku, after.sku);
    code("barcode", before.barcode, after.barcode);
    const bool archived = before.active != after.active;
    if (archived) d.change("active", before.active ? "true" : "false", after.active ? "true" : "false");
    if (changed == 0 && !archived) return std::nullopt;
    const char* action = changed > 0 ? "sweet.edit" : (after.active ? "sweet.restore" : "sweet.archive");
    return about_sweet(actor, action, after.id, after.name, d.str());
}

AuditEntry audit_sweet_photo(const Actor& actor, const Sweet& before, const Sweet& after) {
    AuditDetails d;
    d.change("image", before.image ? json_text(*before.image) : "null", after.image ? json_text(*after.image) : "null");
    return about_sweet(actor, "sweet.photo", after.id, after.name, d.str());
}

AuditEntry audit_sweet_deleted(const Actor& actor, std::int64_t id, const std::string& name, std::int64_t quantity) {
    return about_sweet(actor, "sweet.delete", id, name, AuditDetails().add("quantity", quantity).str());
}

AuditEntry audit_restock(const Actor& actor, const Sweet& after, std::int64_t amount) {
    return about_sweet(actor, "stock.restock", after.id, after.name,
                       AuditDetails().add("amount", amount).add("quantity_after", after.quantity).str());
}

AuditEntry audit_adjustment(const Actor& actor, const Sweet& after, std::int64_t delta, std::string_view reason,
                            const std::string& note) {
    AuditDetails d;
    d.add("delta", delta).add("quantity_after", after.quantity).add("reason", reason).add("note", note);
    return about_sweet(actor, "stock.adjust", after.id, after.name, d.str());
}

AuditEntry audit_write_off(const Actor& actor, std::int64_t sweet_id, const std::string& name, std::int64_t batch,
                           std::int64_t units, std::optional<std::int64_t> value_cents, const std::string& note) {
    AuditDetails d;
    d.add("batch", batch).add("units", units);
    if (value_cents) d.add("value_cents", *value_cents);
    d.add("note", note);
    return about_sweet(actor, "stock.write_off", sweet_id, name, d.str());
}

AuditEntry audit_stocktake(const Actor& actor, const std::vector<AuditCountLine>& lines, const std::string& note) {
    std::string list = "[";
    for (const auto& line : lines) {
        if (list.size() > 1) list.push_back(',');
        AuditDetails l;
        l.add("sweet", line.sweet_id).add("name", line.name).add("expected", line.expected);
        l.add("counted", line.counted);
        list.append(l.str());
    }
    list.push_back(']');
    AuditDetails d;
    d.add("note", note).add_json("lines", list);
    return AuditEntry{actor, "stock.count", "", 0, "", d.str()};
}

AuditEntry audit_refund(const Actor& actor, std::int64_t order, std::int64_t amount_cents, bool restock,
                        const std::string& reason, const std::vector<AuditRefundLine>& lines) {
    std::string list = "[";
    for (const auto& line : lines) {
        if (list.size() > 1) list.push_back(',');
        list.append(
            AuditDetails().add("sweet", line.sweet_id).add("name", line.name).add("quantity", line.quantity).str());
    }
    list.push_back(']');
    AuditDetails d;
    d.add_json("amount", json_money(amount_cents)).add("restock", restock).add("reason", reason);
    d.add_json("lines", list);
    return AuditEntry{actor, "order.refund", "order", order, "", d.str()};
}

AuditEntry audit_role(const Actor& actor, const User& user, Role before, Role after) {
    return about_user(actor, "user.role", user,
                      AuditDetails().change("role", role_json(before), role_json(after)).str());
}

AuditEntry audit_activation(const Actor& actor, const User& user, bool active) {
    return about_user(actor, active ? "user.reactivate" : "user.deactivate", user, "{}");
}

AuditEntry audit_password_reset(const Actor& actor, const User& user) {
    return about_user(actor, "user.password_reset", user, "{}");
}

AuditEntry audit_password_changed(const User& user) {
    return about_user(actor_of(user), "account.password", user, "{}");
}

}  // namespace sweetshop::domain
