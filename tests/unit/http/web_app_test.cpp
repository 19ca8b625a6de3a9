// Serving the web app's build: content types, cache lifetimes, client routes, and nothing outside the build.
#include "http/web_app.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace sweetshop::http;

namespace {
const std::array<sweetshop::web::Asset, 4> kBuild{{
    {"assets/index-AbC123.js", "console.log(1)"},
    {"assets/index-AbC123.css", "body{}"},
    {"favicon.svg", "<svg/>"},
    {"index.html", "<!doctype html><title>Sweet Shop</title>"},
}};

std::optional<Response> get(const WebApp& web, std::string path) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    return web.serve(r);
}
}  // namespace

TEST(WebApp, ServesFilesWithTheirTypesAndCacheLifetimes) {
    const WebApp web(kBuild);
    auto js = get(web, "/assets/index-AbC123.js");
    ASSERT_TRUE(js);
    EXPECT_EQ(js->body, "console.log(1)");
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(js->find_header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(js->find_header("X-Content-Type-Options"), "nosniff");
    auto css = get(web, "/assets/index-AbC123.css");
    ASSERT_TRUE(css);
    EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
    auto icon = get(web, "/favicon.svg");
    ASSERT_TRUE(icon);
    EXPECT_EQ(icon->content_type, "image/svg+xml");
    EXPECT_EQ(icon->find_header("Cache-Control"), "public, max-age=3600");
}

TEST(WebApp, RootAndClientRoutesGetIndexRevalidatedEachTime) {
    const WebApp web(kBuild);
    for (const char* path : {"/", "/index.html", "/login", "/admin/", "/sweets/12", "/dashboard?x=1"}) {
        std::string p = path;
        p = p.substr(0, p.find('?'));
        auto r = get(web, p);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->body, kBuild[3].data) << path;
        EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
        EXPECT_EQ(r->find_header("Cache-Control"), "no-cache");
        EXPECT_TRUE(r->find_header("Content-Security-Policy").has_value());
    }
}

TEST(WebApp, MissingFilesAndApiPathsAreNotServed) {
    const WebApp web(kBuild);
    for (const char* path : {"/assets/gone-123.js", "/assets/", "/robots.txt", "/img/logo.png", "/api", "/api/",
                             "/api/nope/", "/api/sweets/"})
        EXPECT_FALSE(get(web, path)) << path;
}

TEST(WebApp, NothingOutsideTheBuildIsReachable) {
    const WebApp web(kBuild);
    for (const char* path :
         {"/../etc/passwd", "/assets/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd",
          "/assets/%2e%2e%2findex.html", "/..%2f..%2fetc%2fpasswd", "/%252e%252e/etc/passwd", "/.env", "/.git/config",
          "/./index.html", "/assets\\..\\index.html", "/assets%5c..%5cindex.html", "/index.html%00.js", "//etc/passwd",
          "/a//b", "/%zz", "relative"})
        EXPECT_FALSE(get(web, path)) << path;
}

TEST(WebApp, AnEmptyBuildServesNothing) {
    const WebApp web({});
    EXPECT_TRUE(web.empty());
    EXPECT_FALSE(get(web, "/"));
    EXPECT_FALSE(get(web, "/login"));
}

TEST(WebApp, ContentTypesByExtension) {
    EXPECT_EQ(web_content_type("a.woff2"), "font/woff2");
    EXPECT_EQ(web_content_type("site.webmanifest"), "application/manifest+json");
    EXPECT_EQ(web_content_type("x.png"), "image/png");
    EXPECT_EQ(web_content_type("blob"), "application/octet-stream");
}
