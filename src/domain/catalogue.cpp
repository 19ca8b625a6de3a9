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
constexpr const char* kBarcodeShape = "Enter a valid barcode: 13 digits (EAN-13) or 12 (UPC-A).";

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

/// A code's text as stored: trimmed, with a blank one meaning none.
void normalise_code(std::optional<std::optional<std::string>>& code) {
    if (!code || !*code) return;
    auto trimmed = trim(**code);
    if (trimmed.empty())
        *code = std::optional<std::string>{};
    else
        **code = std::move(trimmed);
}

std::string taken_message(const char* field) {
    return std::string("sweet with this ") + field + " already exists.";
}
}  // namespace

BarcodeCheck check_barcode(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c == ' ' || c == '-') continue;
        if (c < '0' || c > '9' || digits.size() == 13) return {{}, kBarcodeShape};
        digits.push_back(c);
    }
    if (digits.size() == 12) digits.insert(digits.begin(), '0');  // UPC-A: an EAN-13 beginning with 0
    if (digits.size() != 13) return {{}, kBarcodeShape};
    // GS1: from the right, the digits before the check digit weigh 3, 1, 3, ...
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += (digits[static_cast<std::size_t>(i)] - '0') * (i % 2 == 0 ? 1 : 3);
    const char expected = static_cast<char>('0' + (10 - sum % 10) % 10);
    if (digits.back() != expected)
        return {{},
                std::string("This barcode's check digit should be ") + expected + ", not " + digits.back() +
                    ": check the number."};
    return {std::move(digits), {}};
}

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
    if (!params.sku.empty() && !has_nul(params.sku, "sku", errors)) listing.filter.sku = trim(params.sku);
    if (!params.barcode.empty()) {
        auto checked = check_barcode(params.barcode);
        if (checked.problem.empty())
            listing.filter.barcode = std::move(checked.gtin);
        else
            errors.add("barcode", checked.problem);
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
    std::string key;
    auto text = [&key](const std::string& s) { key.append(std::to_string(s.size())).append(":").append(s); };
    auto bound = [&key](const std::optional<std::int64_t>& c) { key.append(c ? std::to_string(*c) : "-"); };
    const auto& f = listing.filter;
    key.append("n");
    text(f.name);
    key.append(" c");
    text(f.category);
    key.append(" lo");
    bound(f.min_cents);
    key.append(" hi");
    bound(f.max_cents);
    key.append(" q");
    for (const auto& w : f.words)
        text(w);
    key.append(" o");
    for (const auto& k : listing.order)
        key.append(std::to_string(static_cast<int>(k.field))).append(k.descending ? "-" : "+");
    key.append(" sku");
    text(f.sku);
    key.append(" b");
    text(f.barcode);
    key.append(" a").append(!f.active ? "-" : *f.active ? "1" : "0");
    key.append(" k").append(std::to_string(static_cast<int>(f.stock)));
    key.append(" s").append(std::to_string(listing.page_size));
    key.append(" p").append(std::to_string(listing.page));
    return key;
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

void CatalogueService::validate(SweetInput& input, std::int64_t self_id, FieldErrors& errors) {
    check_length(input.name, "name", kNameMaxChars, errors);
    check_length(input.category, "category", kCategoryMaxChars, errors);
    check_length(input.description, "description", kDescriptionMaxChars, errors);
    if (input.name && !errors.has("name") && sweets_.taken(Unique::Name, *input.name, self_id))
        errors.add("name", taken_message("name"));
    normalise_code(input.sku);
    if (input.sku && *input.sku) {
        if (char_count(**input.sku) > kSkuMaxChars)
            errors.add("sku", "Ensure this field has no more than " + std::to_string(kSkuMaxChars) + " characters.");
        else if (!has_nul(**input.sku, "sku", errors) && sweets_.taken(Unique::Sku, **input.sku, self_id))
            errors.add("sku", taken_message("sku"));
    }
    normalise_code(input.barcode);
    if (input.barcode && *input.barcode) {
        auto checked = check_barcode(**input.barcode);
        if (!checked.problem.empty())
            errors.add("barcode", checked.problem);
        else if (sweets_.taken(Unique::Barcode, checked.gtin, self_id))
            errors.add("barcode", taken_message("barcode"));
        else
            **input.barcode = std::move(checked.gtin);
    }
    if (input.quantity && (*input.quantity < 0 || *input.quantity > kMaxQuantity) && !errors.has("quantity"))
        errors.add("quantity", *input.quantity < 0 ? "Ensure this value is greater than or equal to 0."
                                                   : "Ensure this value is less than or equal to 2147483647.");
    errors.order({"name", "category", "description", "price", "quantity", "reorder_level", "reorder_quantity", "cost",
                  "active", "sku", "barcode", "unit"});
    if (!errors.empty()) throw Error(std::move(errors));
}

Sweet CatalogueService::create(SweetInput input, const Actor& actor, FieldErrors errors) {
    validate(input, 0, errors);
    SweetChanges complete = std::move(input);
    if (!complete.description) complete.description = "";
    if (!complete.quantity) complete.quantity = 0;
    auto sweet = sweets_.insert(complete, actor);
    if (!sweet) {  // another request took the name, the SKU or the barcode since the check: say which
        validate(complete, 0, errors);  // throws with the field now taken
        FieldErrors taken;
        taken.add("name", taken_message("name"));
        throw Error(std::move(taken));
    }
    return *sweet;
}

Sweet CatalogueService::update(std::int64_t id, SweetInput input, const Actor& actor, FieldErrors errors) {
    const auto before = sweets_.find(id);
    if (!before) throw Error(ErrorCode::NotFound, kSweetNotFound);
    // Stock counted in pieces does not become grams (nor back): the unit changes while none is in stock.
    if (input.unit && *input.unit != before->unit && before->quantity > 0 && !errors.has("unit"))
        errors.add("unit", "The unit can change only while none is in stock: there are " +
                               std::to_string(before->quantity) + ".");
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
    taken.add("name", taken_message("name"));
    throw Error(std::move(taken));
}

void CatalogueService::remove(std::int64_t id, const Actor& actor) {
    if (!sweets_.remove(id, actor)) throw Error(ErrorCode::NotFound, kSweetNotFound);
}

}  // namespace sweetshop::domain
