// The catalogue as CSV (issue 20): the export in the import's columns, and the import's dry run (every row with
// what it would do, or why it is refused) and apply (all or nothing, quantity changes in the ledger), over a CSV
// library: quoted fields, line breaks and quotes inside them, a BOM, `;` with decimal commas. Both backends.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;
using Json = nlohmann::ordered_json;

class CatalogueCsvApi : public ShopFixture {
  protected:
    CatalogueCsvApi() {
        server.create_user("sam", "sam-password", sweetshop::domain::Role::Staff);
        staff = {{"Authorization", "Bearer " + server.access_token("sam", "sam-password")}};
    }
    HttpResponse import(const std::string& csv, const Headers& who, bool apply = false) {
        Headers headers = who;
        headers.emplace_back("Content-Type", "text/csv");
        return call("POST", std::string("/api/sweets/import/") + (apply ? "?apply=true" : ""), csv, headers);
    }
    /// "row action name [changes] {errors}" per line.
    static std::vector<std::string> summary(const Json& plan) {
        std::vector<std::string> out;
        for (const auto& l : plan["lines"]) {
            std::string text = std::to_string(l["row"].get<int>());
            text.append(" ").append(l["action"].get<std::string>()).append(" ").append(l["name"].get<std::string>());
            if (!l["changes"].empty()) text.append(" ").append(l["changes"].dump());
            if (!l["errors"].empty()) text.append(" ").append(l["errors"].dump());
            out.push_back(text);
        }
        return out;
    }
    Json sweets() { return server.get("/api/sweets/?ordering=name", admin).json(); }
    Headers staff;
};

TEST_F(CatalogueCsvApi, TheExportHasTheImportsColumnsAndCostsOnlyForTheOwner) {
    auto r = server.post("/api/sweets/",
                         R"({"name":"Mint \"Humbug\"","category":"Boiled","description":"Striped,\nand cool",)"
                         R"("price":"1.20","quantity":4,"sku":"MH-1","barcode":"4006381333931","reorder_level":2,)"
                         R"("cost":"0.50"})",
                         admin);
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_EQ(add_sweet("=Formula", "2.00", 1), 2);

    r = server.get("/api/exports/catalogue/", admin);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"catalogue.csv\"");
    EXPECT_EQ(r.body,
              "\"name\",\"category\",\"description\",\"price\",\"quantity\",\"sku\",\"barcode\",\"reorder_level\","
              "\"cost\"\r\n"
              "\"Mint \"\"Humbug\"\"\",\"Boiled\",\"Striped,\nand cool\",\"1.20\",\"4\",\"MH-1\",\"4006381333931\","
              "\"2\",\"0.50\"\r\n"
              "\"'=Formula\",\"Chocolate\",\"\",\"2.00\",\"1\",\"\",\"\",\"0\",\"\"\r\n");
    const auto staff_file = server.get("/api/exports/catalogue/", staff).body;
    EXPECT_EQ(staff_file.substr(0, staff_file.find("\r\n")),
              R"("name","category","description","price","quantity","sku","barcode","reorder_level")");
    EXPECT_EQ(server.get("/api/exports/catalogue/", user).status, 403);

    // The export imports back as it is: nothing to change (the formula's ' is taken off again).
    const auto plan = import(r.body, admin).json();
    EXPECT_EQ(summary(plan), (std::vector<std::string>{"2 unchanged Mint \"Humbug\"", "3 unchanged =Formula"}));
}

TEST_F(CatalogueCsvApi, ADryRunListsEveryRowAndChangesNothingThenTheFixedFileIsAppliedInOneTransaction) {
    ASSERT_EQ(add_sweet("Fudge", "3.00", 10), 1);
    ASSERT_EQ(call("PATCH", "/api/sweets/1/", R"({"sku":"FUD"})", admin).status, 200);
    ASSERT_EQ(add_sweet("Toffee", "1.00", 5, "Toffee"), 2);

    // A spreadsheet's export: a BOM, `;`, decimal commas, a quoted field with a line break and a doubled quote, a
    // blank line, headers in their own words.
    const std::string csv =
        "\xEF\xBB\xBF"
        "Name;Category;Description;Price;Quantity;SKU;Barcode;Reorder level\r\n"
        "Fudge Deluxe;Fudge;\"Rich; \"\"buttery\"\"\nfudge\";3,50;12;FUD;;3\r\n"  // FUD is Fudge: renamed
        "Toffee;Toffee;;1,00;5;;;\r\n"                                            // as it is
        "\r\n"
        "Crème Brûlée Bites;Pâtisserie;Vanilla;abc;20;CB-1;036000291453;\r\n"  // two mistakes
        "Gummy Bears;Gummies;;0,80;;GB-1;036000291452;\r\n";
    auto r = import(csv, admin);
    ASSERT_EQ(r.status, 200) << r.body;
    auto plan = r.json();
    EXPECT_EQ(plan["applied"], false);
    EXPECT_EQ(plan["delimiter"], ";");
    EXPECT_EQ(plan["rows"], 4);
    EXPECT_EQ(plan["create"], 1);
    EXPECT_EQ(plan["update"], 1);
    EXPECT_EQ(plan["unchanged"], 1);
    EXPECT_EQ(plan["refused"], 1);
    EXPECT_EQ(summary(plan),
              (std::vector<std::string>{
                  R"(2 update Fudge Deluxe ["name","category","description","price","quantity","reorder_level"])",
                  "3 unchanged Toffee",
                  "4 refused Crème Brûlée Bites "
                  R"({"price":["A valid number is required."],)"
                  R"("barcode":["This barcode's check digit should be 2, not 3: check the number."]})",
                  R"(5 create Gummy Bears ["name","category","price","sku","barcode"])"}));  // a blank line is no row
    EXPECT_EQ(plan["lines"][0]["sweet"], 1);
    EXPECT_TRUE(plan["lines"][3]["sweet"].is_null());
    const auto before = sweets().dump();

    // Applying a file with a refused row writes nothing and answers the plan.
    r = import(csv, admin, true);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json()["applied"], false);
    EXPECT_EQ(r.json()["refused"], 1);
    EXPECT_EQ(sweets().dump(), before);

    // Fixed, it is applied whole.
    std::string fixed = csv;
    fixed.replace(fixed.find("abc"), 3, "2,25");
    fixed.replace(fixed.find("036000291453"), 12, "036000291452");
    fixed.replace(fixed.rfind("036000291452"), 12, "");
    r = import(fixed, admin, true);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["applied"], true);
    EXPECT_EQ(r.json()["create"], 2);
    const auto list = sweets();
    ASSERT_EQ(list["count"], 4);
    const auto& creme = list["results"][0];
    EXPECT_EQ(creme["name"], "Crème Brûlée Bites");
    EXPECT_EQ(creme["price"], "2.25");
    EXPECT_EQ(creme["quantity"], 20);
    EXPECT_EQ(creme["barcode"], "0036000291452");
    const auto fudge = server.get("/api/sweets/1/", admin).json();
    EXPECT_EQ(fudge["name"], "Fudge Deluxe");
    EXPECT_EQ(fudge["description"], "Rich; \"buttery\"\nfudge");
    EXPECT_EQ(fudge["price"], "3.50");
    EXPECT_EQ(fudge["quantity"], 12);
    EXPECT_EQ(fudge["reorder_level"], 3);
    const auto gummies = list["results"][2];
    EXPECT_EQ(gummies["name"], "Gummy Bears");
    EXPECT_EQ(gummies["quantity"], 0);
    // Quantity changes are in the ledger (noted as the import's), which still agrees with the stock.
    const auto history = server.get("/api/sweets/1/history/", admin).json();
    EXPECT_EQ(history["results"][0]["reason"], "edit");
    EXPECT_EQ(history["results"][0]["note"], "CSV import");
    EXPECT_EQ(history["results"][0]["delta"], 2);
    EXPECT_EQ(server.get("/api/admin/stock/verify/", admin).json()["ok"], true);
    // And in the audit log, by who imported.
    const auto log = server.get("/api/audit/?action=sweet.&actor=boss", admin).json();
    EXPECT_GE(log["results"].size(), 3u);
    // The same file again changes nothing.
    EXPECT_EQ(import(fixed, admin).json()["unchanged"], 4);
}

TEST_F(CatalogueCsvApi, RowsAreCheckedAgainstEachOtherAndCostsAreTheOwners) {
    ASSERT_EQ(add_sweet("Fudge", "3.00", 10), 1);
    const std::string csv =
        "name,category,price,sku,cost\n"
        "Mint,Mints,1.00,M-1,0.30\n"
        "Mint,Mints,1.00,M-2,\n"
        "Lolly,Mints,1.00,M-1,\n"
        "\"Quoted, with comma\",\"Mints\",\"1.50\",,\n";
    auto plan = import(csv, admin).json();
    EXPECT_EQ(summary(plan), (std::vector<std::string>{R"(2 create Mint ["name","category","price","sku","cost"])",
                                                       R"(3 refused Mint {"name":["Row 2 has this name too."]})",
                                                       R"(4 refused Lolly {"sku":["Row 2 has this SKU too."]})",
                                                       R"(5 create Quoted, with comma ["name","category","price"])"}));
    // Staff may import, but not costs.
    plan = import(csv, staff).json();
    EXPECT_EQ(plan["lines"][0]["errors"], Json::parse(R"({"cost":["Only the owner can see and set costs."]})"));
    EXPECT_EQ(import(csv, user).status, 403);
    EXPECT_EQ(import(csv, {}).status, 401);
    // A row without its required fields.
    plan = import("name,category\nNew one,\n,Mints\n", admin).json();
    EXPECT_EQ(summary(plan),
              (std::vector<std::string>{
                  R"(2 refused New one {"category":["This field is required."],)"
                  R"("price":["This field is required."]})",
                  R"(3 refused  {"name":["This field is required."],"price":["This field is required."]})"}));
}

TEST_F(CatalogueCsvApi, AFileThatCannotBeReadIsRefusedWhole) {
    auto error = [&](const std::string& csv) {
        const auto r = import(csv, admin);
        EXPECT_EQ(r.status, 400) << r.body;
        return r.json()["csv"][0].get<std::string>();
    };
    EXPECT_EQ(error("name,colour\nMint,green\n"),
              "Unknown column \u201ccolour\u201d: the columns are name, category, description, price, quantity, "
              "sku, barcode, reorder_level, cost.");
    EXPECT_EQ(error("category,price\nMints,1.00\n"),
              "The file has no \u201cname\u201d column: the first row names the columns (name, category, "
              "description, price, quantity, sku, barcode, reorder_level, cost).");
    EXPECT_EQ(error("name,Name\nMint,Mint\n"), "The column \u201cname\u201d appears twice.");
    EXPECT_EQ(error("name,category\n\"Mint\"x,Mints\n"),
              "This is not a CSV file that can be read: row 2 has a quote in the wrong place (a field with quotes "
              "must be quoted whole, its quotes doubled).");
    EXPECT_EQ(error("name\n\"never closed\n"),
              "This is not a CSV file that can be read: row 2 has a quote in the wrong place (a field with quotes "
              "must be quoted whole, its quotes doubled).");
    EXPECT_EQ(error("name\n\xFF\xFE\n"), "The file is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\".");
    EXPECT_EQ(error(""), "The file is empty: its first row names the columns.");
    std::string many = "name,category,price\n";
    for (int i = 0; i < 5001; ++i)
        many.append("S").append(std::to_string(i)).append(",C,1\n");
    EXPECT_EQ(error(many), "At most 5000 rows are taken in one import: split the file.");
    EXPECT_EQ(call("POST", "/api/sweets/import/?apply=yes", "name\n", admin).json()["apply"][0],
              "Must be a valid boolean.");
}
