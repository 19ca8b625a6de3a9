#include "storage/photo_store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "storage/audit_store.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
constexpr const char* kInsertPhoto =
    "INSERT INTO sweet_images (digest, width, height, card, thumbnail, created_at_us) "
    "VALUES (:digest, :width, :height, :card, :thumbnail, :now) ON CONFLICT (digest) DO NOTHING";
constexpr const char* kSetImage = "UPDATE sweets SET image = :image, updated_at_us = :now WHERE id = :id";
constexpr const char* kForgetPhoto =
    "DELETE FROM sweet_images WHERE digest = :digest AND NOT EXISTS (SELECT 1 FROM sweets WHERE image = :digest)";
constexpr const char* kCardFile = "SELECT card FROM sweet_images WHERE digest = :digest";
constexpr const char* kThumbnailFile = "SELECT thumbnail FROM sweet_images WHERE digest = :digest";

/// Bytes as base64 text (libsodium's codec): the columns are text, which SOCI binds the same on every backend.
std::string to_base64(const std::string& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::string from_base64(const std::string& text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        throw std::runtime_error("a stored photo is not base64");
    out.resize(length);
    return out;
}
}  // namespace

void forget_unused_photo(soci::session& sql, const std::string& digest) {
    Query q(sql);
    q.use(digest, "digest");
    q.run(kForgetPhoto);
}

std::optional<domain::Sweet> SqlPhotoStore::set_photo(std::int64_t sweet, const std::optional<domain::Photo>& photo,
                                                      const domain::Actor& actor) {
    return db_.write([&](soci::session& sql) -> std::optional<domain::Sweet> {
        const long long id = sweet, now = clock_.now();
        const auto found = sweet_now(sql, db_.dialect(), id, true);
        if (!found) return std::nullopt;
        const auto& before = *found;
        auto after = before;
        after.image = photo ? std::optional<std::string>(photo->digest) : std::nullopt;
        after.updated_at = now;
        if (photo) {
            const std::string card = to_base64(photo->card), thumbnail = to_base64(photo->thumbnail);
            Query q(sql);
            q.use(photo->digest, "digest").use(photo->width, "width").use(photo->height, "height");
            q.use(card, "card").use(thumbnail, "thumbnail").use(now, "now");
            q.run(kInsertPhoto);
        }
        {
            std::string image = after.image.value_or("");
            soci::indicator image_ind = after.image ? soci::i_ok : soci::i_null;
            Query q(sql);
            q.use(image, image_ind, "image").use(now, "now").use(id, "id");
            q.run(kSetImage);
        }
        if (before.image && before.image != after.image) forget_unused_photo(sql, *before.image);
        if (before.image != after.image) append_audit(sql, domain::audit_sweet_photo(actor, before, after), now);
        return after;
    });
}

std::optional<std::string> SqlPhotoStore::photo_file(const std::string& digest, domain::PhotoSize size) {
    return db_.read([&](soci::session& sql) -> std::optional<std::string> {
        std::string text;
        Query q(sql);
        q.use(digest, "digest").into(text);
        if (!q.run(size == domain::PhotoSize::Card ? kCardFile : kThumbnailFile)) return std::nullopt;
        return from_base64(text);
    });
}

}  // namespace sweetshop::storage
