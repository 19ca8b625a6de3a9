#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace sweetshop::testing {

namespace {
bool iequals(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}
}  // namespace

std::optional<std::string> HttpResponse::header(const std::string& name) const {
    for (const auto& [k, v] : headers)
        if (iequals(k, name)) return v;
    return std::nullopt;
}

std::string http_raw(std::uint16_t port, const std::string& bytes) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("connect failed");
    }
    timeval tv{30, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may close early (e.g. on a body past its hard limit)
        sent += static_cast<std::size_t>(n);
    }
    std::string out;
    char buf[65536];
    for (;;) {
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

HttpResponse http(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body,
                  const Headers& headers) {
    std::string req =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n";
    bool has_type = false;
    for (const auto& [k, v] : headers) {
        if (iequals(k, "Content-Type")) {
            has_type = true;
            if (v.empty()) continue;
        }
        req += k + ": " + v + "\r\n";
    }
    if (!body.empty() && !has_type) req += "Content-Type: application/json\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;

    const auto raw = http_raw(port, req);
    HttpResponse r;
    const auto head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos) throw std::runtime_error("no HTTP response: " + raw.substr(0, 200));
    const auto head = raw.substr(0, head_end);
    r.body = raw.substr(head_end + 4);
    std::size_t line_end = head.find("\r\n");
    const auto status_line = head.substr(0, line_end);
    r.status = std::stoi(status_line.substr(status_line.find(' ') + 1, 3));
    while (line_end != std::string::npos) {
        const auto start = line_end + 2;
        line_end = head.find("\r\n", start);
        const auto line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers.emplace_back(line.substr(0, colon), value);
    }
    if (auto te = r.header("Transfer-Encoding"); te && iequals(*te, "chunked")) {
        std::string decoded;
        std::size_t at = 0;
        for (;;) {
            const auto size_end = r.body.find("\r\n", at);
            if (size_end == std::string::npos) throw std::runtime_error("a chunked body cut short");
            const auto size = std::stoul(r.body.substr(at, size_end - at), nullptr, 16);
            if (size == 0) break;
            decoded.append(r.body, size_end + 2, size);
            ++r.chunks;
            at = size_end + 2 + size + 2;
        }
        r.body = std::move(decoded);
    }
    return r;
}

}  // namespace sweetshop::testing
