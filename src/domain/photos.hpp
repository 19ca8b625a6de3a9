#pragma once
// Photos of sweets: one per sweet, checked by decoding, stripped of metadata and made into two sizes (a port: the
// codec), stored in the database under the digest of what was made (content-addressed, so an URL names one picture
// for ever). Plain C++: no HTTP, no image library, no SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/catalogue.hpp"

namespace sweetshop::domain {

/// The card (product pages and the storefront's cards) fits kCardPixels square, the thumbnail kThumbnailPixels;
/// neither is ever enlarged.
inline constexpr int kCardPixels = 800;
inline constexpr int kThumbnailPixels = 240;
/// The most pixels an upload may have (refused from its header, before any decoding: decompression bombs).
inline constexpr std::int64_t kMaxPhotoPixels = 64'000'000;

enum class PhotoSize { Card, Thumbnail };

/// A photo as stored: both sizes WebP, without metadata.
struct Photo {
    std::string digest;         ///< 32 hex digits naming the card and thumbnail
    int width = 0, height = 0;  ///< the card's
    std::string card, thumbnail;
};

/// Makes a Photo of an upload. Throws Error(FieldErrors) on field `image` for anything but a whole JPEG, PNG or
/// WebP of at most kMaxPhotoPixels.
class PhotoCodec {
  public:
    virtual ~PhotoCodec() = default;
    virtual Photo prepare(std::string_view upload) const = 0;
};

/// Storage port of the photos.
class PhotoStore {
  public:
    virtual ~PhotoStore() = default;
    /// Gives the sweet `photo` (std::nullopt: none), keeping the picture once whoever shares it and forgetting the
    /// one no sweet shows any more, with an audit entry, in one transaction; std::nullopt when there is no such
    /// sweet.
    virtual std::optional<Sweet> set_photo(std::int64_t sweet, const std::optional<Photo>& photo,
                                           const Actor& actor) = 0;
    /// One size of a stored picture (WebP bytes).
    virtual std::optional<std::string> photo_file(const std::string& digest, PhotoSize size) = 0;
};

class Photos {
  public:
    Photos(CatalogueStore& sweets, const PhotoCodec& codec, PhotoStore& store)
        : sweets_(sweets), codec_(codec), store_(store) {}
    /// Throws Error(NotFound) for an unknown sweet (before looking at the upload), Error(FieldErrors) for a bad one.
    Sweet upload(std::int64_t sweet, std::string_view bytes, const Actor& actor);
    /// Throws Error(NotFound) for an unknown sweet; a sweet without a photo stays so.
    Sweet remove(std::int64_t sweet, const Actor& actor);
    std::optional<std::string> file(const std::string& digest, PhotoSize size) {
        return store_.photo_file(digest, size);
    }

  private:
    CatalogueStore& sweets_;
    const PhotoCodec& codec_;
    PhotoStore& store_;
};

/// Where a photo is served: "/api/images/<digest>-card.webp" or "-thumb.webp".
std::string photo_path(const std::string& digest, PhotoSize size);
/// The digest and size of such a file name ("<digest>-card.webp"), std::nullopt for any other.
std::optional<std::pair<std::string, PhotoSize>> parse_photo_file(std::string_view name);

}  // namespace sweetshop::domain
