#pragma once
// A small blocking HTTP/1.1 client for the API tests: one connection per request, raw control over every byte.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sweetshop::testing {

struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;        ///< decoded from chunked transfer encoding when it came so
    std::size_t chunks = 0;  ///< how many chunks it came in (0: not chunked)

    std::optional<std::string> header(const std::string& name) const;
    nlohmann::ordered_json json() const { return nlohmann::ordered_json::parse(body); }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// Sends one request to 127.0.0.1:port. A body is sent with Content-Type: application/json unless `headers`
/// name a Content-Type (an empty value sends none).
HttpResponse http(std::uint16_t port, const std::string& method, const std::string& target,
                  const std::string& body = "", const Headers& headers = {});

/// Sends raw bytes and returns what the server answered (for requests a client library would not send).
std::string http_raw(std::uint16_t port, const std::string& bytes);

}  // namespace sweetshop::testing
