#include "webhook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace sweetshop::testing {

WebhookReceiver::WebhookReceiver(int failures) : failures_(failures) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 16) != 0)
        throw std::runtime_error("the webhook receiver cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
}

WebhookReceiver::~WebhookReceiver() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
}

std::vector<std::string> WebhookReceiver::bodies() const {
    std::lock_guard lock(mutex_);
    return bodies_;
}

bool WebhookReceiver::wait_for(std::size_t n, std::chrono::milliseconds limit) const {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, limit, [&] { return bodies_.size() >= n; });
}

void WebhookReceiver::serve() {
    while (!stopping_) {
        pollfd p{listener_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        std::string request;
        char buf[4096];
        std::size_t need = std::string::npos;
        while (need == std::string::npos || request.size() < need) {
            const auto n = ::recv(client, buf, sizeof buf, 0);
            if (n <= 0) break;
            request.append(buf, static_cast<std::size_t>(n));
            const auto end = request.find("\r\n\r\n");
            if (need == std::string::npos && end != std::string::npos) {
                std::size_t length = 0;
                for (const char* name : {"Content-Length: ", "content-length: "})
                    if (auto at = request.find(name); at != std::string::npos && at < end)
                        length = std::stoul(request.substr(at + 16));
                need = end + 4 + length;
            }
        }
        const auto start = request.find("\r\n\r\n");
        bool fail = false;
        {
            std::lock_guard lock(mutex_);
            bodies_.push_back(start == std::string::npos ? std::string() : request.substr(start + 4));
            fail = static_cast<int>(bodies_.size()) <= failures_;
        }
        arrived_.notify_all();
        const std::string answer =
            fail ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                 : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
        ::close(client);
    }
}

}  // namespace sweetshop::testing
