#include "test_server.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

namespace sweetshop::testing {

TempDir::TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("sweetshop-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string test_database_url(const std::filesystem::path& dir) {
    if (const char* url = std::getenv("SWEETSHOP_TEST_DATABASE_URL"); url && *url) {
        // PostgreSQL: a fresh schema of its own for every test (tests run in parallel processes), made the
        // connections' search path through libpq's `options`.
        std::random_device rd;
        const std::string schema = "test_" + std::to_string(rd()) + "_" + std::to_string(rd());
        storage::Database db(url, 1);
        db.write([&](soci::session& sql) { sql << "CREATE SCHEMA " + schema; });
        const std::string base(url);
        return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" + schema;
    }
    return "sqlite:///" + (dir / "test.db").string();
}

app::Config test_config(const std::filesystem::path& dir) {
    app::Config c;
    c.data_dir = dir.string();
    c.database_url = test_database_url(dir);
    c.port = 0;
    c.secret_key = "test-secret-key-that-is-long-enough-0123456789";
    c.argon2_ops = 1;
    c.argon2_memory_kib = 8;
    c.cors_origins = {"http://localhost:5173"};
    return c;
}

TestServer::TestServer(const std::function<void(app::Config&)>& tweak) {
    auto config = test_config(dir_.path());
    if (tweak) tweak(config);
    app_ = std::make_unique<app::App>(config, clock_);
    app_->migrate();
    service_ = std::make_unique<app::Service>(*app_);
    auto options = service_->server_options();
    options.access_log = false;
    server_ = std::make_unique<http::Server>(service_->api(), options);
    server_->start();
}

TestServer::~TestServer() {
    server_->stop();
    server_.reset();
    service_.reset();
    app_.reset();
}

std::int64_t TestServer::create_user(const std::string& username, const std::string& password, bool admin) {
    return create_user(username, password, admin ? domain::Role::Owner : domain::Role::Customer);
}

std::int64_t TestServer::create_user(const std::string& username, const std::string& password, domain::Role role) {
    auto r = post("/api/auth/register/", nlohmann::json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    if (role != domain::Role::Customer) app_->users().set_role(username, role);
    return r.json().at("id").get<std::int64_t>();
}

std::string TestServer::access_token(const std::string& username, const std::string& password) const {
    auto r = post("/api/auth/login/", nlohmann::json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().at("access").get<std::string>() : std::string();
}

}  // namespace sweetshop::testing
