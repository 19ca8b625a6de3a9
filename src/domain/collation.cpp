#include "domain/collation.hpp"

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <memory>

#include "domain/text.hpp"

namespace sweetshop::domain {

namespace {
std::u16string to_utf16(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8WithSub(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), 0xFFFD, nullptr, &status);
    std::u16string out(static_cast<std::size_t>(length), u'\0');
    status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(out.data(), length, nullptr, text.data(), static_cast<int32_t>(text.size()), 0xFFFD, nullptr,
                         &status);
    if (U_FAILURE(status)) return {};
    return out;
}

struct CollatorDeleter {
    void operator()(UCollator* c) const { ucol_close(c); }
};

/// One collator per thread (ICU's C collators are not to be shared while in use).
UCollator* collator() {
    thread_local std::unique_ptr<UCollator, CollatorDeleter> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UCollator, CollatorDeleter> c(ucol_open("", &status));
        if (U_FAILURE(status)) return std::unique_ptr<UCollator, CollatorDeleter>();
        ucol_setStrength(c.get(), UCOL_PRIMARY);
        ucol_setAttribute(c.get(), UCOL_NUMERIC_COLLATION, UCOL_ON, &status);
        return c;
    }();
    return instance.get();
}
}  // namespace

std::string sort_key(std::string_view text) {
    UCollator* c = collator();
    if (!c) return {};
    const auto u16 = to_utf16(text);
    std::vector<uint8_t> key(u16.size() * 4 + 16);
    int32_t n =
        ucol_getSortKey(c, u16.data(), static_cast<int32_t>(u16.size()), key.data(), static_cast<int32_t>(key.size()));
    if (n > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(n));
        n = ucol_getSortKey(c, u16.data(), static_cast<int32_t>(u16.size()), key.data(), n);
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    // The key ends with a 0 byte (its terminator), which adds nothing to the order.
    for (int32_t i = 0; i + 1 < n; ++i) {
        out.push_back(kHex[key[static_cast<std::size_t>(i)] >> 4]);
        out.push_back(kHex[key[static_cast<std::size_t>(i)] & 0xF]);
    }
    return out;
}

std::vector<std::string> search_words(std::string_view text) {
    std::vector<std::string> words;
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* nfkd = unorm2_getNFKDInstance(&status);
    if (U_FAILURE(status)) return words;
    const auto u16 = to_utf16(text);
    std::u16string decomposed(u16.size() * 4 + 16, u'\0');
    int32_t n = unorm2_normalize(nfkd, u16.data(), static_cast<int32_t>(u16.size()), decomposed.data(),
                                 static_cast<int32_t>(decomposed.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        decomposed.resize(static_cast<std::size_t>(n));
        n = unorm2_normalize(nfkd, u16.data(), static_cast<int32_t>(u16.size()), decomposed.data(), n, &status);
    }
    if (U_FAILURE(status)) return words;
    std::u16string word;
    // Full case folding (ß -> ss), then UTF-8.
    auto finish = [&] {
        if (word.empty()) return;
        std::u16string folded(word.size() * 3 + 4, u'\0');
        UErrorCode fold_status = U_ZERO_ERROR;
        const int32_t length = u_strFoldCase(folded.data(), static_cast<int32_t>(folded.size()), word.data(),
                                             static_cast<int32_t>(word.size()), U_FOLD_CASE_DEFAULT, &fold_status);
        std::u32string points;
        if (U_SUCCESS(fold_status))
            for (int32_t j = 0; j < length;) {
                UChar32 c = 0;
                U16_NEXT(folded.data(), j, length, c);
                points.push_back(static_cast<char32_t>(c));
            }
        if (!points.empty()) words.push_back(encode_utf8(points));
        word.clear();
    };
    for (int32_t i = 0; i < n;) {
        UChar32 c = 0;
        U16_NEXT(decomposed.data(), i, n, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;  // the accents NFKD split off
        if (u_isalnum(c)) {
            if (c > 0xFFFF) {
                word.push_back(static_cast<char16_t>(U16_LEAD(c)));
                word.push_back(static_cast<char16_t>(U16_TRAIL(c)));
            } else {
                word.push_back(static_cast<char16_t>(c));
            }
        } else {
            finish();
        }
    }
    finish();
    return words;
}

std::string search_text(std::string_view text) {
    std::string out;
    for (const auto& w : search_words(text)) {
        if (!out.empty()) out.push_back(' ');
        out.append(w);
    }
    return out;
}

}  // namespace sweetshop::domain
