#include <gtest/gtest.h>

#include "http/routes.hpp"

using namespace sweetshop::http;

namespace {
Response ok(Context&) {
    return {};
}
const std::vector<Route> kRoutes = {
    {"GET", "/api/sweets/", Access::User, Pool::Database, ok, "", false, {}},
    {"POST", "/api/sweets/", Access::Admin, Pool::Database, ok, "", true, {}},
    {"GET", "/api/sweets/search/", Access::User, Pool::Database, ok, "", false, {}},
    {"GET", "/api/sweets/{id}/", Access::User, Pool::Database, ok, "", false, {}},
    {"DELETE", "/api/sweets/{id}/", Access::Admin, Pool::Database, ok, "", false, {}},
};
}  // namespace

TEST(Router, MatchesWithAndWithoutTrailingSlash) {
    EXPECT_EQ(match_route(kRoutes, "GET", "/api/sweets/").route, &kRoutes[0]);
    EXPECT_EQ(match_route(kRoutes, "GET", "/api/sweets").route, &kRoutes[0]);
}

TEST(Router, ExtractsNumericParameters) {
    auto m = match_route(kRoutes, "GET", "/api/sweets/42");
    ASSERT_EQ(m.route, &kRoutes[3]);
    EXPECT_EQ(m.params, (std::vector<std::pair<std::string, std::string>>{{"id", "42"}}));
    EXPECT_TRUE(match_route(kRoutes, "GET", "/api/sweets/abc/").allowed.empty());
}

TEST(Router, LiteralSegmentsWinOverParameters) {
    EXPECT_EQ(match_route(kRoutes, "GET", "/api/sweets/search/").route, &kRoutes[2]);
}

TEST(Router, ListsAllowedMethodsForAKnownPath) {
    auto m = match_route(kRoutes, "PUT", "/api/sweets/");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST", "HEAD", "OPTIONS"}));
    EXPECT_EQ(match_route(kRoutes, "PATCH", "/api/sweets/1/").allowed,
              (std::vector<std::string>{"GET", "DELETE", "HEAD", "OPTIONS"}));
}

TEST(Router, HeadMatchesGet) {
    EXPECT_EQ(match_route(kRoutes, "HEAD", "/api/sweets/").route, &kRoutes[0]);
}

TEST(Router, UnknownPathsMatchNothing) {
    for (const char* path : {"/", "/api", "/api/sweets/1/2/", "/api//sweets/", "/API/sweets/"}) {
        auto m = match_route(kRoutes, "GET", path);
        EXPECT_EQ(m.route, nullptr) << path;
        EXPECT_TRUE(m.allowed.empty()) << path;
    }
}

TEST(Router, TheApiTableHasNoDuplicateRoutes) {
    const auto& routes = api_routes();
    for (std::size_t i = 0; i < routes.size(); ++i)
        for (std::size_t j = i + 1; j < routes.size(); ++j)
            EXPECT_FALSE(routes[i].method == routes[j].method && routes[i].pattern == routes[j].pattern)
                << routes[i].method << " " << routes[i].pattern;
}
