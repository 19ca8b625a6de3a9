#pragma once
// A running shop with an admin ("boss") and a customer ("ann"), and helpers for the catalogue API tests.
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "test_server.hpp"

namespace sweetshop::testing {

class ShopFixture : public ::testing::Test {
  protected:
    ShopFixture() {
        server.create_user("boss", "boss-password", true);
        server.create_user("ann", "ann-password");
        admin = {{"Authorization", "Bearer " + server.access_token("boss", "boss-password")}};
        user = {{"Authorization", "Bearer " + server.access_token("ann", "ann-password")}};
    }

    HttpResponse call(const std::string& method, const std::string& target, const std::string& body,
                      const Headers& headers) {
        return http(server.port(), method, target, body, headers);
    }

    /// Creates a sweet as the admin and returns its id (fails the test unless 201).
    std::int64_t add_sweet(const std::string& name, const std::string& price, std::int64_t quantity,
                           const std::string& category = "Chocolate") {
        auto r = server.post(
            "/api/sweets/",
            nlohmann::json{{"name", name}, {"category", category}, {"price", price}, {"quantity", quantity}}.dump(),
            admin);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.json().at("id").get<std::int64_t>() : 0;
    }

    /// The body with every timestamp checked for the contract's format and replaced by "T".
    static std::string stamped(const std::string& body) {
        static const std::regex stamp(
            R"re("(created_at|updated_at|at|opened_at|closed_at|date_joined|last_login)":"([^"]*)")re");
        static const std::regex format(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z)");
        std::string out;
        auto begin = std::sregex_iterator(body.begin(), body.end(), stamp);
        std::size_t last = 0;
        for (auto it = begin; it != std::sregex_iterator(); ++it) {
            EXPECT_TRUE(std::regex_match((*it)[2].str(), format)) << (*it)[2].str();
            out += body.substr(last, static_cast<std::size_t>(it->position()) - last);
            out += '"';
            out.append((*it)[1].str());
            out.append("\":\"T\"");
            last = static_cast<std::size_t>(it->position() + it->length());
        }
        return out + body.substr(last);
    }

    /// Runs `per_thread` calls of `request(thread, i)` on each of `threads` threads, all starting together.
    template <class F>
    static void race(int threads, int per_thread, F request) {
        std::atomic<int> ready{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                ++ready;
                while (ready.load() < threads)
                    std::this_thread::yield();
                for (int i = 0; i < per_thread; ++i)
                    request(t, i);
            });
        for (auto& th : pool)
            th.join();
    }

    std::string base() const { return "http://127.0.0.1:" + std::to_string(server.port()); }

    TestServer server;
    Headers admin, user;
};

/// A JSON body from an initializer (ordered as written).
inline std::string body(const nlohmann::ordered_json& j) {
    return j.dump();
}

/// Headers plus one more.
inline Headers with(Headers headers, const std::string& name, const std::string& value) {
    headers.emplace_back(name, value);
    return headers;
}

}  // namespace sweetshop::testing
