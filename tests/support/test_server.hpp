#pragma once
// Starts the real server in-process on a free port with a fresh SQLite database in a temporary directory, and
// stops it (RAII). Hashing runs at libsodium's minimum cost unless a test asks for more.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "http/server.hpp"
#include "http_client.hpp"

namespace sweetshop::testing {

/// A clock that tests move: it starts at the wall clock's time and ticks one microsecond per reading (so that times
/// still order events), and advance() jumps it forward (a throttling window passing, a key expiring).
class FakeClock final : public domain::Clock {
  public:
    FakeClock() : now_(domain::now_micros()) {}
    domain::Micros now() const override { return now_.fetch_add(1); }
    void advance(std::chrono::microseconds by) { now_ += by.count(); }
    /// Stands at `at` (a test of a day's boundary).
    void set(domain::Micros at) { now_ = at; }

  private:
    mutable std::atomic<domain::Micros> now_;
};

/// A fresh temporary directory, removed on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// The database tests run on: SQLite in `dir`, or a new schema in the PostgreSQL database named by
/// SWEETSHOP_TEST_DATABASE_URL.
std::string test_database_url(const std::filesystem::path& dir);

/// The configuration tests start from: temporary data directory, port 0, minimum hashing cost.
app::Config test_config(const std::filesystem::path& dir);

class TestServer {
  public:
    explicit TestServer(const std::function<void(app::Config&)>& tweak = {});
    ~TestServer();

    std::uint16_t port() const { return server_->port(); }
    app::App& app() { return *app_; }
    app::Service& service() { return *service_; }
    /// The time the server's every part reads.
    FakeClock& clock() { return clock_; }
    http::Server& server() { return *server_; }

    HttpResponse get(const std::string& target, const Headers& headers = {}) const {
        return http(port(), "GET", target, "", headers);
    }
    HttpResponse post(const std::string& target, const std::string& body, const Headers& headers = {}) const {
        return http(port(), "POST", target, body, headers);
    }

    /// Registers a user (and makes them staff when asked); returns the id.
    /// `admin`: the owner (every right, as the original's staff had).
    std::int64_t create_user(const std::string& username, const std::string& password, bool admin = false);
    std::int64_t create_user(const std::string& username, const std::string& password, domain::Role role);
    /// Logs in and returns the access token (fails the test when login does not answer 200).
    std::string access_token(const std::string& username, const std::string& password) const;

  private:
    FakeClock clock_;
    TempDir dir_;
    std::unique_ptr<app::App> app_;
    std::unique_ptr<app::Service> service_;
    std::unique_ptr<http::Server> server_;
};

}  // namespace sweetshop::testing
