#include "http/server.hpp"

#include "http/errors.hpp"
#include "http/json_writer.hpp"

#include <spdlog/spdlog.h>
#include <restinio/all.hpp>

#include <asio/thread_pool.hpp>
#include <atomic>
#include <csignal>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <pthread.h>

namespace sweetshop::http {

namespace {
struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
    static constexpr bool use_connection_count_limiter = true;  // ServerOptions::max_connections
};
using HttpServer = restinio::http_server_t<Traits>;

/// The text of a JSON string value, quotes included.
std::string json_string(std::string_view s) {
    std::string out;
    json::append_string(out, s);
    return out;
}
}  // namespace

struct Server::Impl {
    Api& api;
    ServerOptions options;
    asio::io_context ioctx;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::unique_ptr<HttpServer> server;
    std::vector<std::thread> io_threads;
    asio::thread_pool db_pool;
    asio::thread_pool hash_pool;
    std::atomic<std::uint16_t> bound_port{0};
    std::atomic<std::size_t> in_flight{0};
    std::once_flag stopped;

    Impl(Api& a, ServerOptions o)
        : api(a), options(std::move(o)), db_pool(options.db_threads), hash_pool(options.hash_threads) {}

    Request convert(const restinio::request_handle_t& req) {
        Request r;
        const auto& h = req->header();
        r.method = h.method().c_str();
        r.path = std::string(h.path());
        r.query = parse_query(h.query());
        h.for_each_field([&](const restinio::http_header_field_t& f) { r.headers.emplace_back(f.name(), f.value()); });
        r.body = req->body();
        r.peer = req->remote_endpoint().address().to_string();
        return r;
    }

    /// Sends a streamed answer: its headers and `body`, then each part the stream makes (on the database pool),
    /// the next only once the last is written.
    void respond_streamed(const restinio::request_handle_t& req, const Request& request, Response response,
                          std::chrono::steady_clock::time_point started) {
        using Chunked = restinio::response_builder_t<restinio::chunked_output_t>;
        auto out = std::make_shared<Chunked>(req->create_response<restinio::chunked_output_t>(
            restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                         reason_phrase(response.status)}));
        if (!response.content_type.empty())
            out->append_header(restinio::http_field::content_type, response.content_type);
        for (auto& [k, v] : response.headers)
            out->append_header(k, v);
        if (!response.body.empty()) out->append_chunk(std::move(response.body));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (options.metrics) options.metrics->observe_request(request.method, response.route, response.status, seconds);
        auto stream = std::make_shared<std::function<bool(std::string&)>>(std::move(response.stream));
        pump(out, stream);
    }

    template <class Chunked>
    void pump(const std::shared_ptr<Chunked>& out, const std::shared_ptr<std::function<bool(std::string&)>>& stream) {
        asio::post(db_pool, [this, out, stream] {
            std::string part;
            bool more = false;
            try {
                more = (*stream)(part);
            } catch (const std::exception& e) {  // the answer ends here; the client sees it cut short
                spdlog::error("a streamed answer failed: {}", e.what());
            }
            try {
                out->append_chunk(std::move(part));
                if (!more) {
                    out->done();
                    --in_flight;
                    return;
                }
                out->flush([this, out, stream](const asio::error_code& ec) {
                    if (ec) {  // the client went away
                        --in_flight;
                        return;
                    }
                    pump(out, stream);
                });
            } catch (const std::exception& e) {
                --in_flight;
                spdlog::warn("could not write a streamed response: {}", e.what());
            }
        });
    }

    void respond(const restinio::request_handle_t& req, const Request& request, Response response,
                 std::chrono::steady_clock::time_point started) {
        if (response.stream) return respond_streamed(req, request, std::move(response), started);
        auto out = req->create_response(restinio::http_status_line_t{
            restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, reason_phrase(response.status)});
        if (!response.content_type.empty())
            out.append_header(restinio::http_field::content_type, response.content_type);
        for (auto& [k, v] : response.headers)
            out.append_header(k, v);
        out.set_body(std::move(response.body));
        // Recorded before the answer leaves, so that a client's next request sees this one counted.
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (options.metrics) options.metrics->observe_request(request.method, response.route, response.status, seconds);
        out.done();
        if (options.access_log) {
            const double ms = seconds * 1000;
            if (options.json_log)
                spdlog::info("{{\"method\":{},\"route\":{},\"status\":{},\"duration_ms\":{:.3f}}}",
                             json_string(request.method), json_string(response.route), response.status, ms);
            else
                spdlog::info("{} {} {} {:.3f}ms", request.method, response.route, response.status, ms);
        }
        --in_flight;
    }

    restinio::request_handling_status_t on_request(restinio::request_handle_t req) {
        const auto started = std::chrono::steady_clock::now();
        ++in_flight;
        auto request = std::make_shared<Request>(convert(req));
        auto match = std::make_shared<RouteMatch>(api.match(*request));
        const auto pool = Api::pool_for(*match);
        auto send = [this, req, request, started](Response ready) {
            try {
                respond(req, *request, std::move(ready), started);
            } catch (const std::exception& e) {
                --in_flight;
                spdlog::warn("could not write a response: {}", e.what());
            }
        };
        auto work_fn = [this, request, match, send] {
            Response response;
            try {
                response = api.handle(*request, *match);
            } catch (...) {  // Api::handle does not throw; this keeps the client from waiting if it ever does
                response = server_error_response();
            }
            // A change's answer leaves once the change is on disk, without holding this worker meanwhile.
            api.when_synced(std::move(response), send);
        };
        switch (pool) {
            case Pool::Inline:
                work_fn();
                break;
            case Pool::CacheFirst:
                if (auto answer = api.try_without_blocking(*request, *match)) {
                    send(std::move(*answer));
                    break;
                }
                [[fallthrough]];
            case Pool::Database:
                asio::post(db_pool, std::move(work_fn));
                break;
            case Pool::Hashing:
                asio::post(hash_pool, std::move(work_fn));
                break;
        }
        return restinio::request_accepted();
    }
};

Server::Server(Api& api, ServerOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {}

Server::~Server() {
    stop();
}

void Server::start() {
    auto& im = *impl_;
    const auto configured = std::max(im.api.settings().max_body_bytes, im.api.settings().max_upload_bytes);
    auto settings =
        restinio::server_settings_t<Traits>{}
            .address(im.options.host)
            .port(im.options.port)
            .request_handler([&im](restinio::request_handle_t req) { return im.on_request(std::move(req)); })
            .incoming_http_msg_limits(
                restinio::incoming_http_msg_limits_t{}.max_body_size(transport_body_limit(configured)))
            .max_parallel_connections(im.options.max_connections)
            .handle_request_timeout(std::chrono::seconds(60))
            .read_next_http_message_timelimit(request_read_limit(im.options, configured))
            .acceptor_post_bind_hook(
                [&im](asio::ip::tcp::acceptor& acceptor) { im.bound_port = acceptor.local_endpoint().port(); });
    im.server = std::make_unique<HttpServer>(restinio::external_io_context(im.ioctx), std::move(settings));
    im.work.emplace(asio::make_work_guard(im.ioctx));
    for (std::size_t i = 0; i < std::max<std::size_t>(1, im.options.io_threads); ++i)
        im.io_threads.emplace_back([&im] { im.ioctx.run(); });

    std::promise<void> opened;
    auto ready = opened.get_future();
    asio::post(im.ioctx, [&] {
        try {
            im.server->open_sync();
            opened.set_value();
        } catch (...) {
            opened.set_exception(std::current_exception());
        }
    });
    try {
        ready.get();
    } catch (const std::exception& e) {
        stop();
        throw std::runtime_error("cannot listen on " + im.options.host + ":" + std::to_string(im.options.port) + ": " +
                                 e.what());
    }
}

std::uint16_t Server::port() const {
    return impl_->bound_port.load();
}

std::size_t Server::in_flight() const {
    return impl_->in_flight.load();
}

void Server::stop() {
    auto& im = *impl_;
    std::call_once(im.stopped, [&im] {
        if (im.server) {
            std::promise<void> closed;
            auto done = closed.get_future();
            asio::post(im.ioctx, [&] {
                try {
                    im.server->close_sync();
                } catch (...) {
                }
                closed.set_value();
            });
            if (!im.io_threads.empty()) done.wait();
            const auto deadline = std::chrono::steady_clock::now() + im.options.shutdown_grace;
            while (im.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            if (im.in_flight.load() > 0) spdlog::warn("stopping with {} request(s) still running", im.in_flight.load());
            // Let the last responses, handed to the connections' strands, reach their sockets.
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        im.db_pool.join();
        im.hash_pool.join();
        im.work.reset();
        im.ioctx.stop();
        for (auto& t : im.io_threads)
            t.join();
        im.io_threads.clear();
        im.server.reset();
    });
}

std::uint64_t transport_body_limit(std::size_t configured) {
    return static_cast<std::uint64_t>(configured) + 64 * 1024;
}

std::chrono::seconds request_read_limit(const ServerOptions& options, std::size_t max_body_bytes) {
    const auto rate = std::max<std::size_t>(1, options.min_body_rate);
    return options.header_timeout + std::chrono::seconds((max_body_bytes + rate - 1) / rate);
}

void block_termination_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string wait_for_termination_signal() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    int sig = 0;
    sigwait(&set, &sig);
    return sig == SIGINT ? "SIGINT" : "SIGTERM";
}

}  // namespace sweetshop::http
