#include "domain/photos.hpp"

#include <algorithm>

namespace sweetshop::domain {

namespace {
constexpr std::string_view kCardSuffix = "-card.webp";
constexpr std::string_view kThumbnailSuffix = "-thumb.webp";
constexpr std::size_t kDigestChars = 32;

Sweet found(std::optional<Sweet> sweet) {
    if (!sweet) throw Error(ErrorCode::NotFound, kSweetNotFound);
    return std::move(*sweet);
}
}  // namespace

Sweet Photos::upload(std::int64_t sweet, std::string_view bytes, const Actor& actor) {
    found(sweets_.find(sweet));
    const auto photo = codec_.prepare(bytes);
    return found(store_.set_photo(sweet, photo, actor));
}

Sweet Photos::remove(std::int64_t sweet, const Actor& actor) {
    auto current = found(sweets_.find(sweet));
    if (!current.image) return current;
    return found(store_.set_photo(sweet, std::nullopt, actor));
}

std::string photo_path(const std::string& digest, PhotoSize size) {
    std::string out = "/api/images/";
    out.append(digest).append(size == PhotoSize::Card ? kCardSuffix : kThumbnailSuffix);
    return out;
}

std::optional<std::pair<std::string, PhotoSize>> parse_photo_file(std::string_view name) {
    auto digest_of = [&](std::string_view suffix) -> std::optional<std::string> {
        if (name.size() != kDigestChars + suffix.size() || name.substr(kDigestChars) != suffix) return std::nullopt;
        const auto digest = name.substr(0, kDigestChars);
        if (!std::all_of(digest.begin(), digest.end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
            return std::nullopt;
        return std::string(digest);
    };
    if (auto d = digest_of(kCardSuffix)) return std::pair{*d, PhotoSize::Card};
    if (auto d = digest_of(kThumbnailSuffix)) return std::pair{*d, PhotoSize::Thumbnail};
    return std::nullopt;
}

}  // namespace sweetshop::domain
