// Catalogue rules without a server or a database: list parameters, field validation, and their order.
#include <gtest/gtest.h>

#include <map>

#include "domain/catalogue.hpp"

using namespace sweetshop::domain;

namespace {
FieldErrors field_errors_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Validation);
        return e.fields();
    }
    ADD_FAILURE() << "no error";
    return {};
}

std::string describe(const FieldErrors& errors) {
    std::string out;
    for (const auto& [field, entry] : errors.entries())
        for (const auto& m : entry.messages)
            out += field + ": " + m + "\n";
    return out;
}

/// An in-memory repository: just what the catalogue rules need.
class FakeSweets final : public CatalogueStore {
  public:
    std::map<std::int64_t, Sweet> rows;
    std::int64_t next_id = 1;
    bool lose_name_race = false;
    std::int64_t count_calls = 0, list_limit = 0, list_offset = 0;

    std::optional<Sweet> find(std::int64_t id) override {
        auto it = rows.find(id);
        return it == rows.end() ? std::nullopt : std::optional<Sweet>(it->second);
    }
    bool taken(Unique field, const std::string& value, std::int64_t except_id) override {
        for (const auto& [id, s] : rows) {
            const auto& own = field == Unique::Name  ? std::optional<std::string>(s.name)
                              : field == Unique::Sku ? s.sku
                                                     : s.barcode;
            if (own == value && id != except_id) return true;
        }
        return false;
    }
    std::int64_t count(const SweetFilter&) override {
        ++count_calls;
        return static_cast<std::int64_t>(rows.size());
    }
    std::vector<Sweet> list(const SweetFilter&, const std::vector<SortKey>&, std::int64_t limit,
                            std::int64_t offset) override {
        list_limit = limit;
        list_offset = offset;
        return {};
    }
    std::optional<Sweet> insert(const SweetChanges& s, const Actor& actor) override {
        if (lose_name_race) return std::nullopt;
        Sweet sweet{next_id++, *s.name, *s.category, *s.description, *s.price_cents, *s.quantity, actor.username, 1, 1};
        if (s.sku) sweet.sku = *s.sku;
        if (s.barcode) sweet.barcode = *s.barcode;
        rows[sweet.id] = sweet;
        return sweet;
    }
    UpdateStatus update(std::int64_t id, const SweetChanges& c, const Actor&, Sweet& out) override {
        auto it = rows.find(id);
        if (it == rows.end()) return UpdateStatus::NotFound;
        if (lose_name_race) return UpdateStatus::NameTaken;
        if (c.name) it->second.name = *c.name;
        if (c.quantity) it->second.quantity = *c.quantity;
        if (c.sku) it->second.sku = *c.sku;
        if (c.barcode) it->second.barcode = *c.barcode;
        out = it->second;
        return UpdateStatus::Updated;
    }
    bool remove(std::int64_t id, const Actor&) override { return rows.erase(id) > 0; }
    std::optional<Sweet> find_by(Unique field, const std::string& value) override {
        for (const auto& [id, s] : rows)
            if ((field == Unique::Name  ? std::optional<std::string>(s.name)
                 : field == Unique::Sku ? s.sku
                                        : s.barcode) == value)
                return s;
        return std::nullopt;
    }
    void apply_import(const std::vector<Write>&, const Actor&) override {}
};

/// The metrics port, answering a fixed summary.
class FakeMetrics final : public CatalogueMetrics {
  public:
    std::vector<CategorySummary> category_summary() override { return {{"Chocolate", 2, 7}}; }
};

SweetInput complete(const std::string& name) {
    return SweetInput{name, "Chocolate", "", 350, 10};
}
const Actor kBoss{1, "boss"};
}  // namespace

TEST(ParseListing, DefaultsToNameOrderPageOneOf25) {
    auto l = parse_listing({});
    EXPECT_EQ(l.page, 1);
    EXPECT_EQ(l.page_size, 25);
    ASSERT_EQ(l.order.size(), 1u);
    EXPECT_EQ(l.order[0].field, SortField::Name);
    EXPECT_FALSE(l.order[0].descending);
    EXPECT_EQ(l.filter.name, "");
    EXPECT_FALSE(l.filter.min_cents);
}

TEST(ParseListing, FoldsTextFiltersAndReadsExactPriceBounds) {
    ListingParams p;
    p.name = "CRÈME";
    p.category = "Choc";
    p.min_price = "1.005";
    p.max_price = "2";
    auto l = parse_listing(p);
    EXPECT_EQ(l.filter.name, "crème");
    EXPECT_EQ(l.filter.category, "choc");
    EXPECT_EQ(l.filter.min_cents, 101);
    EXPECT_EQ(l.filter.max_cents, 200);
}

TEST(ParseListing, ReadsSeveralOrderingFields) {
    ListingParams p;
    p.ordering = "-price, quantity,,created_at";
    auto l = parse_listing(p);
    ASSERT_EQ(l.order.size(), 3u);
    EXPECT_EQ(l.order[0].field, SortField::Price);
    EXPECT_TRUE(l.order[0].descending);
    EXPECT_EQ(l.order[1].field, SortField::Quantity);
    EXPECT_EQ(l.order[2].field, SortField::CreatedAt);
}

TEST(ParseListing, ReportsEveryBadParameterTogether) {
    ListingParams p;
    p.min_price = "cheap";
    p.max_price = "NaN";
    p.ordering = "name,colour,-size";
    p.page_size = "500";
    auto errors = field_errors_of([&] { parse_listing(p); });
    EXPECT_EQ(describe(errors),
              "min_price: A valid number is required.\n"
              "max_price: A valid number is required.\n"
              "ordering: Unknown ordering field \"colour\".\n"
              "ordering: Unknown ordering field \"-size\".\n"
              "page_size: Ensure this value is between 1 and 100.\n");
}

TEST(ParseListing, PageIsANumberFromOneOrLast) {
    ListingParams p;
    p.page = "last";
    EXPECT_EQ(parse_listing(p).page, 0);
    p.page = "3";
    EXPECT_EQ(parse_listing(p).page, 3);
    for (const char* bad : {"0", "-1", "x", "1.0", "2.5"}) {
        p.page = bad;
        try {
            parse_listing(p);
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::NotFound) << bad;
            EXPECT_EQ(e.detail(), "Invalid page.");
        }
    }
}

TEST(Catalogue, ListResolvesLastAndRefusesPagesPastTheEnd) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    for (int i = 0; i < 7; ++i)
        catalogue.create(complete(std::string(1, static_cast<char>('a' + i))), kBoss, {});
    Listing l;
    l.page_size = 3;
    l.page = 0;
    auto page = catalogue.list(l);
    EXPECT_EQ(page.page, 3);
    EXPECT_EQ(page.pages, 3);
    EXPECT_EQ(sweets.list_offset, 6);
    l.page = 4;
    EXPECT_THROW(catalogue.list(l), Error);
    sweets.rows.clear();
    l.page = 1;
    EXPECT_EQ(catalogue.list(l).pages, 1);  // page 1 of nothing
}

TEST(Catalogue, CreateValidatesLengthsUniquenessAndQuantityInDeclarationOrder) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    catalogue.create(complete("Mint"), kBoss, {});
    SweetInput in{"Mint", std::string(121, 'c'), std::string(2001, 'd'), std::nullopt, -1};
    FieldErrors from_http;
    from_http.add("price", "A valid number is required.");
    auto errors = field_errors_of([&] { catalogue.create(in, kBoss, from_http); });
    EXPECT_EQ(describe(errors),
              "name: sweet with this name already exists.\n"
              "category: Ensure this field has no more than 120 characters.\n"
              "description: Ensure this field has no more than 2000 characters.\n"
              "price: A valid number is required.\n"
              "quantity: Ensure this value is greater than or equal to 0.\n");
    EXPECT_EQ(sweets.rows.size(), 1u);
}

TEST(Catalogue, NameLengthCountsCharactersNotBytes) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    std::string name;
    for (int i = 0; i < 150; ++i)
        name += "é";
    EXPECT_NO_THROW(catalogue.create(complete(name), kBoss, {}));
    auto errors = field_errors_of([&] { catalogue.create(complete(name + "é"), kBoss, {}); });
    EXPECT_EQ(describe(errors), "name: Ensure this field has no more than 150 characters.\n");
}

TEST(Catalogue, CreateDefaultsDescriptionAndQuantity) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    auto s = catalogue.create(SweetInput{"Mint", "Hard", std::nullopt, 100, std::nullopt}, kBoss, {});
    EXPECT_EQ(s.description, "");
    EXPECT_EQ(s.quantity, 0);
    EXPECT_FALSE(s.is_available());
    EXPECT_EQ(s.created_by, "boss");
}

TEST(Catalogue, ANameTakenByAConcurrentRequestIsAFieldError) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    sweets.lose_name_race = true;
    auto errors = field_errors_of([&] { catalogue.create(complete("Mint"), kBoss, {}); });
    EXPECT_EQ(describe(errors), "name: sweet with this name already exists.\n");
}

TEST(Catalogue, UpdateAnswers404BeforeValidatingAndKeepsItsOwnName) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    catalogue.create(complete("Mint"), kBoss, {});
    try {
        catalogue.update(99, SweetInput{std::string(200, 'x')}, kBoss, {});
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::NotFound);
        EXPECT_EQ(e.detail(), "No Sweet matches the given query.");
    }
    EXPECT_EQ(catalogue.update(1, SweetInput{"Mint"}, kBoss, {}).name, "Mint");
}

TEST(Catalogue, CategoriesComeFromTheMetricsPort) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    const auto categories = catalogue.categories();
    ASSERT_EQ(categories.size(), 1u);
    EXPECT_EQ(categories[0].category, "Chocolate");
    EXPECT_EQ(categories[0].total_quantity, 7);
}

TEST(Barcodes, TheCheckDigitOfEan13AndUpcAIsVerified) {
    EXPECT_EQ(check_barcode("4006381333931").gtin, "4006381333931");     // EAN-13
    EXPECT_EQ(check_barcode("400-638 133393-1").gtin, "4006381333931");  // as people write it
    EXPECT_EQ(check_barcode("036000291452").gtin, "0036000291452");      // UPC-A: its EAN-13 has a leading 0
    EXPECT_EQ(check_barcode("5000159484695").gtin, "5000159484695");
    EXPECT_EQ(check_barcode("4006381333932").problem,
              "This barcode's check digit should be 1, not 2: check the number.");
    EXPECT_EQ(check_barcode("036000291453").problem,
              "This barcode's check digit should be 2, not 3: check the number.");
    for (const char* bad : {"", "12345", "40063813339310", "400638133393x", "abcdefghijklm"})
        EXPECT_EQ(check_barcode(bad).problem, "Enter a valid barcode: 13 digits (EAN-13) or 12 (UPC-A).") << bad;
}

TEST(Barcodes, ACodeIsStoredTrimmedAndInItsThirteenDigitsAndIsUnique) {
    FakeSweets sweets;
    FakeMetrics metrics;
    CatalogueService catalogue(sweets, metrics);
    SweetInput input{"Fudge", "Fudge", "", 250, 3};
    input.sku = std::optional<std::string>("  FUD-01 ");
    input.barcode = std::optional<std::string>("036000291452");
    const auto made = catalogue.create(input, Actor{1, "boss"}, {});
    EXPECT_EQ(made.sku, "FUD-01");
    EXPECT_EQ(made.barcode, "0036000291452");

    SweetInput again{"Toffee", "Toffee", "", 250, 3};
    again.sku = std::optional<std::string>("FUD-01");
    again.barcode = std::optional<std::string>("0036000291452");
    EXPECT_EQ(describe(field_errors_of([&] {
                  catalogue.create(again, Actor{1, "boss"}, {});
              })),
              "sku: sweet with this sku already exists.\nbarcode: sweet with this barcode already exists.\n");
    SweetInput blank;
    blank.sku = std::optional<std::string>("   ");
    EXPECT_EQ(catalogue.update(made.id, blank, Actor{1, "boss"}, {}).sku, std::nullopt);
}
