#include "http/fields.hpp"

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
