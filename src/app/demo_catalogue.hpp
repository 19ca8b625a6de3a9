#pragma once
// The demo catalogue that `sweetshop seed-demo` puts into an empty shop.
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"

namespace sweetshop::app {

struct DemoSweet {
    const char* name;
    const char* category;
    const char* description;
    std::int64_t price_cents;
    std::int64_t quantity;
};

/// A realistic catalogue: several categories, a range of prices, some sweets out of stock, a few non-ASCII names.
const std::vector<DemoSweet>& demo_catalogue();

struct SeedReport {
    std::int64_t existing = 0;  ///< sweets already there (then nothing is added)
    std::int64_t added = 0;
    std::int64_t categories = 0;
    std::int64_t out_of_stock = 0;
};

/// Adds the demo catalogue as `actor` when the shop has no sweets; `progress` hears about each sweet added.
SeedReport seed_demo(domain::CatalogueService& catalogue, const domain::Actor& actor,
                     const std::function<void(const DemoSweet&)>& progress = {});

}  // namespace sweetshop::app
