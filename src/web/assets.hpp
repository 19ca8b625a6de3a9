#pragma once
// The web app's build (frontend/dist), compiled into the binary by cmake/embed_dir.cmake.
#include <span>
#include <string_view>

namespace sweetshop::web {

struct Asset {
    std::string_view path;  ///< relative to the build's root, '/'-separated: "index.html", "assets/index-3f2a.js"
    std::string_view data;
};

/// Every file of the web app's build, sorted by path; empty when the web app was not built.
std::span<const Asset> embedded_assets();

}  // namespace sweetshop::web
