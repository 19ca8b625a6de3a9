#include <gtest/gtest.h>

#include <fstream>

#include "app/config.hpp"
#include "test_server.hpp"

using namespace sweetshop::app;

namespace {
EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        if (auto it = vars.find(name); it != vars.end()) return it->second;
        return std::nullopt;
    };
}

std::string error_of(const std::map<std::string, std::string>& flags, const std::map<std::string, std::string>& env) {
    try {
        load_config(flags, env_of(env));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(Config, DefaultsMatchTheContract) {
    auto c = load_config({}, env_of({}));
    EXPECT_EQ(c.port, 8000);
    EXPECT_EQ(c.database_url, "sqlite:///data/sweetshop.db");
    EXPECT_EQ(c.jwt_access_minutes, 60);
    EXPECT_EQ(c.jwt_refresh_days, 7);
    EXPECT_EQ(c.cors_origins, std::vector<std::string>{"http://localhost:5173"});
    EXPECT_EQ(c.max_body_bytes, 1u << 20);
    EXPECT_EQ(c.login_max_failures, 10);
    EXPECT_EQ(c.login_window_seconds, 900);
}

TEST(Config, FlagsOverrideEnvironmentOverrideDefaults) {
    auto c =
        load_config({{"SWEETSHOP_PORT", "9001"}}, env_of({{"SWEETSHOP_PORT", "9000"}, {"JWT_ACCESS_MINUTES", "5"}}));
    EXPECT_EQ(c.port, 9001);
    EXPECT_EQ(c.jwt_access_minutes, 5);
}

TEST(Config, DataDirMovesTheDefaultDatabase) {
    EXPECT_EQ(load_config({}, env_of({{"SWEETSHOP_DATA_DIR", "/var/lib/shop"}})).database_url,
              "sqlite:////var/lib/shop/sweetshop.db");
}

TEST(Config, ListsCorsOrigins) {
    auto c = load_config({}, env_of({{"CORS_ALLOWED_ORIGINS", "http://a.example, https://b.example"}}));
    EXPECT_EQ(c.cors_origins, (std::vector<std::string>{"http://a.example", "https://b.example"}));
}

TEST(Config, BadValuesNameTheSetting) {
    EXPECT_EQ(error_of({}, {{"SWEETSHOP_PORT", "eighty"}}),
              "SWEETSHOP_PORT (--port): expected a whole number, got \"eighty\"");
    EXPECT_EQ(error_of({{"SWEETSHOP_PORT", "70000"}}, {}),
              "SWEETSHOP_PORT (--port): must be between 0 and 65535, got 70000");
    EXPECT_EQ(error_of({}, {{"SWEETSHOP_LOG_LEVEL", "loud"}}),
              "SWEETSHOP_LOG_LEVEL (--log-level): must be one of trace, debug, info, warn, error, off, got \"loud\"");
    EXPECT_EQ(error_of({}, {{"JWT_ACCESS_MINUTES", "0"}}),
              "JWT_ACCESS_MINUTES (--jwt-access-minutes): must be between 1 and 525600, got 0");
    EXPECT_NE(error_of({}, {{"DATABASE_URL", "mysql://x"}}).find("DATABASE_URL (--database-url): unsupported"),
              std::string::npos);
    EXPECT_NE(error_of({}, {{"CORS_ALLOWED_ORIGINS", "localhost:5173"}}).find("CORS_ALLOWED_ORIGINS"),
              std::string::npos);
    EXPECT_NE(error_of({}, {{"SWEETSHOP_MAX_BODY_BYTES", "-1"}}).find("SWEETSHOP_MAX_BODY_BYTES"), std::string::npos);
    EXPECT_NE(error_of({}, {{"SWEETSHOP_ENV", "prod"}}).find("SWEETSHOP_ENV (--env)"), std::string::npos);
}

TEST(SecretKey, ProductionRequiresALongSecret) {
    Config c;
    c.env = "production";
    EXPECT_THROW(resolve_secret_key(c, env_of({})), ConfigError);
    EXPECT_THROW(resolve_secret_key(c, env_of({{"SWEETSHOP_SECRET_KEY", std::string(31, 'k')}})), ConfigError);
    resolve_secret_key(c, env_of({{"SWEETSHOP_SECRET_KEY", std::string(32, 'k')}}));
    EXPECT_EQ(c.secret_key, std::string(32, 'k'));
}

TEST(SecretKey, DevelopmentGeneratesOnceAndKeepsIt) {
    sweetshop::testing::TempDir dir;
    Config a;
    a.data_dir = dir.path().string();
    resolve_secret_key(a, env_of({}));
    EXPECT_EQ(a.secret_key.size(), 64u);
    Config b;
    b.data_dir = dir.path().string();
    resolve_secret_key(b, env_of({}));
    EXPECT_EQ(a.secret_key, b.secret_key);
    const auto perms = std::filesystem::status(dir.path() / "secret_key").permissions();
    EXPECT_EQ(perms & std::filesystem::perms::group_read, std::filesystem::perms::none);
}

TEST(Config, RobustnessSettingsHaveDefaultsAndBounds) {
    auto c = load_config({}, env_of({}));
    EXPECT_EQ(c.max_connections, 256u);
    EXPECT_EQ(c.header_timeout_seconds, 10);
    EXPECT_EQ(c.min_body_rate, 64u * 1024);
    EXPECT_EQ(c.idempotency_max_keys, 10000);
    EXPECT_TRUE(c.public_url.empty());
    EXPECT_TRUE(c.trusted_proxies.empty());
    c = load_config({{"SWEETSHOP_MAX_CONNECTIONS", "32"}},
                    env_of({{"SWEETSHOP_TRUSTED_PROXIES", "127.0.0.1, ::1"},
                            {"SWEETSHOP_METRICS_ALLOW", "10.0.0.9"},
                            {"SWEETSHOP_METRICS_TOKEN", "scrape"},
                            {"SWEETSHOP_PUBLIC_URL", "https://shop.example.com/"}}));
    EXPECT_EQ(c.max_connections, 32u);
    EXPECT_EQ(c.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
    EXPECT_EQ(c.metrics_allow, std::vector<std::string>{"10.0.0.9"});
    EXPECT_EQ(c.metrics_token, "scrape");
    EXPECT_EQ(c.public_url, "https://shop.example.com");  // the trailing slash dropped
    EXPECT_EQ(error_of({{"SWEETSHOP_MAX_CONNECTIONS", "0"}}, {}),
              "SWEETSHOP_MAX_CONNECTIONS (--max-connections): must be between 1 and 1000000, got 0");
    EXPECT_EQ(error_of({}, {{"SWEETSHOP_PUBLIC_URL", "https://shop.example.com/shop"}}),
              "SWEETSHOP_PUBLIC_URL (--public-url): expected the shop's origin, such as https://shop.example.com (no "
              "path), got \"https://shop.example.com/shop\"");
    EXPECT_NE(error_of({}, {{"SWEETSHOP_PUBLIC_URL", "shop.example.com"}}), "");
}

TEST(Config, ProductionRefusesCorsStar) {
    EXPECT_EQ(error_of({}, {{"SWEETSHOP_ENV", "production"}, {"CORS_ALLOWED_ORIGINS", "https://shop.example, *"}}),
              "CORS_ALLOWED_ORIGINS (--cors-allowed-origins): \"*\" is refused with SWEETSHOP_ENV=production: every "
              "origin would get credentialed access; list the web app's origins instead");
    EXPECT_EQ(error_of({}, {{"CORS_ALLOWED_ORIGINS", "*"}}), "");  // development allows it
    EXPECT_EQ(error_of({}, {{"SWEETSHOP_ENV", "production"}, {"CORS_ALLOWED_ORIGINS", "https://shop.example"}}), "");
}

TEST(Config, TheShopsCurrencyAndLocaleAreOnesIcuKnows) {
    auto c = load_config({}, env_of({}));
    EXPECT_EQ(c.currency, "USD");
    EXPECT_EQ(c.locale, "en-US");
    c = load_config({}, env_of({{"SWEETSHOP_CURRENCY", "EUR"}, {"SWEETSHOP_LOCALE", "de-DE"}}));
    EXPECT_EQ(c.currency, "EUR");
    EXPECT_EQ(c.locale, "de-DE");
    EXPECT_EQ(load_config({}, env_of({{"SWEETSHOP_LOCALE", "en-GB"}})).locale, "en-GB");
    for (const char* bad : {"usd", "US", "DOLLAR", "XYZ"})
        EXPECT_EQ(error_of({}, {{"SWEETSHOP_CURRENCY", bad}}),
                  "SWEETSHOP_CURRENCY (--currency): expected an ISO 4217 currency code such as USD, EUR or GBP")
            << bad;
    for (const char* bad : {"english", "zz-ZZ", "12"})
        EXPECT_EQ(error_of({}, {{"SWEETSHOP_LOCALE", bad}}),
                  "SWEETSHOP_LOCALE (--locale): expected a BCP 47 locale such as en-US, en-GB or de-DE")
            << bad;
}
