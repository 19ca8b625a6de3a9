// Handlers of the sweets' photos: the upload (the body is the file itself), its removal, and the pictures, served
// by digest with a year's cache lifetime (a new photo has a new URL).
#include "domain/photos.hpp"
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/json_writer.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
std::string etag_of(const std::string& file) {
    return "\"" + file + "\"";
}
}  // namespace

Response put_sweet_image(Context& ctx) {
    const auto id = path_id(ctx, "id", domain::kSweetNotFound);
    const auto sweet = ctx.deps.photos.upload(id, ctx.request.body, actor_of(ctx));
    return ok_text(json::sweet(sweet, json::view_for(&*ctx.user)));
}

Response delete_sweet_image(Context& ctx) {
    const auto id = path_id(ctx, "id", domain::kSweetNotFound);
    const auto sweet = ctx.deps.photos.remove(id, actor_of(ctx));
    return ok_text(json::sweet(sweet, json::view_for(&*ctx.user)));
}

Response get_image(Context& ctx) {
    const std::string name(ctx.request.param("file"));
    const auto file = domain::parse_photo_file(name);
    if (!file) throw domain::Error(domain::ErrorCode::NotFound, kNotFound);
    const auto etag = etag_of(name);
    Response r;
    r.header("Cache-Control", "public, max-age=31536000, immutable");
    r.header("ETag", etag);
    // The name is the digest of the bytes: a client that has this name has these bytes.
    if (auto seen = ctx.request.header("If-None-Match"); seen && (*seen == etag || *seen == "*")) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    auto bytes = ctx.deps.photos.file(file->first, file->second);
    if (!bytes) throw domain::Error(domain::ErrorCode::NotFound, kNotFound);
    r.content_type = "image/webp";
    r.body = std::move(*bytes);
    return r;
}

}  // namespace sweetshop::http::handlers
