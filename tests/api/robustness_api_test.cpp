// Attacks a stranger can send, over real HTTP: each is answered correctly, stores nothing it should not, and the
// server goes on serving everybody else (issue: robustness and security).
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "jwt_forge.hpp"
#include "shop_fixture.hpp"

using namespace sweetshop::testing;

namespace {
/// One raw connection to the server under test, closed on destruction.
class Socket {
  public:
    explicit Socket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~Socket() {
        if (fd_ >= 0) ::close(fd_);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    bool connected() const { return connected_; }
    /// False when the server closed the connection meanwhile.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }
    /// True when the server has closed the connection (or reset it) within `wait`.
    bool closed_within(std::chrono::milliseconds wait) {
        const auto deadline = std::chrono::steady_clock::now() + wait;
        char buf[4096];
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            const auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) return true;
            received_.append(buf, static_cast<std::size_t>(n));
        }
        return false;
    }
    /// True when some answer arrived within `wait`.
    bool answered_within(std::chrono::milliseconds wait) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
        char buf[4096];
        const auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n > 0) received_.append(buf, static_cast<std::size_t>(n));
        return n > 0;
    }
    const std::string& received() const { return received_; }

  private:
    int fd_;
    bool connected_ = false;
    std::string received_;
};

std::size_t resident_bytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
    return 0;
}

std::string post_head(const std::string& path, std::size_t length) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(length) + "\r\n\r\n";
}

std::int64_t count_rows(sweetshop::app::App& app, const std::string& table) {
    return app.database().read([&](soci::session& sql) {
        long long n = 0;
        sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
        return static_cast<std::int64_t>(n);
    });
}

/// Failed-login rows kept per username (`by_address` false) or per client address.
std::int64_t failure_rows(sweetshop::app::App& app, bool by_address) {
    return count_rows(app,
                      std::string("login_failures WHERE username ") + (by_address ? "" : "NOT ") + "LIKE 'address %'");
}

const std::string kNesting = R"({"detail":"JSON parse error - nesting is deeper than 64 levels"})";
}  // namespace

class Robustness : public ShopFixture {};

TEST_F(Robustness, DeeplyNestedBodiesAreParseErrorsAndTheServerStaysUp) {
    const std::string hundred_thousand = std::string(100000, '[') + std::string(100000, ']');
    const std::string million_unclosed(1000000, '[');
    for (const char* path : {"/api/auth/login/", "/api/auth/register/", "/api/auth/token/refresh/"}) {
        for (const auto* body : {&hundred_thousand, &million_unclosed}) {
            auto r = server.post(path, *body);
            EXPECT_EQ(r.status, 400) << path;
            EXPECT_EQ(r.body, kNesting) << path;
        }
        std::string objects;
        for (int i = 0; i < 100000; ++i)
            objects += R"({"a":)";
        EXPECT_EQ(server.post(path, objects).body, kNesting) << path;
    }
    EXPECT_EQ(server.get("/api/health/").status, 200);
    EXPECT_EQ(server.get("/api/sweets/", user).status, 200);
}

TEST_F(Robustness, NumbersPastDoubleAreFieldErrors) {
    auto r = server.post("/api/sweets/", R"({"name":"Big","category":"Toffee","price":1e400})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body.rfind(R"({"price":[")", 0), 0u) << r.body;
    const auto id = add_sweet("Mint", "1.50", 10);
    r = server.post("/api/sweets/" + std::to_string(id) + "/purchase/", R"({"amount":1e400})", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"amount":["A valid integer is required."]})");
    r = server.post("/api/sweets/" + std::to_string(id) + "/purchase/", R"({"amount":-1e400})", user);
    EXPECT_EQ(r.body, R"({"amount":["A valid integer is required."]})");
    // Past even long double: the parser's own overflow message, still a 400.
    r = server.post("/api/auth/login/", "{\"username\":1e99999}");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json()["detail"].get<std::string>().rfind("JSON parse error - number overflow", 0), 0u) << r.body;
    EXPECT_EQ(server.get("/api/sweets/" + std::to_string(id) + "/", user).json()["quantity"], 10);
}

TEST_F(Robustness, HugeLoginUsernamesStoreNothing) {
    const auto failures_before = failure_rows(server.app(), false);
    const auto address_failures_before = failure_rows(server.app(), true);
    const std::string huge(900 * 1024, 'a');
    for (int i = 0; i < 20; ++i) {
        auto r = server.post("/api/auth/login/", body({{"username", huge + std::to_string(i)}, {"password", "x"}}));
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(r.body, R"({"detail":"No active account found with the given credentials"})");
    }
    EXPECT_EQ(failure_rows(server.app(), false), failures_before);
    EXPECT_EQ(failure_rows(server.app(), true), address_failures_before);
    // A name of the longest valid length is still counted (it could be an account), and so is the address.
    server.post("/api/auth/login/", body({{"username", std::string(150, 'z')}, {"password", "x"}}));
    EXPECT_EQ(failure_rows(server.app(), false), failures_before + 1);
    EXPECT_EQ(failure_rows(server.app(), true), address_failures_before + 1);
}

TEST_F(Robustness, ManyFloatKeysAreReadInLinearTimeWhileOthersLogIn) {
    std::string big = "{";
    for (int i = 0; i < 75000; ++i)
        big += "\"k" + std::to_string(i) + "\":0.5,";
    big += R"("password":"x"})";
    ASSERT_LT(big.size(), 1u << 20);
    HttpResponse attack, normal;
    std::thread attacker([&] { attack = server.post("/api/auth/login/", big); });
    std::thread customer([&] {
        normal = server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "ann-password"}}));
    });
    attacker.join();
    customer.join();
    EXPECT_EQ(attack.status, 400);
    EXPECT_EQ(attack.body, R"({"username":["This field is required."]})");
    EXPECT_EQ(normal.status, 200) << normal.body;
}

TEST_F(Robustness, SlowLargeBodiesHoldNoMoreThanTheDocumentedBound) {
    // The bound of docs/configuration.md: per connection, the body limit plus 64 KiB (RESTinio's limit) and its
    // buffers. 30 connections each declare a body (every other one 9 MiB, past the limit), send all of it but the
    // last byte, and wait. A declared body past the limit is not read at all: the connection is closed at once.
    const std::size_t limit = 1u << 20;
    const std::size_t before = resident_bytes();
    std::vector<std::unique_ptr<Socket>> slow;
    const std::string chunk(64 * 1024, ' ');
    int refused = 0;
    for (int i = 0; i < 30; ++i) {
        auto s = std::make_unique<Socket>(server.port());
        ASSERT_TRUE(s->connected());
        const std::size_t declared = i % 2 ? 9 * limit : limit;
        bool open = s->send(post_head("/api/auth/login/", declared));
        for (std::size_t sent = 0; open && sent + chunk.size() < declared; sent += chunk.size())
            open = s->send(chunk);
        if (declared > limit) refused += s->closed_within(std::chrono::seconds(10)) ? 1 : 0;
        slow.push_back(std::move(s));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the server read what was sent
    const std::size_t during = resident_bytes();
    const std::size_t bound = 30 * (limit + 64 * 1024 + 16 * 1024);
    EXPECT_LT(during - std::min(during, before), bound + (8u << 20))
        << "resident before " << before << ", during " << during;
    EXPECT_EQ(refused, 15);
    // Others are served meanwhile.
    EXPECT_EQ(server.get("/api/health/").status, 200);
    EXPECT_EQ(server.get("/api/sweets/", user).status, 200);
}

TEST_F(Robustness, ACraftedQueryCannotTakeAnotherQuerysCacheEntry) {
    add_sweet("Dear", "3.00", 1, "chocolate");
    add_sweet("Cheap", "1.00", 1, "chocolate");
    // Decoded, this is one parameter: category = "chocolate\x1fordering=price", which matches nothing.
    auto crafted = server.get("/api/sweets/?category=chocolate%1Fordering=price", user);
    EXPECT_EQ(crafted.status, 200);
    EXPECT_EQ(crafted.json()["count"], 0);
    auto real = server.get("/api/sweets/?category=chocolate&ordering=price", user);
    EXPECT_EQ(real.json()["count"], 2);
    EXPECT_EQ(real.json()["results"][0]["name"], "Cheap");
    // The same query written differently (percent-encoded letters) shares the answer, as it should.
    auto encoded = server.get("/api/sweets/?%63ategory=chocolate&ordering=pric%65", user);
    EXPECT_EQ(encoded.body, real.body);
}

TEST_F(Robustness, OrderingTakesAtMostFiveDistinctTerms) {
    std::string many;
    for (int i = 0; i < 2000; ++i) {
        if (i) many += ',';
        many += i % 2 ? "-price" : "name";
    }
    auto r = server.get("/api/sweets/?ordering=" + many, user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"ordering":["Ensure there are no more than 5 ordering fields."]})");
    r = server.get("/api/sweets/?ordering=price,-price", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"ordering":["Ordering field \"price\" appears more than once."]})");
    EXPECT_EQ(server.get("/api/sweets/?ordering=name,-price,quantity,created_at,-updated_at", user).status, 200);
}

TEST_F(Robustness, NulInQueriesAndBodiesIsRefusedNotTruncated) {
    add_sweet("Mint", "1.00", 1);
    auto r = server.get("/api/sweets/?name=Mi%00xyz", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"name":["Null characters are not allowed."]})");
    r = server.get("/api/sweets/search/?category=Choc%00&min_price=1%00", user);
    EXPECT_EQ(r.body,
              R"({"category":["Null characters are not allowed."],"min_price":["Null characters are not allowed."]})");
    r = server.post("/api/sweets/", R"({"name":"Mi\u0000nt","category":"Toffee","price":"1.00"})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"name":["Null characters are not allowed."]})");
    r = server.post("/api/auth/register/", R"({"username":"eve\u0000","password":"long-enough-1"})");
    EXPECT_EQ(r.body, R"({"username":["Null characters are not allowed."]})");
}

TEST_F(Robustness, IdempotencyKeysPerUserAreCapped) {
    TestServer capped([](sweetshop::app::Config& c) { c.idempotency_max_keys = 3; });
    capped.create_user("cat", "cat-password");
    const Headers cat = {{"Authorization", "Bearer " + capped.access_token("cat", "cat-password")}};
    capped.create_user("dan", "dan-password");
    const Headers dan = {{"Authorization", "Bearer " + capped.access_token("dan", "dan-password")}};
    capped.app().users().set_role("dan", sweetshop::domain::Role::Owner);
    auto created = capped.post(
        "/api/sweets/", body({{"name", "Mint"}, {"category", "Mints"}, {"price", "1.00"}, {"quantity", 100}}), dan);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string purchase = "/api/sweets/" + std::to_string(created.json()["id"].get<int>()) + "/purchase/";
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(
            capped.post(purchase, R"({"amount":1})", with(cat, "Idempotency-Key", "k" + std::to_string(i))).status,
            200);
    auto refused = capped.post(purchase, R"({"amount":1})", with(cat, "Idempotency-Key", "k3"));
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(refused.body,
              R"({"detail":"Too many Idempotency-Keys in the last 24 hours; send the request without one, or try )"
              R"(again later."})");
    ASSERT_TRUE(refused.header("Retry-After"));
    EXPECT_GT(std::stoll(*refused.header("Retry-After")), 86000);
    // A kept key still replays; requests without a key and other users are not affected.
    auto replay = capped.post(purchase, R"({"amount":1})", with(cat, "Idempotency-Key", "k0"));
    EXPECT_EQ(replay.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(capped.post(purchase, R"({"amount":1})", cat).status, 200);
    EXPECT_EQ(capped.post(purchase, R"({"amount":1})", with(dan, "Idempotency-Key", "k3")).status, 200);
    EXPECT_EQ(count_rows(capped.app(), "idempotency_keys"), 4);
}

TEST(RobustnessThrottle, ConcurrentWrongLoginsGiveExactlyTheLimitOf401s) {
    TestServer a([](sweetshop::app::Config& c) { c.hash_threads = 4; });
    // A second instance on the same database (the same SQLite file, or the same PostgreSQL schema).
    TestServer b([&](sweetshop::app::Config& c) {
        c.hash_threads = 4;
        c.database_url = a.app().config().database_url;
    });
    a.create_user("zoe", "zoe-password");
    std::atomic<int> unauthorized{0}, throttled{0}, other{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 40; ++i)
        clients.emplace_back([&, i] {
            auto& s = i % 2 ? a : b;
            auto r = s.post("/api/auth/login/", body({{"username", "zoe"}, {"password", "wrong-password"}}));
            (r.status == 401 ? unauthorized : r.status == 429 ? throttled : other)++;
        });
    for (auto& t : clients)
        t.join();
    EXPECT_EQ(unauthorized.load(), 10);
    EXPECT_EQ(throttled.load(), 30);
    EXPECT_EQ(other.load(), 0);
    // Even the right password waits now, on either instance; other usernames are not affected.
    EXPECT_EQ(a.post("/api/auth/login/", body({{"username", "zoe"}, {"password", "zoe-password"}})).status, 429);
    EXPECT_EQ(b.post("/api/auth/login/", body({{"username", "zoe"}, {"password", "zoe-password"}})).status, 429);
    EXPECT_LE(failure_rows(a.app(), false), 10);
    EXPECT_EQ(failure_rows(a.app(), true), 10);  // the address's failures: the throttled attempts count once
}

// Many usernames from one address: after SWEETSHOP_LOGIN_MAX_FAILURES_PER_ADDRESS failures within the window that
// address waits, whatever the username; another address does not. Behind a trusted proxy the address is the
// rightmost X-Forwarded-For one that is not a proxy; from anyone else the header is ignored.
TEST(RobustnessThrottle, ManyUsernamesFromOneAddressAreSlowed) {
    TestServer server([](sweetshop::app::Config& c) {
        c.login_max_failures_per_address = 5;
        c.trusted_proxies = {"127.0.0.1", "::ffff:127.0.0.1", "10.0.0.9"};
    });
    server.create_user("zoe", "zoe-password");
    auto from = [](const std::string& forwarded) { return Headers{{"X-Forwarded-For", forwarded}}; };
    for (int i = 0; i < 5; ++i) {
        const auto r =
            server.post("/api/auth/login/", body({{"username", "guess" + std::to_string(i)}, {"password", "x"}}),
                        from("203.0.113.7"));
        EXPECT_EQ(r.status, 401) << i;
    }
    auto r =
        server.post("/api/auth/login/", body({{"username", "zoe"}, {"password", "zoe-password"}}), from("203.0.113.7"));
    EXPECT_EQ(r.status, 429);  // even the right password, from this address
    EXPECT_EQ(r.body, R"({"detail":"Too many failed login attempts. Try again later."})");
    EXPECT_TRUE(r.header("Retry-After").has_value());
    // A client that writes its own X-Forwarded-For before the proxy's cannot pick another address.
    r = server.post("/api/auth/login/", body({{"username", "zoe"}, {"password", "zoe-password"}}),
                    from("198.51.100.1, 203.0.113.7"));
    EXPECT_EQ(r.status, 429);
    // Another address (through two trusted proxies) signs in.
    r = server.post("/api/auth/login/", body({{"username", "zoe"}, {"password", "zoe-password"}}),
                    from("198.51.100.1, 10.0.0.9"));
    EXPECT_EQ(r.status, 200) << r.body;
    // A success forgets only its own attempt: the address's failures stay counted.
    EXPECT_EQ(failure_rows(server.app(), true), 5);
}

TEST(RobustnessThrottle, AForwardedForFromAnUntrustedPeerIsIgnored) {
    TestServer server([](sweetshop::app::Config& c) { c.login_max_failures_per_address = 2; });
    for (int i = 0; i < 2; ++i)
        server.post("/api/auth/login/", body({{"username", "u" + std::to_string(i)}, {"password", "x"}}),
                    Headers{{"X-Forwarded-For", "192.0.2." + std::to_string(i)}});
    const auto r = server.post("/api/auth/login/", body({{"username", "u9"}, {"password", "x"}}),
                               Headers{{"X-Forwarded-For", "192.0.2.99"}});
    EXPECT_EQ(r.status, 429);  // all from the peer itself
}

TEST_F(Robustness, FullWidthUsernamesAreTheirNfkcForm) {
    auto r = server.post("/api/auth/register/", body({{"username",
                                                       "\xEF\xBD\x83"
                                                       "arol"},
                                                      {"password", "carol-pass-1"}}));
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.json()["username"], "carol");
    EXPECT_EQ(server.post("/api/auth/login/", body({{"username", "carol"}, {"password", "carol-pass-1"}})).status, 200);
    EXPECT_EQ(server
                  .post("/api/auth/login/", body({{"username",
                                                   "\xEF\xBD\x83"
                                                   "arol"},
                                                  {"password", "carol-pass-1"}}))
                  .status,
              200);
    r = server.post("/api/auth/register/", body({{"username", "c\xEF\xBD\x81rol"}, {"password", "carol-pass-2"}}));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"username":["A user with that username already exists."]})");
    // A Cyrillic look-alike is another name.
    EXPECT_EQ(server
                  .post("/api/auth/register/", body({{"username",
                                                      "\xD1\x81"
                                                      "arol"},
                                                     {"password", "carol-pass-3"}}))
                  .status,
              201);
}

TEST_F(Robustness, EveryAnswerSaysNoSniffAndTheDocsHaveAPolicy) {
    for (const auto& r : {server.get("/api/"), server.get("/api/nope/"), server.get("/api/sweets/", user),
                          server.get("/api/sweets/"), server.get("/api/docs/"), server.get("/api/schema/"),
                          server.get("/metrics"), server.post("/api/auth/login/", "{")}) {
        EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << r.status << " " << r.body.substr(0, 80);
    }
    auto docs = server.get("/api/docs/");
    EXPECT_EQ(docs.header("Content-Security-Policy"),
              "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    EXPECT_EQ(docs.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(docs.body.find("<script>"), std::string::npos);  // no inline script for the policy to allow
    auto init = server.get("/api/docs/init.js");
    EXPECT_EQ(init.status, 200);
    EXPECT_NE(init.body.find("SwaggerUIBundle"), std::string::npos);
}

TEST(RobustnessMetrics, MetricsCanWantATokenOrAnAddress) {
    TestServer tokened([](sweetshop::app::Config& c) { c.metrics_token = "scrape-me-0123456789"; });
    auto r = tokened.get("/metrics");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Authentication credentials were not provided."})");
    EXPECT_EQ(r.header("WWW-Authenticate"), R"(Bearer realm="metrics")");
    r = tokened.get("/metrics", {{"Authorization", "Bearer scrape-me-0123456780"}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Invalid token."})");
    r = tokened.get("/metrics", {{"Authorization", "Bearer scrape-me-0123456789"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("sweetshop_http_requests_total"), std::string::npos);
    EXPECT_EQ(tokened.get("/api/health/").status, 200);  // only /metrics is guarded

    TestServer listed([](sweetshop::app::Config& c) { c.metrics_allow = {"10.1.2.3"}; });
    r = listed.get("/metrics");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"You do not have permission to perform this action."})");
    TestServer local([](sweetshop::app::Config& c) { c.metrics_allow = {"10.1.2.3", "127.0.0.1"}; });
    EXPECT_EQ(local.get("/metrics").status, 200);
}

TEST(RobustnessLinks, ForwardedHeadersCountOnlyFromTrustedProxies) {
    const Headers forwarded = {
        {"Host", "10.0.0.5:8000"}, {"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "shop.example.com"}};
    TestServer open;  // no trusted proxy: the headers are a stranger's words
    // (The test client sends its own Host header first, and the first one counts.)
    EXPECT_EQ(open.get("/api/", forwarded).body,
              R"({"sweets":"http://127.0.0.1:)" + std::to_string(open.port()) + R"(/api/sweets/"})");

    TestServer proxied([](sweetshop::app::Config& c) { c.trusted_proxies = {"127.0.0.1"}; });
    EXPECT_EQ(proxied.get("/api/", forwarded).body, R"({"sweets":"https://shop.example.com/api/sweets/"})");
    proxied.create_user("boss", "boss-password", true);
    const Headers admin = {{"Authorization", "Bearer " + proxied.access_token("boss", "boss-password")}};
    for (int i = 0; i < 3; ++i)
        proxied.post("/api/sweets/", body({{"name", "S" + std::to_string(i)}, {"category", "C"}, {"price", "1.00"}}),
                     admin);
    Headers listing = forwarded;
    listing.insert(listing.end(), admin.begin(), admin.end());
    auto page = proxied.get("/api/sweets/?page_size=1&page=2", listing).json();
    EXPECT_EQ(page["next"], "https://shop.example.com/api/sweets/?page=3&page_size=1");
    EXPECT_EQ(page["previous"], "https://shop.example.com/api/sweets/?page_size=1");
    // A forged host with URL characters is not believed even from a proxy.
    EXPECT_EQ(proxied.get("/api/", {{"X-Forwarded-Host", "evil.example/x?"}}).body,
              R"({"sweets":"http://127.0.0.1:)" + std::to_string(proxied.port()) + R"(/api/sweets/"})");

    TestServer fixed([](sweetshop::app::Config& c) {
        c.public_url = "https://sweets.example";
        c.trusted_proxies = {"127.0.0.1"};
    });
    EXPECT_EQ(fixed.get("/api/", forwarded).body, R"({"sweets":"https://sweets.example/api/sweets/"})");
}

TEST(RobustnessTokens, OddTokensAreRefusedOverHttp) {
    TestServer server;
    const auto id = server.create_user("ann", "ann-password");
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    // The jti of a real session's token, so that only what the forgery changes decides.
    const auto real = server.access_token("ann", "ann-password");
    const auto payload = real.substr(real.find('.') + 1, real.rfind('.') - real.find('.') - 1);
    const auto jti = nlohmann::json::parse(sweetshop::testing::base64url_decode(payload)).at("jti");
    auto claims = [&](std::int64_t iat) {
        return nlohmann::json{{"token_type", "access"},        {"exp", now + 600}, {"iat", iat}, {"jti", jti},
                              {"user_id", std::to_string(id)}, {"username", "ann"}};
    };
    const auto& key = server.app().config().secret_key;
    const std::string invalid_detail =
        R"("detail":"Given token not valid for any token type","code":"token_not_valid")";
    auto check = [&](const std::string& token, int status) {
        auto r = server.get("/api/auth/me/", {{"Authorization", "Bearer " + token}});
        EXPECT_EQ(r.status, status) << token;
        if (status == 401) {
            EXPECT_NE(r.body.find(invalid_detail), std::string::npos) << r.body;
        }
    };
    check(forge_jwt({{"alg", "HS256"}, {"typ", "JWT"}}, claims(now), key), 200);
    check(forge_jwt({{"alg", "hs256"}, {"typ", "JWT"}}, claims(now), key), 401);
    check(forge_jwt({{"alg", "HS256"}, {"typ", "JWT"}}, claims(now + 3600), key), 401);  // issued in the future
    auto later = claims(now);
    later["nbf"] = now + 3600;
    check(forge_jwt({{"alg", "HS256"}, {"typ", "JWT"}}, later, key), 401);
    later["nbf"] = now - 10;
    check(forge_jwt({{"alg", "HS256"}, {"typ", "JWT"}}, later, key), 200);
    // A jti that names no session: signed right, refused.
    auto sessionless = claims(now);
    sessionless["jti"] = "0123456789abcdef0123456789abcdef";
    check(forge_jwt({{"alg", "HS256"}, {"typ", "JWT"}}, sessionless, key), 401);
}

TEST(RobustnessConnections, TheConnectionCapAndTheReadDeadlineHold) {
    TestServer server([](sweetshop::app::Config& c) {
        c.max_connections = 3;
        c.header_timeout_seconds = 1;
        c.min_body_rate = 1u << 30;  // so the deadline is the header time limit alone
    });
    std::vector<std::unique_ptr<Socket>> idle;
    for (int i = 0; i < 3; ++i) {
        idle.push_back(std::make_unique<Socket>(server.port()));
        ASSERT_TRUE(idle.back()->connected());
        idle.back()->send("GET /api/health/ HTTP/1.1\r\nHo");  // headers that never end
    }
    // A fourth connection is accepted by the kernel but not served while three are open.
    Socket fourth(server.port());
    ASSERT_TRUE(fourth.connected());
    fourth.send("GET /api/health/ HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_FALSE(fourth.answered_within(std::chrono::milliseconds(300)));
    // The slow senders are cut off at the deadline, and the fourth is answered then.
    for (auto& s : idle)
        EXPECT_TRUE(s->closed_within(std::chrono::seconds(15)));
    EXPECT_TRUE(fourth.answered_within(std::chrono::seconds(15)));
    EXPECT_EQ(fourth.received().rfind("HTTP/1.1 200", 0), 0u) << fourth.received();
}
