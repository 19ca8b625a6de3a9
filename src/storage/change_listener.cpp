#include "storage/change_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

namespace sweetshop::storage {

namespace {
constexpr const char* kChannel = "sweetshop_changes";
constexpr auto kRetry = std::chrono::milliseconds(500);
}  // namespace

ChangeListener::ChangeListener(std::string connect) : connect_(std::move(connect)) {
    if (::pipe(wake_) != 0) throw std::runtime_error("cannot create the change listener's pipe");
    thread_ = std::thread([this] { run(); });
}

ChangeListener::~ChangeListener() {
    stopping_ = true;
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(wake_[1], &byte, 1);
    thread_.join();
    ::close(wake_[0]);
    ::close(wake_[1]);
}

std::optional<std::uint64_t> ChangeListener::version(Table table) const {
    if (!listening_.load()) return std::nullopt;
    return (table == Table::Sweets ? sweets_ : users_).load();
}

void ChangeListener::changed(Table table) {
    ++(table == Table::Sweets ? sweets_ : users_);
    if (table == Table::Users) ++sweets_;  // answers name users too
}

void ChangeListener::run() {
    bool warned = false;
    while (!stopping_) {
        PGconn* conn = PQconnectdb(connect_.c_str());
        PGresult* listen = nullptr;
        if (PQstatus(conn) == CONNECTION_OK) listen = PQexec(conn, (std::string("LISTEN ") + kChannel).c_str());
        if (!listen || PQresultStatus(listen) != PGRES_COMMAND_OK) {
            if (!warned) spdlog::warn("not listening for changes (caching off until it is): {}", PQerrorMessage(conn));
            warned = true;
            PQclear(listen);
            PQfinish(conn);
            pollfd stop{wake_[0], POLLIN, 0};
            ::poll(&stop, 1, static_cast<int>(kRetry.count()));
            continue;
        }
        PQclear(listen);
        // Whatever changed while nobody listened: every earlier version is stale.
        ++sweets_;
        ++users_;
        listening_ = true;
        if (warned) spdlog::info("listening for changes again; caching is back on");
        warned = false;
        while (!stopping_) {
            pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {wake_[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0) continue;
            if (fds[1].revents) break;
            if (!PQconsumeInput(conn) || PQstatus(conn) != CONNECTION_OK) break;
            while (PGnotify* n = PQnotifies(conn)) {
                const bool users = std::strcmp(n->extra, "users") == 0;
                // The cache is stale from here on; the counters move before anything reads the new rows again.
                changed(users ? Table::Users : Table::Sweets);
                ++notifications_;
                PQfreemem(n);
            }
        }
        listening_ = false;
        PQfinish(conn);
    }
}

}  // namespace sweetshop::storage
