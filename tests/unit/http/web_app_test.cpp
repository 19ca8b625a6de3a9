// Serving the web app's build: content types, cache lifetimes, client routes, and nothing outside the build.
#include "http/web_app.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace sweetshop::http;

namespace {
const std::array<sweetshop::web::Asset, 5> kBuild{{
    {"assets/index-AbC123.js", "console.log(1)"},
    {"assets/index-AbC123.js.gz", "GZIPPED"},
    {"assets/index-AbC123.css", "body{}"},
    {"favicon.svg", "<svg/>"},
    {"index.html", "<!doctype html><title>Sweet Shop</title>"},
}};

std::optional<Response> get(const WebApp& web, std::string path, std::string accept_encoding = "",
                            std::string accept = "") {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    if (!accept_encoding.empty()) r.headers.emplace_back("Accept-Encoding", std::move(accept_encoding));
    if (!accept.empty()) r.headers.emplace_back("Accept", std::move(accept));
    return web.serve(r);
}

/// What Chromium sends when it navigates.
const std::string kBrowser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";
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
        auto r = get(web, p, "", kBrowser);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->body, kBuild[4].data) << path;
        EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
        EXPECT_EQ(r->find_header("Cache-Control"), "no-cache");
        EXPECT_TRUE(r->find_header("Content-Security-Policy").has_value());
    }
}

TEST(WebApp, OnlyABrowserNavigatingGetsTheAppForAnUnknownPath) {
    const WebApp web(kBuild);
    for (const char* path : {"/login", "/admin/", "/nope.js", "/img/logo.png", "/assets/gone-123.js"}) {
        EXPECT_FALSE(get(web, path)) << path;  // curl, fetch(): the JSON 404
        EXPECT_FALSE(get(web, path, "", "application/json")) << path;
        EXPECT_FALSE(get(web, path, "", "text/html;q=0, */*")) << path;
        EXPECT_FALSE(get(web, path, "", "text/html;level=1;q=0.0")) << path;
        auto page = get(web, path, "", kBrowser);  // the app shows its "page not found"
        ASSERT_TRUE(page) << path;
        EXPECT_EQ(page->body, kBuild[4].data) << path;
        EXPECT_EQ(page->find_header("Vary"), "Accept") << path;
        EXPECT_TRUE(get(web, path, "", "TEXT/HTML; q=0.5")) << path;
    }
    EXPECT_FALSE(get(web, "/api/nope/", "", kBrowser));                 // the API keeps its JSON 404
    EXPECT_FALSE(get(web, "/../etc/passwd", "", kBrowser));             // so does a path that can name no file
    EXPECT_EQ(get(web, "/favicon.svg", "", kBrowser)->body, "<svg/>");  // files are files
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
    EXPECT_FALSE(get(web, "/login", "", kBrowser));
}

TEST(WebApp, ContentTypesByExtension) {
    EXPECT_EQ(web_content_type("a.woff2"), "font/woff2");
    EXPECT_EQ(web_content_type("site.webmanifest"), "application/manifest+json");
    EXPECT_EQ(web_content_type("x.png"), "image/png");
    EXPECT_EQ(web_content_type("blob"), "application/octet-stream");
}

TEST(WebApp, SendsTheGzipVariantToClientsThatAcceptIt) {
    const WebApp web(kBuild);
    for (const char* accept :
         {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "deflate, GZIP", "deflate,\tgzip"}) {
        auto r = get(web, "/assets/index-AbC123.js", accept);
        ASSERT_TRUE(r) << accept;
        EXPECT_EQ(r->body, "GZIPPED") << accept;
        EXPECT_EQ(r->find_header("Content-Encoding"), "gzip") << accept;
        EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
        EXPECT_EQ(r->find_header("Vary"), "Accept-Encoding");
    }
    for (const char* accept : {"", "br", "gzip;q=0", "gzip; q=0.000", "identity"}) {
        auto r = get(web, "/assets/index-AbC123.js", accept);
        ASSERT_TRUE(r) << accept;
        EXPECT_EQ(r->body, "console.log(1)") << accept;
        EXPECT_FALSE(r->find_header("Content-Encoding")) << accept;
        EXPECT_EQ(r->find_header("Vary"), "Accept-Encoding");
    }
    auto css = get(web, "/assets/index-AbC123.css", "gzip");  // no .gz beside it
    ASSERT_TRUE(css);
    EXPECT_EQ(css->body, "body{}");
    EXPECT_FALSE(css->find_header("Vary"));
}

TEST(WebApp, PrefersBrotliWhereTheBuildHasIt) {
    const std::array<sweetshop::web::Asset, 3> build{{
        {"assets/app-X1.js", "console.log(1)"},
        {"assets/app-X1.js.gz", "GZIPPED"},
        {"assets/app-X1.js.br", "BROTLI"},
    }};
    const WebApp web(build);
    for (const char* accept : {"gzip, deflate, br, zstd", "br", "br;q=0.5, gzip"}) {
        auto r = get(web, "/assets/app-X1.js", accept);
        ASSERT_TRUE(r) << accept;
        EXPECT_EQ(r->body, "BROTLI") << accept;
        EXPECT_EQ(r->find_header("Content-Encoding"), "br") << accept;
        EXPECT_EQ(r->find_header("Vary"), "Accept-Encoding");
    }
    for (const char* accept : {"gzip", "br;q=0, gzip", "*"}) {
        auto r = get(web, "/assets/app-X1.js", accept);
        ASSERT_TRUE(r) << accept;
        EXPECT_EQ(r->body, "GZIPPED") << accept;
        EXPECT_EQ(r->find_header("Content-Encoding"), "gzip") << accept;
    }
    auto plain = get(web, "/assets/app-X1.js", "identity");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->body, "console.log(1)");
    EXPECT_FALSE(plain->find_header("Content-Encoding"));
    EXPECT_EQ(plain->find_header("Vary"), "Accept-Encoding");
}
