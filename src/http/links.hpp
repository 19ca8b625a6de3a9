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

/// The client's address: the peer's, or behind a trusted proxy (SWEETSHOP_TRUSTED_PROXIES) the rightmost address of
/// X-Forwarded-For that is not itself a trusted proxy (the ones left of it could be written by the client).
std::string client_address(const Request& request, const Settings& settings);

}  // namespace sweetshop::http
