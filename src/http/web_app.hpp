#pragma once
// Serves the web app's build (frontend/dist) from the same origin as the API: the files by path with their content
// types, long cache lifetimes for Vite's content-hashed files under assets/, and index.html for any other path when
// the client is a browser navigating (Accept: text/html; the app's router shows the page or "page not found"),
// gzip-compressed at build time (a "<file>.gz" beside it) for clients that accept it. Only the files of the
// build are reachable: a path with a "." or ".." segment (also percent-encoded), a hidden name, a backslash or a NUL is
// refused, and so is any path under /api.
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "http/message.hpp"
#include "web/assets.hpp"

namespace sweetshop::http {

class WebApp {
  public:
    explicit WebApp(std::span<const web::Asset> assets);

    /// The answer to a GET or HEAD outside the API, or std::nullopt when the path names nothing of the web app
    /// (the caller answers the contract's JSON 404).
    std::optional<Response> serve(const Request& request) const;
    bool empty() const { return files_.empty(); }

  private:
    Response file(const Request& request, std::string_view path, std::string_view data) const;

    std::unordered_map<std::string_view, std::string_view> files_;
};

/// The Content-Type of a file of the web app, from its extension.
std::string_view web_content_type(std::string_view path);

}  // namespace sweetshop::http
