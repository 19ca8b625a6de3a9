#pragma once
// The http layer's own request and response values. Handlers see only these, never RESTinio.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text.hpp"

namespace sweetshop::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;                                      ///< upper case, e.g. "GET"
    std::string path;                                        ///< raw path, without the query
    std::vector<std::pair<std::string, std::string>> query;  ///< decoded, in order
    HeaderList headers;
    std::string body;
    std::vector<std::pair<std::string, std::string>> params;  ///< path parameters, filled by the router
    std::string peer;                                         ///< the client's IP address (the proxy's, behind one)

    /// Case-insensitive header lookup (the first occurrence).
    std::optional<std::string_view> header(std::string_view name) const;
    /// The last value of a query parameter, as DRF's QueryDict does.
    std::optional<std::string_view> query_value(std::string_view name) const;
    std::string_view param(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";  ///< empty: no Content-Type header (a 204)
    HeaderList headers;
    std::string route;  ///< the matched route pattern, for logs and metrics ("-" when none matched)
    /// The durability ticket of the change this answer reports (0: none): it leaves once that change is on disk.
    std::uint64_t sync_ticket = 0;
    /// A body made part by part (an export of any size), sent with chunked transfer encoding after `body`: each call
    /// appends the next part to `out` and returns false once it has appended the last. The server calls it on a
    /// database worker, the next time only after the previous part was written to the socket, so one part is in
    /// memory at a time however long the body. It may throw: the answer then ends where it got to.
    std::function<bool(std::string& out)> stream = {};

    Response& header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    std::optional<std::string_view> find_header(std::string_view name) const;
};

/// The standard reason phrase of a status ("Not Found"), "Unknown" for one this server does not use.
const char* reason_phrase(int status);
bool iequals(std::string_view a, std::string_view b);
using common::percent_decode;
using common::trim_ows;
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);
/// Percent-encodes a query component.
std::string percent_encode(std::string_view in);

}  // namespace sweetshop::http
