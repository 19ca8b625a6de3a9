#pragma once
// Absolute links (the API root, pagination): one origin for every link of an answer.
#include <string>

#include "http/message.hpp"
#include "http/routes.hpp"

namespace sweetshop::http {

/// "scheme://host" of the shop as the client sees it: Settings::public_url when set; else X-Forwarded-Proto and
/// X-Forwarded-Host when the request comes from a trusted proxy; else http:// and the Host header.
std::string public_origin(const Request& request, const Settings& settings);

/// True when `peer` is one of `addresses` (exact IP addresses; IPv4-mapped IPv6 peers match their IPv4 form).
bool peer_listed(const std::string& peer, const std::vector<std::string>& addresses);

}  // namespace sweetshop::http
