#include "domain/error.hpp"

#include <algorithm>

namespace sweetshop::domain {

void FieldErrors::add(std::string_view field, std::string message) {
    for (auto& [name, messages] : entries_) {
        if (name == field) {
            messages.push_back(std::move(message));
            return;
        }
    }
    entries_.emplace_back(std::string(field), std::vector<std::string>{std::move(message)});
}

bool FieldErrors::has(std::string_view field) const {
    return std::any_of(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == field; });
}

void FieldErrors::order(std::initializer_list<std::string_view> order) {
    auto rank = [&](const std::string& field) {
        std::size_t i = 0;
        for (auto name : order) {
            if (name == field) return i;
            ++i;
        }
        return order.size();
    };
    std::stable_sort(entries_.begin(), entries_.end(),
                     [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
}

}  // namespace sweetshop::domain
