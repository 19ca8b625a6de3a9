// The web app's static path check: whatever path is asked for, only the build's own files (or index.html for a
// client route) come back.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/web_app.hpp"

namespace {
const std::array<sweetshop::web::Asset, 4> kBuild{{
    {"assets/index-AbC123.js", "SCRIPT"},
    {"assets/index-AbC123.js.gz", "GZIPPED"},
    {"favicon.svg", "ICON"},
    {"index.html", "INDEX"},
}};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sweetshop::http;
    static const WebApp web(kBuild);
    Request request;
    request.method = "GET";
    request.path.assign(reinterpret_cast<const char*>(data), size);
    request.headers.emplace_back("Accept-Encoding", "gzip");
    auto answer = web.serve(request);
    if (answer && answer->body != "SCRIPT" && answer->body != "GZIPPED" && answer->body != "ICON" &&
        answer->body != "INDEX")
        __builtin_trap();
    return 0;
}
