// Query strings and list parameters: percent-decoding, the parameter list, the listing rules and the cache key.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/catalogue.hpp"
#include "domain/error.hpp"
#include "http/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sweetshop;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    http::Request request;
    request.query = http::parse_query(text);
    (void)http::percent_decode(text, false);
    for (const auto& [name, value] : request.query)
        (void)http::percent_encode(value);
    auto get = [&](std::string_view name) { return std::string(request.query_value(name).value_or("")); };
    domain::ListingParams params{get("name"),     get("category"),  get("min_price"), get("max_price"),
                                 get("ordering"), get("page_size"), get("page")};
    try {
        const auto listing = domain::parse_listing(params);
        (void)domain::canonical_key(listing);
    } catch (const domain::Error&) {
        // a refusal is an answer
    }
    return 0;
}
