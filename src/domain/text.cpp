#include "domain/text.hpp"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <clocale>
#include <cwctype>

#include <locale.h>

namespace sweetshop::domain {

std::optional<std::u32string> decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        int extra;
        char32_t cp;
        if (b < 0x80) {
            cp = b;
            extra = 0;
        } else if ((b & 0xE0) == 0xC0) {
            cp = b & 0x1F;
            extra = 1;
        } else if ((b & 0xF0) == 0xE0) {
            cp = b & 0x0F;
            extra = 2;
        } else if ((b & 0xF8) == 0xF0) {
            cp = b & 0x07;
            extra = 3;
        } else {
            return std::nullopt;
        }
        if (i + static_cast<std::size_t>(extra) >= s.size()) return std::nullopt;
        for (int k = 1; k <= extra; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (c & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return std::nullopt;
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

std::size_t char_count(std::string_view text) {
    auto decoded = decode_utf8(text);
    return decoded ? decoded->size() : text.size();
}

namespace {
bool is_space(char32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x1F || c == 0x85 ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

std::size_t encoded_length(char32_t c) {
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

locale_t utf8_locale() {
    static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return loc;
}
}  // namespace

std::string trim(std::string_view text) {
    auto decoded = decode_utf8(text);
    if (!decoded) return std::string(text);
    std::size_t begin = 0, end = decoded->size();
    while (begin < end && is_space((*decoded)[begin]))
        ++begin;
    while (end > begin && is_space((*decoded)[end - 1]))
        --end;
    std::size_t byte_begin = 0, byte_len = 0;
    for (std::size_t i = 0; i < begin; ++i)
        byte_begin += encoded_length((*decoded)[i]);
    for (std::size_t i = begin; i < end; ++i)
        byte_len += encoded_length((*decoded)[i]);
    return std::string(text.substr(byte_begin, byte_len));
}

bool is_alnum(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    locale_t loc = utf8_locale();
    if (loc == static_cast<locale_t>(nullptr)) return false;
    return iswalnum_l(static_cast<wint_t>(c), loc) != 0;
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::string fold_case(std::string_view text) {
    bool ascii = true;
    for (char ch : text)
        if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
    if (ascii) return to_lower_ascii(text);
    auto decoded = decode_utf8(text);
    locale_t loc = utf8_locale();
    if (!decoded || loc == static_cast<locale_t>(nullptr)) return to_lower_ascii(text);
    for (auto& c : *decoded)
        c = static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), loc));
    return encode_utf8(*decoded);
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (auto& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
}

std::string nfkc(std::string_view text) {
    if (text.empty() || !decode_utf8(text)) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* normalizer = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) return std::string(text);
    // UTF-8 -> UTF-16 -> NFKC -> UTF-8 with ICU's C API (no C++ ABI to match).
    std::vector<UChar> in(text.size() + 1);
    int32_t in_len = 0;
    u_strFromUTF8(in.data(), static_cast<int32_t>(in.size()), &in_len, text.data(), static_cast<int32_t>(text.size()),
                  &status);
    if (U_FAILURE(status)) return std::string(text);
    if (unorm2_isNormalized(normalizer, in.data(), in_len, &status) && U_SUCCESS(status)) return std::string(text);
    status = U_ZERO_ERROR;
    std::vector<UChar> out(static_cast<std::size_t>(in_len) * 4 + 16);
    int32_t out_len =
        unorm2_normalize(normalizer, in.data(), in_len, out.data(), static_cast<int32_t>(out.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        out.resize(static_cast<std::size_t>(out_len) + 1);
        out_len =
            unorm2_normalize(normalizer, in.data(), in_len, out.data(), static_cast<int32_t>(out.size()), &status);
    }
    if (U_FAILURE(status)) return std::string(text);
    std::string result(static_cast<std::size_t>(out_len) * 3 + 1, '\0');
    int32_t result_len = 0;
    u_strToUTF8(result.data(), static_cast<int32_t>(result.size()), &result_len, out.data(), out_len, &status);
    if (U_FAILURE(status)) return std::string(text);
    result.resize(static_cast<std::size_t>(result_len));
    return result;
}

}  // namespace sweetshop::domain
