#include "domain/catalogue.hpp"

#include <algorithm>
#include <limits>
#include <variant>

#include "domain/collation.hpp"
#include "domain/money.hpp"
#include "domain/names.hpp"
#include "domain/text.hpp"

namespace sweetshop::domain {

std::optional<std::int64_t> parse_page_number(std::string_view text) {
    auto result = parse_integer(text);
    if (auto* value = std::get_if<std::int64_t>(&result)) {
        if (text.find('.') != std::string_view::npos) return std::nullopt;  // int("2.0") fails in Python
        return *value;
    }
    if (std::get<IntegerProblem>(result) == IntegerProblem::TooLarge) return std::numeric_limits<std::int64_t>::max();
    return std::nullopt;
}

void parse_page_size(std::string_view text, std::int64_t& size, FieldErrors& errors) {
    if (text.empty()) return;
    auto parsed = parse_page_number(text);
    if (!parsed || *parsed < 1 || *parsed > kMaxPageSize)
        errors.add("page_size", "Ensure this value is between 1 and " + std::to_string(kMaxPageSize) + ".");
    else
        size = *parsed;
}

std::int64_t parse_page(std::string_view text) {
    if (text.empty()) return 1;
    if (text == "last") return 0;
    auto page = parse_page_number(text);
    if (!page || *page < 1) throw Error(ErrorCode::NotFound, "Invalid page.");
    return *page;
}

PageSpan resolve_page(std::int64_t count, std::int64_t size, std::int64_t page) {
    PageSpan span;
    span.pages = std::max<std::int64_t>(1, (count + size - 1) / size);
    span.page = page == 0 ? span.pages : page;
    if (span.page > span.pages) throw Error(ErrorCode::NotFound, "Invalid page.");
    span.offset = (span.page - 1) * size;
    return span;
}

namespace {
std::optional<SortField> sort_field(std::string_view name) {
    if (name == "name") return SortField::Name;
    if (name == "price") return SortField::Price;
    if (name == "quantity") return SortField::Quantity;
    if (name == "created_at") return SortField::CreatedAt;
    if (name == "updated_at") return SortField::UpdatedAt;
    if (name == "category") return SortField::Category;
    if (name == "reorder_level") return SortField::ReorderLevel;
    if (name == "alphabetical") return SortField::Alphabetical;
    return std::nullopt;
}

/// DRF's OrderingFilter terms, comma-separated: at most kMaxOrderingTerms (else one message, whatever the length),
/// each field once, every unknown one reported.
void parse_ordering(std::string_view text, std::vector<SortKey>& order, FieldErrors& errors) {
    std::vector<std::string> terms;
    for (std::string_view rest = text;;) {
        const auto comma = rest.find(',');
        if (auto term = trim(rest.substr(0, comma)); !term.empty()) {
            if (terms.size() == kMaxOrderingTerms) {
                errors.add("ordering",
                           "Ensure there are no more than " + std::to_string(kMaxOrderingTerms) + " ordering fields.");
                return;
            }
            terms.push_back(std::move(term));
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    for (const auto& term : terms) {
        const bool descending = term.front() == '-';
        const auto name = std::string_view(term).substr(descending ? 1 : 0);
        auto field = sort_field(name);
        if (!field) {
            errors.add("ordering", "Unknown ordering field \"" + term + "\".");
        } else if (std::any_of(order.begin(), order.end(), [&](const SortKey& k) { return k.field == *field; })) {
            errors.add("ordering", "Ordering field \"" + std::string(name) + "\" appears more than once.");
        } else {
            order.push_back({*field, descending});
        }
    }
}

/// A NUL would end the text where SQL sees it: refused as Django's forms refuse it.
bool has_nul(const std::string& text, const char* field, FieldErrors& errors) {
    if (text.find('\0') == std::string::npos) return false;
    errors.add(field, "Null characters are not allowed.");
    return true;
}

void check_length(const std::optional<std::string>& value, const char* field, std::size_t max, FieldErrors& errors) {
    if (value && char_count(*value) > max)
        errors.add(field, "Ensure this field has no more than " + std::to_string(max) + " characters.");
}
}  // namespace

Listing parse_listing(const ListingParams& params) {
    Listing listing;
    FieldErrors errors;
    if (!has_nul(params.name, "name", errors)) listing.filter.name = fold_case(params.name);
    if (!has_nul(params.category, "category", errors)) listing.filter.category = fold_case(params.category);
    if (char_count(params.q) > kMaxSearchChars)
        errors.add("q", "Ensure this field has no more than " + std::to_string(kMaxSearchChars) + " characters.");
    else if (!has_nul(params.q, "q", errors))
        listing.filter.words = search_words(params.q);
    if (listing.filter.words.size() > kMaxSearchWords) listing.filter.words.resize(kMaxSearchWords);
    if (!params.min_price.empty() && !has_nul(params.min_price, "min_price", errors)) {
        listing.filter.min_cents = parse_price_bound(params.min_price, Bound::Lower);
        if (!listing.filter.min_cents) errors.add("min_price", "A valid number is required.");
    }
    if (!params.max_price.empty() && !has_nul(params.max_price, "max_price", errors)) {
        listing.filter.max_cents = parse_price_bound(params.max_price, Bound::Upper);
        if (!listing.filter.max_cents) errors.add("max_price", "A valid number is required.");
    }
    if (!params.active.empty()) {
        if (params.active == "true" || params.active == "1")
            listing.filter.active = true;
        else if (params.active == "false" || params.active == "0")
            listing.filter.active = false;
        else
            errors.add("active", "Must be a valid boolean.");
    }
    if (params.stock == "low")
        listing.filter.stock = StockFilter::Low;
    else if (params.stock == "out")
        listing.filter.stock = StockFilter::Out;
    else if (!params.stock.empty())
        errors.add("stock",
                   "Select a valid choice. " + params.stock.substr(0, 100) + " is not one of the available choices.");
    if (!params.ordering.empty()) parse_ordering(params.ordering, listing.order, errors);
    if (listing.order.empty() && !listing.filter.words.empty()) {
        listing.order.push_back({SortField::Relevance, false});
        listing.order.push_back({SortField::Alphabetical, false});
    }
    if (listing.order.empty()) listing.order.push_back({SortField::Name, false});
    parse_page_size(params.page_size, listing.page_size, errors);
    if (!errors.empty()) throw Error(std::move(errors));
    listing.page = parse_page(params.page);
    return listing;
}

std::string canonical_key(const Listing& listing) {
    auto text = [](const std::string& s) { return std::to_string(s.size()) + ":" + s; };
    auto bound = [](const std::optional<std::int64_t>& c) { return c ? std::to_string(*c) : std::string("-"); };
    const auto& f = listing.filter;
    std::string key =
        "n" + text(f.name) + " c" + text(f.category) + " lo" + bound(f.min_cents) + " hi" + bound(f.max_cents) + " q";
    for (const auto& w : f.words)
        key += text(w);
    key += " o";
    for (const auto& k : listing.order)
        key += std::to_string(static_cast<int>(k.field)) + (k.descending ? "-" : "+");
    key += " a" +
           std::string(!f.active   ? "-"
                       : *f.active ? "1"
                                   : "0") +
           " k" + std::to_string(static_cast<int>(f.stock));
    return key + " s" + std::to_string(listing.page_size) + " p" + std::to_string(listing.page);
}

ShownStock availability_of(const Sweet& sweet) {
    if (sweet.quantity <= 0) return {Availability::SoldOut, std::nullopt};
    if (sweet.quantity <= kLowStockUnits) return {Availability::Low, sweet.quantity};
    return {Availability::InStock, std::nullopt};
}

namespace {
constexpr std::pair<Availability, std::string_view> kAvailability[] = {
    {Availability::InStock, "in_stock"}, {Availability::Low, "low"}, {Availability::SoldOut, "sold_out"}};
}

std::string_view availability_name(Availability availability) {
    return name_of(kAvailability, availability);
}

Sweet CatalogueService::get(std::int64_t id) {
    auto sweet = sweets_.find(id);
    if (!sweet) throw Error(ErrorCode::NotFound, kSweetNotFound);
    return *sweet;
}

SweetPage CatalogueService::list(const Listing& listing) {
    SweetPage page;
    page.count = sweets_.count(listing.filter);
    const auto span = resolve_page(page.count, listing.page_size, listing.page);
    page.page = span.page;
    page.pages = span.pages;
    page.items = sweets_.list(listing.filter, listing.order, listing.page_size, span.offset);
    return page;
}

void CatalogueService::validate(const SweetInput& input, std::int64_t self_id, FieldErrors& errors) {
    check_length(input.name, "name", kNameMaxChars, errors);
    check_length(input.category, "category", kCategoryMaxChars, errors);
    check_length(input.description, "description", kDescriptionMaxChars, errors);
    if (input.name && !errors.has("name") && sweets_.name_taken(*input.name, self_id))
        errors.add("name", "sweet with this name already exists.");
    if (input.quantity && (*input.quantity < 0 || *input.quantity > kMaxQuantity) && !errors.has("quantity"))
        errors.add("quantity", *input.quantity < 0 ? "Ensure this value is greater than or equal to 0."
                                                   : "Ensure this value is less than or equal to 2147483647.");
    errors.order({"name", "category", "description", "price", "quantity", "reorder_level", "reorder_quantity", "cost",
                  "active"});
    if (!errors.empty()) throw Error(std::move(errors));
}

Sweet CatalogueService::create(const SweetInput& input, const Actor& actor, FieldErrors errors) {
    validate(input, 0, errors);
    SweetChanges complete = input;
    if (!complete.description) complete.description = "";
    if (!complete.quantity) complete.quantity = 0;
    auto sweet = sweets_.insert(complete, actor);
    if (!sweet) {  // another request took the name since the check
        FieldErrors taken;
        taken.add("name", "sweet with this name already exists.");
        throw Error(std::move(taken));
    }
    return *sweet;
}

Sweet CatalogueService::update(std::int64_t id, const SweetInput& input, const Actor& actor, FieldErrors errors) {
    if (!sweets_.find(id)) throw Error(ErrorCode::NotFound, kSweetNotFound);
    validate(input, id, errors);
    Sweet sweet;
    switch (sweets_.update(id, input, actor, sweet)) {
        case CatalogueStore::UpdateStatus::Updated:
            return sweet;
        case CatalogueStore::UpdateStatus::NotFound:
            throw Error(ErrorCode::NotFound, kSweetNotFound);
        case CatalogueStore::UpdateStatus::NameTaken:
            break;
    }
    FieldErrors taken;
    taken.add("name", "sweet with this name already exists.");
    throw Error(std::move(taken));
}

void CatalogueService::remove(std::int64_t id, const Actor& actor) {
    if (!sweets_.remove(id, actor)) throw Error(ErrorCode::NotFound, kSweetNotFound);
}

}  // namespace sweetshop::domain
