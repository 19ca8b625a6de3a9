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
    std::string name;
    std::string category;
    std::string description;
    std::int64_t price_cents;
    std::int64_t quantity;
};

/// A realistic catalogue: several categories, a range of prices, some sweets out of stock, a few non-ASCII names.
const std::vector<DemoSweet>& demo_catalogue();

/// A load-test catalogue: `count` sweets ("Sweet 0001", ...) in 10 categories, prices from 0.50 to 9.99, each with
/// `stock` in stock.
std::vector<DemoSweet> synthetic_catalogue(int count, std::int64_t stock);

struct SeedReport {
    std::int64_t existing = 0;  ///< sweets already there (then nothing is added)
    std::int64_t added = 0;
    std::int64_t categories = 0;
    std::int64_t out_of_stock = 0;
};

/// Adds `sweets` as `actor` when the shop has no sweets; `progress` hears about each sweet added (and its index).
SeedReport seed_demo(domain::CatalogueService& catalogue, const domain::Actor& actor,
                     const std::vector<DemoSweet>& sweets,
                     const std::function<void(const DemoSweet&, std::size_t)>& progress = {});

}  // namespace sweetshop::app
