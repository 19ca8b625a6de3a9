#include "domain/error.hpp"

#include <algorithm>

namespace sweetshop::domain {

FieldErrors::FieldErrors() = default;
FieldErrors::~FieldErrors() = default;
FieldErrors::FieldErrors(const FieldErrors& other) = default;
FieldErrors::FieldErrors(FieldErrors&& other) noexcept = default;
FieldErrors& FieldErrors::operator=(const FieldErrors& other) = default;
FieldErrors& FieldErrors::operator=(FieldErrors&& other) noexcept = default;

bool FieldErrors::empty() const {
    return entries_.empty();
}

const std::vector<std::pair<std::string, FieldErrors::Entry>>& FieldErrors::entries() const {
    return entries_;
}

FieldErrors::Entry& FieldErrors::entry(std::string_view field) {
    for (auto& [name, e] : entries_)
        if (name == field) return e;
    return entries_.emplace_back(std::string(field), Entry{}).second;
}

void FieldErrors::add(std::string_view field, std::string message) {
    entry(field).messages.push_back(std::move(message));
}

void FieldErrors::add_items(std::string_view field, std::vector<FieldErrors> items) {
    entry(field).items = std::move(items);
}

void FieldErrors::add_object(std::string_view field, FieldErrors errors) {
    entry(field).object = {std::move(errors)};
}

std::vector<std::string> FieldErrors::messages(std::string_view field) const {
    for (const auto& [name, e] : entries_)
        if (name == field) return e.messages;
    return {};
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
