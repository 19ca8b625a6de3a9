#include "imaging/vips_photo_codec.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <vips/vips.h>
#include <webp/encode.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace sweetshop::imaging {

namespace {
constexpr const char* kEmpty = "The submitted file is empty.";
constexpr const char* kNotAnImage =
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";
constexpr const char* kIncomplete =
    "The image is incomplete or damaged: it could not be read to its end. Upload the whole file again.";
constexpr int kQuality = 82;

[[noreturn]] void refuse(const std::string& message) {
    vips_error_clear();
    domain::FieldErrors errors;
    errors.add("image", message);
    throw domain::Error(std::move(errors));
}

struct ImageFree {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, ImageFree>;

/// The loader's format: "jpeg", "png" or "spng", "webp" for those taken, another name ("nsgif", "tiff") for another
/// format, "" for none.
std::string format_of(std::string_view upload) {
    const char* loader = vips_foreign_find_load_buffer(upload.data(), upload.size());
    if (!loader) return {};
    std::string_view full(loader);  // "VipsForeignLoadJpegBuffer"
    constexpr std::string_view prefix = "VipsForeignLoad", suffix = "Buffer";
    if (full.starts_with(prefix)) full.remove_prefix(prefix.size());
    if (full.ends_with(suffix)) full.remove_suffix(suffix.size());
    std::string name;
    for (char c : full)
        name.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    return name;
}

/// `image` as a lossy WebP made by libwebp itself from its sRGB pixels: nothing but the picture is written (libvips
/// 8.14's webpsave writes EXIF, XMP and ICC chunks despite `strip`). Empty when the pixels cannot be made (a
/// truncated upload fails here, where the pipeline runs).
std::string encode_webp(VipsImage* image) {
    VipsImage* out = nullptr;
    if (vips_colourspace(image, &out, VIPS_INTERPRETATION_sRGB, nullptr) != 0) return {};
    Image srgb(out);
    if (vips_cast_uchar(srgb.get(), &out, nullptr) != 0) return {};
    Image pixels(out);
    if (vips_image_get_bands(pixels.get()) > 4) {
        if (vips_extract_band(pixels.get(), &out, 0, "n", 4, nullptr) != 0) return {};
        pixels.reset(out);
    }
    const int width = vips_image_get_width(pixels.get()), height = vips_image_get_height(pixels.get());
    const int bands = vips_image_get_bands(pixels.get());
    std::size_t size = 0;
    auto* memory = static_cast<std::uint8_t*>(vips_image_write_to_memory(pixels.get(), &size));
    if (!memory) return {};
    std::uint8_t* encoded = nullptr;
    const std::size_t length = bands == 4 ? WebPEncodeRGBA(memory, width, height, width * 4, kQuality, &encoded)
                                          : WebPEncodeRGB(memory, width, height, width * 3, kQuality, &encoded);
    g_free(memory);
    std::string bytes(reinterpret_cast<const char*>(encoded), length);
    WebPFree(encoded);
    return bytes;
}

/// The WebP of an encoded picture fitting `pixels` square (never enlarged), upright, in sRGB, without metadata;
/// empty when decoding fails. The loader stops at any error (truncation included): libvips 8.14's thumbnail takes
/// `fail_on` only through the loader's option string.
std::string webp_thumbnail(const void* data, std::size_t size, int pixels, int* width = nullptr,
                           int* height = nullptr) {
    VipsImage* out = nullptr;
    if (vips_thumbnail_buffer(const_cast<void*>(data), size, &out, pixels, "height", pixels, "size", VIPS_SIZE_DOWN,
                              "option_string", "fail_on=error", "export_profile", "srgb", nullptr) != 0)
        return {};
    Image image(out);
    if (width) *width = vips_image_get_width(image.get());
    if (height) *height = vips_image_get_height(image.get());
    return encode_webp(image.get());
}

/// libvips' warnings (a damaged tile, say) are about uploads: the debug log, not the server's stderr.
void log_vips_warning(const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
    spdlog::debug("libvips: {}", message);
}
}  // namespace

VipsPhotoCodec::VipsPhotoCodec() {
    static std::once_flag started;
    std::call_once(started, [] {
        if (VIPS_INIT("sweetshop") != 0) throw std::runtime_error("libvips did not start");
        vips_concurrency_set(1);
        vips_cache_set_max(0);
        vips_block_untrusted_set(TRUE);
        g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
                          log_vips_warning, nullptr);
    });
}

domain::Photo VipsPhotoCodec::prepare(std::string_view upload) const {
    if (upload.empty()) refuse(kEmpty);
    const auto format = format_of(upload);
    if (format.empty()) refuse(kNotAnImage);
    // The header only (libvips decodes lazily): a decompression bomb is refused before any pixel is made.
    Image header(
        vips_image_new_from_buffer(upload.data(), upload.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
    if (!header) refuse(kNotAnImage);
    if (format != "jpeg" && format != "png" && format != "spng" && format != "webp") {
        std::string message = "Upload a JPEG, PNG or WebP image; this one is ";
        message.append(format == "nsgif" ? std::string_view("gif") : std::string_view(format)).push_back('.');
        refuse(message);
    }
    const std::int64_t width = vips_image_get_width(header.get()), height = vips_image_get_height(header.get());
    header.reset();
    if (width * height > domain::kMaxPhotoPixels) {
        std::string message = "This image is ";
        message.append(std::to_string(width)).append(" x ").append(std::to_string(height));
        message.append(" pixels: at most ").append(std::to_string(domain::kMaxPhotoPixels / 1'000'000));
        message.append(" megapixels are taken. Make it smaller and upload it again.");
        refuse(message);
    }
    domain::Photo photo;
    photo.card = webp_thumbnail(upload.data(), upload.size(), domain::kCardPixels, &photo.width, &photo.height);
    if (photo.card.empty()) {
        spdlog::debug("photo refused: {}", vips_error_buffer());
        refuse(kIncomplete);
    }
    photo.thumbnail = webp_thumbnail(photo.card.data(), photo.card.size(), domain::kThumbnailPixels);
    if (photo.thumbnail.empty()) {
        const std::string reason = vips_error_buffer();
        vips_error_clear();
        throw std::runtime_error("could not make a thumbnail of a card: " + reason);
    }
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(photo.card.data()),
                       photo.card.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    photo.digest = hex;
    return photo;
}

}  // namespace sweetshop::imaging
