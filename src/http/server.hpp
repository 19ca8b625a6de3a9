#pragma once
// The HTTP transport. server.cpp is the only file that includes RESTinio: it converts RESTinio's requests into
// http::Request values, runs Api::handle on the I/O thread or on a worker pool (as the route table says), and writes
// the response back.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "http/api.hpp"

namespace sweetshop::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8000;  ///< 0: any free port (see Server::port())
    std::size_t io_threads = 2;
    std::size_t db_threads = 8;
    std::size_t hash_threads = 1;
    std::chrono::milliseconds shutdown_grace{10'000};  ///< how long stop() waits for requests in flight
    /// Connections served at once; further ones wait in the kernel's accept queue until one closes.
    std::size_t max_connections = 256;
    /// RESTinio 0.6 has one deadline per request (headers and body together, counted from the end of the previous
    /// answer on a kept-alive connection): header_timeout + max_body_bytes / min_body_rate. A request that has not
    /// arrived whole by then is dropped; see request_read_limit().
    std::chrono::seconds header_timeout{10};
    std::size_t min_body_rate = 64 * 1024;  ///< bytes per second; with header_timeout, the deadline above
    bool access_log = true;
    bool json_log = false;
    metrics::Registry* metrics = nullptr;  ///< records every answered request when set
};

class Server {
  public:
    Server(Api& api, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and starts serving; returns once the socket listens. Throws when it cannot bind.
    void start();
    /// The bound port (after start()).
    std::uint16_t port() const;
    /// Requests received and not yet answered.
    std::size_t in_flight() const;
    /// Graceful stop: no new connections, requests in flight finish (up to the grace period), pools drained.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The body size past which RESTinio itself closes the connection without reading on: bodies between the configured
/// limit and this get the contract's 413; this bounds what one connection can hold.
std::uint64_t transport_body_limit(std::size_t configured);
/// RESTinio's time limit for one whole request (headers and body), from the options above.
std::chrono::seconds request_read_limit(const ServerOptions& options, std::size_t max_body_bytes);

/// Blocks SIGINT and SIGTERM in the calling thread (call before starting threads, so that they inherit it).
void block_termination_signals();
/// Waits for SIGINT or SIGTERM (after block_termination_signals()); returns the signal's name.
std::string wait_for_termination_signal();

}  // namespace sweetshop::http
