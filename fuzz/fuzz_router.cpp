// The router: any method and path against the API's route table; a match names a route of the table.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/routes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sweetshop::http;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // "METHOD path": the first space splits them.
    const auto space = text.find(' ');
    const auto method = space == std::string_view::npos ? std::string_view("GET") : text.substr(0, space);
    const auto path = space == std::string_view::npos ? text : text.substr(space + 1);
    for (const auto* table : {&api_routes(), &metrics_routes()}) {
        auto match = match_route(*table, method, path);
        if (match.route && (match.route < table->data() || match.route >= table->data() + table->size()))
            __builtin_trap();
    }
    return 0;
}
