#pragma once
// The photos' table (sweet_images: each picture once, by digest) and the sweets' `image` column.
#include "domain/clock.hpp"
#include "domain/photos.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// Deletes the picture `digest` when no sweet shows it any more, inside the caller's transaction.
void forget_unused_photo(soci::session& sql, const std::string& digest);

class SqlPhotoStore final : public domain::PhotoStore {
  public:
    explicit SqlPhotoStore(Database& db, const domain::Clock& clock = domain::system_clock())
        : db_(db), clock_(clock) {}
    std::optional<domain::Sweet> set_photo(std::int64_t sweet, const std::optional<domain::Photo>& photo,
                                           const domain::Actor& actor) override;
    std::optional<std::string> photo_file(const std::string& digest, domain::PhotoSize size) override;

  private:
    Database& db_;
    const domain::Clock& clock_;
};

}  // namespace sweetshop::storage
