// Photos of sweets (issue 20): staff upload one per sweet as the body itself; the server checks it by decoding,
// refuses bombs from the header, truncated files and non-images with 400 and stores nothing then, strips metadata,
// keeps a card and a thumbnail (WebP) in the database, and serves them by digest with long cache lifetimes and
// ETags. The test images are made here with libvips. Both backends.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <functional>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;
using Json = nlohmann::ordered_json;

namespace {
struct Unref {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

/// A `width` x `height` grey noise picture encoded as `suffix` (".jpg", ".png", ".webp", ".tif"); `decorate` may
/// add metadata to it first.
std::string picture(int width, int height, const char* suffix, const std::function<void(VipsImage*)>& decorate = {}) {
    if (VIPS_INIT("photos_api_test") != 0) ADD_FAILURE() << "libvips did not start";
    VipsImage *noise = nullptr, *grey = nullptr;
    EXPECT_EQ(vips_gaussnoise(&noise, width, height, "mean", 128.0, "sigma", 40.0, nullptr), 0);
    Image noisy(noise);
    EXPECT_EQ(vips_cast_uchar(noisy.get(), &grey, nullptr), 0);
    Image image(grey);
    if (decorate) decorate(image.get());
    void* buffer = nullptr;
    std::size_t length = 0;
    EXPECT_EQ(vips_image_write_to_buffer(image.get(), suffix, &buffer, &length, nullptr), 0) << vips_error_buffer();
    std::string out(static_cast<const char*>(buffer), length);
    g_free(buffer);
    return out;
}

struct Decoded {
    int width = 0, height = 0;
    bool has_exif = false, has_xmp = false, has_icc = false;
    std::string loader;
};

Decoded decode(const std::string& bytes) {
    Decoded out;
    if (const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size())) out.loader = loader;
    Image image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
    if (!image) return out;
    out.width = vips_image_get_width(image.get());
    out.height = vips_image_get_height(image.get());
    out.has_exif = vips_image_get_typeof(image.get(), VIPS_META_EXIF_NAME) != 0;
    out.has_xmp = vips_image_get_typeof(image.get(), VIPS_META_XMP_NAME) != 0;
    out.has_icc = vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0;
    return out;
}

/// PNG's CRC-32 of `bytes`.
std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i)
        bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((value >> (24 - 8 * i)) & 0xFF);
}

/// A small PNG whose header says 20,000 x 20,000 (its CRC made right): a decompression bomb's header.
std::string png_bomb() {
    auto png = picture(16, 16, ".png");
    put_u32(png, 16, 20000);  // IHDR: length 8..11, type 12..15, width 16..19, height 20..23
    put_u32(png, 20, 20000);
    put_u32(png, 29, crc32(png.substr(12, 17)));
    return png;
}

/// A small JPEG whose frame header (SOF0) says 20,000 x 20,000.
std::string jpeg_bomb() {
    auto jpeg = picture(16, 16, ".jpg");
    const auto sof = jpeg.find("\xFF\xC0");
    EXPECT_NE(sof, std::string::npos);
    for (std::size_t at : {sof + 5, sof + 7}) {  // height, then width (big-endian)
        jpeg[at] = static_cast<char>(20000 >> 8);
        jpeg[at + 1] = static_cast<char>(20000 & 0xFF);
    }
    return jpeg;
}
}  // namespace

class PhotosApi : public ShopFixture {
  protected:
    HttpResponse upload(std::int64_t sweet, const std::string& bytes, const Headers& who,
                        const char* type = "image/jpeg") {
        Headers headers = who;
        headers.emplace_back("Content-Type", type);
        return call("PUT", "/api/sweets/" + std::to_string(sweet) + "/image/", bytes, headers);
    }
    std::string error_of(const HttpResponse& r) {
        EXPECT_EQ(r.status, 400) << r.body;
        return r.status == 400 ? r.json()["image"][0].get<std::string>() : r.body;
    }
};

TEST_F(PhotosApi, AnUploadGivesACardAndAThumbnailServedByDigestWithLongCaching) {
    const auto id = add_sweet("Mint Humbugs", "1.50", 9);
    const auto r = upload(id, picture(1200, 900, ".jpg"), admin);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto sweet = r.json();
    const std::string card = sweet["image"], thumbnail = sweet["thumbnail"];
    EXPECT_TRUE(std::regex_match(card, std::regex("/api/images/[0-9a-f]{32}-card\\.webp"))) << card;
    EXPECT_EQ(thumbnail, card.substr(0, card.size() - 10) + "-thumb.webp");
    EXPECT_EQ(sweet["quantity"], 9);  // the rest of the sweet as it was

    const auto got = server.get(card);  // no token: the storefront shows it
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.header("Content-Type"), "image/webp");
    EXPECT_EQ(got.header("Cache-Control"), "public, max-age=31536000, immutable");
    const auto etag = got.header("ETag");
    ASSERT_TRUE(etag);
    EXPECT_EQ(*etag, "\"" + card.substr(12) + "\"");
    auto shown = decode(got.body);
    EXPECT_EQ(shown.loader, "VipsForeignLoadWebpBuffer");
    EXPECT_EQ(shown.width, 800);  // fits 800 x 800, the proportions kept
    EXPECT_EQ(shown.height, 600);
    shown = decode(server.get(thumbnail).body);
    EXPECT_EQ(shown.width, 240);
    EXPECT_EQ(shown.height, 180);

    const auto again = server.get(card, {{"If-None-Match", *etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(server.get("/api/images/0123456789abcdef0123456789abcdef-card.webp").status, 404);
    EXPECT_EQ(server.get("/api/images/" + card.substr(12, 32) + ".png").status, 404);

    // Every view names it: the customers', the storefront's.
    EXPECT_EQ(server.get("/api/sweets/" + std::to_string(id) + "/", user).json()["image"], card);
    EXPECT_EQ(server.get("/api/storefront/sweets/" + std::to_string(id) + "/").json()["thumbnail"], thumbnail);
    const auto page = server.get("/api/storefront/sweets/").json();
    EXPECT_EQ(page["results"][0]["image"], card);
}

TEST_F(PhotosApi, MetadataIsStrippedGpsIncluded) {
    const auto id = add_sweet("Fudge", "2.00", 3);
    const std::string xmp =
        R"(<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">)"
        R"(<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.4N" )"
        R"(exif:GPSLongitude="0,7.5W"/></rdf:RDF></x:xmpmeta>)";
    const auto jpeg = picture(400, 300, ".jpg", [&](VipsImage* image) {
        vips_image_set_blob_copy(image, VIPS_META_XMP_NAME, xmp.data(), xmp.size());
        vips_image_set_string(image, "exif-ifd0-Artist", "Ann's phone");
    });
    const auto sent = decode(jpeg);
    ASSERT_TRUE(sent.has_xmp);  // the upload does carry them
    ASSERT_TRUE(sent.has_exif);
    ASSERT_NE(jpeg.find("GPSLatitude"), std::string::npos);

    const auto r = upload(id, jpeg, admin);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const char* size : {"image", "thumbnail"}) {
        const auto file = server.get(r.json()[size].get<std::string>()).body;
        const auto kept = decode(file);
        EXPECT_EQ(kept.width > 0, true) << size;
        EXPECT_FALSE(kept.has_exif) << size;
        EXPECT_FALSE(kept.has_xmp) << size;
        EXPECT_FALSE(kept.has_icc) << size;
        EXPECT_EQ(file.find("GPS"), std::string::npos) << size;
        EXPECT_EQ(file.find("Ann's phone"), std::string::npos) << size;
    }
}

TEST_F(PhotosApi, BombsTruncatedFilesAndNonImagesAre400AndNothingIsStored) {
    const auto id = add_sweet("Toffee", "1.00", 5);
    const auto first = upload(id, picture(300, 300, ".png"), admin, "image/png");
    ASSERT_EQ(first.status, 200) << first.body;
    const auto before = server.get("/api/sweets/" + std::to_string(id) + "/", admin).body;

    const std::string bomb_message =
        "This image is 20000 x 20000 pixels: at most 64 megapixels are taken. Make it smaller and upload it again.";
    EXPECT_EQ(error_of(upload(id, png_bomb(), admin, "image/png")), bomb_message);
    EXPECT_EQ(error_of(upload(id, jpeg_bomb(), admin)), bomb_message);
    const auto whole = picture(1000, 800, ".jpg");
    EXPECT_EQ(error_of(upload(id, whole.substr(0, whole.size() * 6 / 10), admin)),
              "The image is incomplete or damaged: it could not be read to its end. Upload the whole file again.");
    const auto png = picture(600, 400, ".png");
    EXPECT_EQ(error_of(upload(id, png.substr(0, png.size() / 2), admin, "image/png")),
              "The image is incomplete or damaged: it could not be read to its end. Upload the whole file again.");
    const std::string not_an_image =
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";
    EXPECT_EQ(error_of(upload(id, "GIF89a? no, just text pretending", admin, "image/gif")), not_an_image);
    EXPECT_EQ(error_of(upload(id, R"({"image": "a photo"})", admin, "application/json")), not_an_image);
    EXPECT_EQ(error_of(upload(id, picture(20, 20, ".tif"), admin, "image/tiff")),
              "Upload a JPEG, PNG or WebP image; this one is tiff.");
    EXPECT_EQ(error_of(upload(id, "", admin)), "The submitted file is empty.");
    // The sweet and its photo are as they were.
    EXPECT_EQ(server.get("/api/sweets/" + std::to_string(id) + "/", admin).body, before);

    // Who may, and how much.
    EXPECT_EQ(upload(id, picture(20, 20, ".jpg"), user).status, 403);
    EXPECT_EQ(upload(id, picture(20, 20, ".jpg"), {}).status, 401);
    EXPECT_EQ(upload(999, picture(20, 20, ".jpg"), admin).status, 404);
    const auto large = upload(id, std::string((5u << 20) + 1, 'x'), admin);
    EXPECT_EQ(large.status, 413);
    EXPECT_EQ(large.json()["detail"], "The file is too large: at most 5120 KiB are taken.");
    // A JSON body on an ordinary route keeps the ordinary limit.
    EXPECT_EQ(server.post("/api/sweets/", std::string((1u << 20) + 10, ' '), admin).status, 413);
}

TEST_F(PhotosApi, APictureIsStoredOnceAndForgottenWhenNoSweetShowsIt) {
    const auto mint = add_sweet("Mint", "1.00", 1), fudge = add_sweet("Fudge", "1.00", 1);
    const auto jpeg = picture(200, 200, ".jpg");
    const auto a = upload(mint, jpeg, admin).json(), b = upload(fudge, jpeg, admin).json();
    ASSERT_EQ(a["image"], b["image"]);  // content-addressed: the same picture, one name
    const std::string shared = a["image"];

    // Replacing one sweet's photo keeps the other's.
    const auto replaced = upload(mint, picture(300, 200, ".webp"), admin, "image/webp").json();
    EXPECT_NE(replaced["image"], shared);
    EXPECT_EQ(server.get(shared).status, 200);
    // Taking the last one away forgets the picture.
    const auto bare = call("DELETE", "/api/sweets/" + std::to_string(fudge) + "/image/", "", admin);
    ASSERT_EQ(bare.status, 200) << bare.body;
    EXPECT_TRUE(bare.json()["image"].is_null());
    EXPECT_TRUE(bare.json()["thumbnail"].is_null());
    EXPECT_EQ(server.get(shared).status, 404);
    // Deleting a sweet forgets its picture too.
    const std::string latest = replaced["image"];
    ASSERT_EQ(call("DELETE", "/api/sweets/" + std::to_string(mint) + "/", "", admin).status, 204);
    EXPECT_EQ(server.get(latest).status, 404);

    // The audit log has each change of photo.
    const auto log = server.get("/api/audit/?action=sweet.photo", admin).json();
    ASSERT_EQ(log["results"].size(), 4u) << log.dump();
    EXPECT_EQ(log["results"][0]["details"]["image"]["after"], nullptr);
}
