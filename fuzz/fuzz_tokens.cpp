// Token verification: any bytes as an access or a refresh token; only a token signed with the key may pass.
#include <cstddef>
#include <cstdint>
#include <string>

#include "security/tokens.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sweetshop::security;
    static const TokenService tokens("fuzz-secret-key-0123456789abcdef0123", std::chrono::minutes(5),
                                     std::chrono::hours(1));
    const std::string token(reinterpret_cast<const char*>(data), size);
    (void)tokens.verify(token, TokenType::Access, 1'800'000'000);
    (void)tokens.verify(token, TokenType::Refresh, 1'800'000'000);
    return 0;
}
