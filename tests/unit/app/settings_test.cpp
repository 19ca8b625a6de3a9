// The settings table against docs/configuration.md and against the command line it builds.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/settings.hpp"
#include "common/text.hpp"

using namespace sweetshop::app;

namespace {
struct DocRow {
    std::string variable, flag, default_value, used_by;
};

/// The rows of the first table of docs/configuration.md (variable | flag | default | used by | meaning).
std::vector<DocRow> documented_rows() {
    std::ifstream in(SWEETSHOP_SOURCE_DIR "/docs/configuration.md");
    EXPECT_TRUE(in) << "docs/configuration.md not found";
    std::vector<DocRow> rows;
    std::string line;
    bool in_table = false;
    while (std::getline(in, line)) {
        if (line.starts_with("| variable | flag | default | used by |")) in_table = true;
        if (!in_table) continue;
        if (!line.starts_with("|")) break;
        if (!line.starts_with("| `")) continue;
        std::vector<std::string> cells;
        std::stringstream cells_in(line.substr(2));
        std::string cell;
        while (std::getline(cells_in, cell, '|'))
            cells.emplace_back(sweetshop::common::trim_ows(cell));
        rows.push_back({cells[0].substr(1, cells[0].size() - 2), cells[1], cells[2], cells[3]});
    }
    return rows;
}

/// `text`, as the docs quote a value.
std::string backticked(std::string_view text) {
    std::string out(1, '`');
    out.append(text);
    out.push_back('`');
    return out;
}

std::string default_cell(const Setting& s) {
    if (!s.default_text.empty()) return std::string(s.default_text);
    const auto value = s.shown(Config{});
    return value.empty() ? "empty" : backticked(value);
}
}  // namespace

TEST(Settings, TheDocumentedTableIsTheBinarysTable) {
    const auto rows = documented_rows();
    std::size_t row = 0;
    for (const auto& s : settings()) {
        // Rows the binary does not read (scripts' variables) may sit between them.
        while (row < rows.size() && rows[row].variable != s.variable &&
               rows[row].used_by.find('/') != std::string::npos)
            ++row;
        ASSERT_LT(row, rows.size()) << s.variable << " is not documented (or not in the table's order)";
        const auto& doc = rows[row++];
        EXPECT_EQ(doc.variable, s.variable);
        if (s.flag.empty()) {
            EXPECT_EQ(doc.flag, "(environment only)") << s.variable;
        } else {
            EXPECT_NE(doc.flag.find(backticked(s.flag)), std::string::npos) << s.variable;
            if (!s.alias.empty()) {
                EXPECT_NE(doc.flag.find(backticked(s.alias)), std::string::npos);
            }
        }
        EXPECT_EQ(doc.default_value, default_cell(s)) << s.variable;
        EXPECT_EQ(doc.used_by, command_names(s.commands)) << s.variable;
    }
    for (; row < rows.size(); ++row)  // after the last: only scripts' variables
        EXPECT_NE(rows[row].used_by.find('/'), std::string::npos) << rows[row].variable << " is not in settings.cpp";
}

TEST(Settings, EveryVariableAndFlagIsUnique) {
    std::set<std::string_view> variables;
    std::map<std::string_view, unsigned> flag_commands;
    for (const auto& s : settings()) {
        EXPECT_TRUE(variables.insert(s.variable).second) << s.variable;
        for (auto flag : {s.flag, s.alias}) {
            if (flag.empty()) continue;
            EXPECT_EQ(flag_commands[flag] & s.commands, 0u) << flag << " twice on one command";
            flag_commands[flag] |= s.commands;
        }
        EXPECT_NE(s.commands, 0u) << s.variable << " is used by no command";
    }
}

TEST(Settings, NamesTheCommands) {
    EXPECT_EQ(command_names(kDatabaseCommands), "all");
    EXPECT_EQ(command_names(kServe | kMetrics), "serve, metrics");
    EXPECT_EQ(command_names(kCreateAdmin), "create-admin");
}
