#include "http/fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <variant>

#include "domain/money.hpp"
#include "domain/text.hpp"

namespace sweetshop::http {

namespace {
/// A fraction as Python's str(float) prints it: the shortest text that reads back the same double; "inf" past its
/// range.
std::string python_float_text(long double value) {
    const double d = static_cast<double>(value);
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    return nlohmann::json(d).dump();
}

const BodyJson* present(const BodyJson& body, const char* name, domain::FieldErrors& errors, bool required) {
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

std::optional<std::string> read_string(const BodyJson& body, const char* name, domain::FieldErrors& errors,
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
    } else if (it->is_number_float()) {
        value = python_float_text(it->get<long double>());
    } else if (it->is_number()) {
        value = it->dump();
    } else {
        errors.add(name, "Not a valid string.");
        return std::nullopt;
    }
    if (value.find('\0') != std::string::npos) {
        errors.add(name, "Null characters are not allowed.");
        return std::nullopt;
    }
    if (rules.trim) value = domain::trim(value);
    if (value.empty() && !rules.allow_blank) {
        errors.add(name, "This field may not be blank.");
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> read_money(const BodyJson& body, const NumberTexts& numbers, const char* name,
                                       domain::FieldErrors& errors, bool required) {
    const auto* value = present(body, name, errors, required);
    if (!value) return std::nullopt;
    std::string text;
    if (value->is_string()) {
        text = value->get<std::string>();
    } else if (value->is_number_float()) {
        auto it = numbers.find(std::string_view(name));
        text = it != numbers.end() ? it->second : python_float_text(value->get<long double>());
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

std::optional<std::int64_t> read_integer(const BodyJson& body, const char* name, domain::FieldErrors& errors,
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
        // Past double's range Python has inf, which int() refuses: "A valid integer is required.".
        const double d = static_cast<double>(value->get<long double>());
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

const char* python_type_name(const BodyJson& value) {
    switch (value.type()) {
        case BodyJson::value_t::array:
            return "list";
        case BodyJson::value_t::string:
            return "str";
        case BodyJson::value_t::boolean:
            return "bool";
        case BodyJson::value_t::number_integer:
        case BodyJson::value_t::number_unsigned:
            return "int";
        case BodyJson::value_t::number_float:
            return "float";
        case BodyJson::value_t::null:
            return "NoneType";
        default:
            return "dict";
    }
}

std::optional<bool> read_boolean(const BodyJson& body, const char* name, domain::FieldErrors& errors, bool required) {
    const auto* value = present(body, name, errors, required);
    if (!value) return std::nullopt;
    if (value->is_boolean()) return value->get<bool>();
    if (value->is_number_integer() && (value->get<std::int64_t>() == 0 || value->get<std::int64_t>() == 1))
        return value->get<std::int64_t>() == 1;
    if (value->is_string()) {
        static const char* const kTrue[] = {"true", "True", "TRUE", "1",  "yes", "Yes",
                                            "YES",  "on",   "On",   "ON", "y",   "Y"};
        static const char* const kFalse[] = {"false", "False", "FALSE", "0",   "no", "No",
                                             "NO",    "off",   "Off",   "OFF", "n",  "N"};
        const auto text = value->get<std::string>();
        for (const char* t : kTrue)
            if (text == t) return true;
        for (const char* f : kFalse)
            if (text == f) return false;
    }
    errors.add(name, "Must be a valid boolean.");
    return std::nullopt;
}

/// A sweet's primary key as DRF's PrimaryKeyRelatedField reads it: an integer, or a string of one.
std::optional<std::int64_t> read_sweet_pk(const BodyJson& line, domain::FieldErrors& errors) {
    auto it = line.find("sweet");
    if (it == line.end()) {
        errors.add("sweet", "This field is required.");
        return std::nullopt;
    }
    if (it->is_null()) {
        errors.add("sweet", "This field may not be null.");
        return std::nullopt;
    }
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_string()) {
        const auto text = it->get<std::string>();
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) return id;
        errors.add("sweet", "Invalid pk \"" + text + "\" - object does not exist.");
        return std::nullopt;
    }
    errors.add("sweet", std::string("Incorrect type. Expected pk value, received ") + python_type_name(*it) + ".");
    return std::nullopt;
}

}  // namespace sweetshop::http
