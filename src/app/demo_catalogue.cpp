#include "app/demo_catalogue.hpp"

#include <cstdio>

namespace sweetshop::app {

const std::vector<DemoSweet>& demo_catalogue() {
    static const std::vector<DemoSweet> sweets = {
        {"Caramel Fudge", "Chocolate", "Slow-cooked butter caramel in milk chocolate.", 350, 40},
        {"Dark Chocolate Truffle", "Chocolate", "70% cocoa ganache rolled in cocoa powder.", 120, 85},
        {"Hazelnut Praline", "Chocolate", "Roasted hazelnut praline in a milk chocolate shell.", 145, 60},
        {"Mint Crisp Bar", "Chocolate", "Dark chocolate with crunchy peppermint pieces.", 275, 0},
        {"Salted Caramel Cup", "Chocolate", "Soft salted caramel in a dark chocolate cup.", 195, 32},
        {"White Chocolate Raspberry", "Chocolate", "Freeze-dried raspberries in white chocolate.", 310, 18},
        {"Orange Ginger Thin", "Chocolate", "Dark chocolate thin with candied orange and ginger.", 95, 120},
        {"Strawberry Laces", "Gummies", "Long, soft strawberry liquorice laces.", 150, 200},
        {"Sour Cherry Drops", "Gummies", "Tangy cherry gummies dusted in sour sugar.", 180, 75},
        {"Cola Bottles", "Gummies", "Fizzy cola-flavoured gummy bottles.", 125, 0},
        {"Peach Rings", "Gummies", "Sugar-coated peach gummy rings.", 160, 90},
        {"Fruit Salad Bears", "Gummies", "Mixed-fruit gummy bears, gelatine free.", 210, 140},
        {"Lemon Sherbet", "Hard Candy", "Boiled lemon sweets with a fizzy sherbet centre.", 110, 160},
        {"Butterscotch Drops", "Hard Candy", "Classic buttery boiled sweets.", 130, 95},
        {"Pear Drops", "Hard Candy", "Pear-and-pineapple boiled sweets, an old favourite.", 115, 0},
        {"Rhubarb and Custard", "Hard Candy", "Two-tone rhubarb and vanilla custard drops.", 120, 70},
        {"Aniseed Twist", "Hard Candy", "Striped aniseed humbugs.", 105, 45},
        {"Clotted Cream Fudge", "Fudge", "Cornish clotted cream fudge, crumbly and rich.", 425, 25},
        {"Rum and Raisin Fudge", "Fudge", "Soft fudge with rum-soaked raisins.", 450, 12},
        {"Maple Walnut Fudge", "Fudge", "Maple fudge studded with toasted walnuts.", 475, 0},
        {"Vanilla Bean Fudge", "Fudge", "Smooth fudge with Madagascan vanilla.", 395, 30},
        {"Liquorice Allsorts", "Liquorice", "The classic mix of liquorice and coconut layers.", 240, 55},
        {"Salted Liquorice Coins", "Liquorice", "Strong Nordic salmiak coins.", 260, 20},
        {"Red Liquorice Wheels", "Liquorice", "Soft strawberry liquorice wheels.", 175, 65},
        {"Crème Brûlée Bites", "Patisserie", "Vanilla custard chocolates with a burnt-sugar top.", 525, 16},
        {"Pistachio Macaron", "Patisserie", "Almond shells with pistachio buttercream.", 225, 48},
        {"Turrón de Jijona", "Patisserie", "Soft Spanish almond and honey nougat.", 690, 14},
        {"Lokum Rose", "Patisserie", "Rosewater Turkish delight dusted in icing sugar.", 380, 0},
        {"Marzipan Fruits", "Patisserie", "Hand-painted marzipan in the shape of fruit.", 560, 22},
        {"Candy Floss Tub", "Novelty", "Pink vanilla candy floss in a sealed tub.", 200, 35},
        {"Popping Candy", "Novelty", "Crackling strawberry popping candy.", 85, 150},
        {"Rainbow Lollipop", "Novelty", "A big swirled fruit lollipop.", 250, 80},
        {"Sherbet Fountain", "Novelty", "Sherbet with a liquorice dipper.", 99, 0},
        {"Chocolate Coins", "Novelty", "Milk chocolate coins in gold foil.", 135, 110},
        {"Honeycomb Crunch", "Toffee", "Golden honeycomb dipped in milk chocolate.", 285, 42},
        {"Treacle Toffee", "Toffee", "Dark, hard treacle toffee to break with a hammer.", 215, 38},
        {"Peanut Brittle", "Toffee", "Crunchy brittle with roasted peanuts.", 265, 27},
    };
    return sweets;
}

std::vector<DemoSweet> synthetic_catalogue(int count, std::int64_t stock) {
    static const char* kCategories[] = {"Chocolate", "Gummies",     "Hard Candy", "Fudge", "Liquorice",
                                        "Toffee",    "Marshmallow", "Nougat",     "Mints", "Lollipops"};
    std::vector<DemoSweet> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int i = 1; i <= count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "Sweet %04d", i);
        out.push_back(
            DemoSweet{name, kCategories[i % 10], "A sweet of the load-test catalogue.", 50 + (i * 37) % 950, stock});
    }
    return out;
}

SeedReport seed_demo(domain::CatalogueService& catalogue, const domain::Actor& actor,
                     const std::vector<DemoSweet>& sweets,
                     const std::function<void(const DemoSweet&, std::size_t)>& progress) {
    SeedReport report;
    report.existing = catalogue.list(domain::parse_listing({})).count;
    if (report.existing > 0) return report;
    std::set<std::string> categories;
    for (const auto& demo : sweets) {
        domain::SweetInput input{demo.name, demo.category, demo.description, demo.price_cents, demo.quantity};
        catalogue.create(input, actor, {});
        ++report.added;
        categories.insert(demo.category);
        if (demo.quantity == 0) ++report.out_of_stock;
        if (progress) progress(demo, static_cast<std::size_t>(report.added));
    }
    report.categories = static_cast<std::int64_t>(categories.size());
    return report;
}

}  // namespace sweetshop::app
