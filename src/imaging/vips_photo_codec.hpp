#pragma once
// The photo codec over libvips (Debian's libvips-dev): checks an upload by decoding it, refuses decompression bombs
// from the header, and writes the card and the thumbnail as WebP without metadata.
#include "domain/photos.hpp"

namespace sweetshop::imaging {

class VipsPhotoCodec final : public domain::PhotoCodec {
  public:
    /// Starts libvips once per process (one worker thread per image, no operation cache, untrusted loaders off).
    VipsPhotoCodec();
    domain::Photo prepare(std::string_view upload) const override;
};

}  // namespace sweetshop::imaging
