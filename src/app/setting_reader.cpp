// Reading one setting: the flag given, else the environment; bad values name the setting.
#include <algorithm>
#include <charconv>

#include "app/settings.hpp"
#include "common/text.hpp"

namespace sweetshop::app {

std::optional<std::string> SettingReader::raw(std::string_view name) const {
    if (auto it = flags_.find(std::string(name)); it != flags_.end()) return it->second;
    return env_(std::string(name));
}

void SettingReader::bad(std::string_view name, const std::string& why) const {
    throw ConfigError(std::string(name) + " (" + flag_for(std::string(name)) + "): " + why);
}

void SettingReader::string(std::string_view name, std::string& out) const {
    if (auto v = raw(name); v && !v->empty()) out = *v;
}

void SettingReader::integer(std::string_view name, long long& out, long long min, long long max) const {
    auto v = raw(name);
    if (!v || v->empty()) return;
    long long parsed = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), parsed);
    if (ec != std::errc() || p != v->data() + v->size()) bad(name, "expected a whole number, got \"" + *v + "\"");
    if (parsed < min || parsed > max)
        bad(name, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + *v);
    out = parsed;
}

void SettingReader::choice(std::string_view name, std::string& out, const std::vector<std::string>& allowed) const {
    auto v = raw(name);
    if (!v || v->empty()) return;
    if (std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) {
        out = *v;
        return;
    }
    bad(name, "must be one of " + common::join(allowed, ", ") + ", got \"" + *v + "\"");
}

void SettingReader::list(std::string_view name, std::vector<std::string>& out) const {
    auto v = raw(name);
    if (!v) return;
    out.clear();
    std::size_t start = 0;
    while (start <= v->size()) {
        auto comma = v->find(',', start);
        auto item = v->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (auto trimmed = common::trim_ows(item); !trimmed.empty()) out.emplace_back(trimmed);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
}

}  // namespace sweetshop::app
