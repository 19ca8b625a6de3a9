#pragma once
// Builds JWTs by hand (any header, any claims, HS256/HS512 or none) to test what the server refuses.
#include <nlohmann/json.hpp>

#include <string>

namespace sweetshop::testing {

std::string base64url(const std::string& bytes);
std::string base64url_decode(const std::string& text);
/// `alg` is "HS256", "HS512" or "none" (no signature).
std::string forge_jwt(const nlohmann::json& header, const nlohmann::json& claims, const std::string& key);

}  // namespace sweetshop::testing
