#include "http/fields.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include "domain/money.hpp"
#include "domain/text.hpp"

namespace sweetshop::http {

std::optional<std::string> read_string(const nlohmann::json& body, const char* name, domain::FieldErrors& errors,
                                       StringField rules) {
    auto it = body.find(name);
    if (it == body.end()) {
        if (rules.required) errors.add(name, "This field is required.");
        return std::nullopt;
    }
    std::string value;
    if (it->is_null()) {
        errors.add(name, "This field may not be null.");
        return std::nullopt;
    } else if (it->is_string()) {
        value = it->get<std::string>();
    } else if (it->is_number()) {
        value = it->dump();
    } else {
        errors.add(name, "Not a valid string.");
        return std::nullopt;
    }
    if (rules.trim) value = domain::trim(value);
    if (value.empty() && !rules.allow_blank) {
        errors.add(name, "This field may not be blank.");
        return std::nullopt;
    }
    return value;
}

namespace {
/// Records the source text of top-level float numbers (the last one wins for a repeated key, as in the DOM).
class NumberTextCollector final : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit NumberTextCollector(NumberTexts& out) : out_(out) {}
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t& text) override {
        if (depth_ == 1) {
            std::erase_if(out_, [&](const auto& entry) { return entry.first == key_; });
            out_.emplace_back(key_, text);
        }
        return true;
    }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        ++depth_;
        return true;
    }
    bool key(string_t& key) override {
        if (depth_ == 1) key_ = key;
        return true;
    }
    bool end_object() override {
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        ++depth_;
        return true;
    }
    bool end_array() override {
        --depth_;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

  private:
    NumberTexts& out_;
    int depth_ = 0;
    std::string key_;
};

const nlohmann::json* present(const nlohmann::json& body, const char* name, domain::FieldErrors& errors,
                              bool required) {
    auto it = body.find(name);
    if (it == body.end()) {
        if (required) errors.add(name, "This field is required.");
        return nullptr;
    }
    if (it->is_null()) {
        errors.add(name, "This field may not be null.");
        return nullptr;
    }
    return &*it;
}
}  // namespace

NumberTexts number_texts(const std::string& json_text) {
    NumberTexts out;
    NumberTextCollector collector(out);
    nlohmann::json::sax_parse(json_text, &collector);
    return out;
}

std::optional<std::int64_t> read_money(const nlohmann::json& body, const NumberTexts& numbers, const char* name,
                                       domain::FieldErrors& errors, bool required) {
    const auto* value = present(body, name, errors, required);
    if (!value) return std::nullopt;
    std::string text;
    if (value->is_string()) {
        text = value->get<std::string>();
    } else if (value->is_number_float()) {
        auto it = std::find_if(numbers.begin(), numbers.end(), [&](const auto& e) { return e.first == name; });
        text = it != numbers.end() ? it->second : value->dump();
    } else if (value->is_number()) {
        text = value->dump();
    } else {
        errors.add(name, "A valid number is required.");
        return std::nullopt;
    }
    auto parsed = domain::parse_money(text);
    if (auto* message = std::get_if<std::string>(&parsed)) {
        errors.add(name, *message);
        return std::nullopt;
    }
    return std::get<std::int64_t>(parsed);
}

std::optional<std::int64_t> read_integer(const nlohmann::json& body, const char* name, domain::FieldErrors& errors,
                                         IntegerField rules) {
    const auto* value = present(body, name, errors, rules.required);
    if (!value) return std::nullopt;
    using Problem = domain::IntegerProblem;
    std::variant<std::int64_t, Problem> parsed = Problem::Invalid;
    if (value->is_number_integer()) {
        parsed = value->get<std::int64_t>();
    } else if (value->is_number_unsigned()) {
        parsed = Problem::TooLarge;  // past int64 (smaller unsigned values arrive as number_integer)
    } else if (value->is_number_float()) {
        // Python reads a JSON fraction as a float; IntegerField then accepts it when it is integral (2.0, 1e3).
        const double d = value->get<double>();
        if (std::isfinite(d) && d == std::floor(d)) {
            if (d >= 9.2e18)
                parsed = Problem::TooLarge;
            else if (d <= -9.2e18)
                parsed = Problem::TooSmall;
            else
                parsed = static_cast<std::int64_t>(d);
        }
    } else if (value->is_string()) {
        parsed = domain::parse_integer(value->get<std::string>());
    }
    if (auto* problem = std::get_if<Problem>(&parsed)) {
        if (*problem == Problem::Invalid)
            errors.add(name, "A valid integer is required.");
        else if (*problem == Problem::TooLarge)
            errors.add(name, "Ensure this value is less than or equal to " + std::to_string(rules.max) + ".");
        else
            errors.add(name, "Ensure this value is greater than or equal to " + std::to_string(rules.min) + ".");
        return std::nullopt;
    }
    const auto n = std::get<std::int64_t>(parsed);
    if (n > rules.max) {
        errors.add(name, "Ensure this value is less than or equal to " + std::to_string(rules.max) + ".");
        return std::nullopt;
    }
    if (n < rules.min) {
        errors.add(name, "Ensure this value is greater than or equal to " + std::to_string(rules.min) + ".");
        return std::nullopt;
    }
    return n;
}

const char* python_type_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::array:
            return "list";
        case nlohmann::json::value_t::string:
            return "str";
        case nlohmann::json::value_t::boolean:
            return "bool";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
            return "int";
        case nlohmann::json::value_t::number_float:
            return "float";
        case nlohmann::json::value_t::null:
            return "NoneType";
        default:
            return "dict";
    }
}

}  // namespace sweetshop::http
