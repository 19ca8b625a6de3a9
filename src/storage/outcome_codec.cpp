#include "storage/outcome_codec.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sweetshop::storage {

namespace {
using domain::StockOutcome;
using nlohmann::json;

constexpr std::pair<StockOutcome::Kind, const char*> kStockKinds[] = {
    {StockOutcome::Kind::Done, "done"},
    {StockOutcome::Kind::NotFound, "not_found"},
    {StockOutcome::Kind::Insufficient, "insufficient"},
    {StockOutcome::Kind::Overflow, "overflow"},
};

json sweet_json(const domain::Sweet& s) {
    return json{{"id", s.id},
                {"name", s.name},
                {"category", s.category},
                {"description", s.description},
                {"price_cents", s.price_cents},
                {"quantity", s.quantity},
                {"created_by", s.created_by},
                {"created_at", s.created_at},
                {"updated_at", s.updated_at}};
}

domain::Sweet sweet_value(const json& j) {
    return domain::Sweet{j.at("id").get<std::int64_t>(),          j.at("name").get<std::string>(),
                         j.at("category").get<std::string>(),     j.at("description").get<std::string>(),
                         j.at("price_cents").get<std::int64_t>(), j.at("quantity").get<std::int64_t>(),
                         j.at("created_by").get<std::string>(),   j.at("created_at").get<std::int64_t>(),
                         j.at("updated_at").get<std::int64_t>()};
}

json encode(const StockOutcome& o) {
    const char* kind = "";
    for (const auto& [k, name] : kStockKinds)
        if (k == o.kind) kind = name;
    json j{{"type", "stock"}, {"kind", kind}};
    if (o.kind == StockOutcome::Kind::Done) j["sweet"] = sweet_json(o.sweet);
    if (o.kind == StockOutcome::Kind::Overflow) j["headroom"] = o.headroom;
    return j;
}

StockOutcome decode_stock(const json& j) {
    StockOutcome o;
    const auto kind = j.at("kind").get<std::string>();
    bool known = false;
    for (const auto& [k, name] : kStockKinds)
        if (kind == name) {
            o.kind = k;
            known = true;
        }
    if (!known) throw std::runtime_error("stored outcome: unknown stock outcome " + kind);
    if (o.kind == StockOutcome::Kind::Done) o.sweet = sweet_value(j.at("sweet"));
    if (o.kind == StockOutcome::Kind::Overflow) o.headroom = j.at("headroom").get<std::int64_t>();
    return o;
}
}  // namespace

std::string encode_outcome(const domain::RecordedOutcome& outcome) {
    return std::visit([](const auto& o) { return encode(o).dump(); }, outcome);
}

domain::RecordedOutcome decode_outcome(const std::string& text) {
    try {
        const auto j = json::parse(text);
        const auto type = j.at("type").get<std::string>();
        if (type == "stock") return decode_stock(j);
        throw std::runtime_error("stored outcome: unknown type " + type);
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("stored outcome: ") + e.what());
    }
}

}  // namespace sweetshop::storage
