#pragma once
// Small text rules shared by the validators: UTF-8 decoding, trimming, character counts.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sweetshop::domain {

/// Decodes UTF-8 into code points; std::nullopt when the text is not valid UTF-8.
std::optional<std::u32string> decode_utf8(std::string_view text);
/// Length in code points (bytes when the text is not valid UTF-8).
std::size_t char_count(std::string_view text);
/// Strips leading and trailing whitespace (ASCII and Unicode spaces), as DRF's CharField does.
std::string trim(std::string_view text);
/// True for a Unicode letter or digit (glibc's C.UTF-8 classification).
bool is_alnum(char32_t c);
std::string to_lower_ascii(std::string_view text);
std::string encode_utf8(std::u32string_view text);
/// Lower-cases every letter (Unicode simple case mapping of glibc's C.UTF-8), so that searches are case-insensitive
/// beyond ASCII and identical on every database backend. Invalid UTF-8 is lower-cased as ASCII only.
std::string fold_case(std::string_view text);
/// Unicode NFKC (ICU), as Django normalises usernames: a full-width "ｃarol" is "carol". Look-alikes from other
/// scripts (a Cyrillic "с") are other characters and stay distinct. Invalid UTF-8 comes back unchanged.
std::string nfkc(std::string_view text);

}  // namespace sweetshop::domain
