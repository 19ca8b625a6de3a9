#pragma once
// How people expect names sorted and found, with ICU: a sort key that ignores case and accents and reads digits as
// numbers ("Bar 2" before "Bar 10", "caramel" before "White"), and the words a search matches (accents and case
// folded away, split at anything that is not a letter or digit).
#include <string>
#include <string_view>
#include <vector>

namespace sweetshop::domain {

/// ICU's root collation at primary strength with numeric ordering, as lower-case hex: comparing two keys byte by
/// byte (SQLite's BINARY, PostgreSQL's COLLATE "C") orders the texts as people do, the same on every backend.
std::string sort_key(std::string_view text);

/// The words of `text` for search: NFKD, combining marks removed, case-folded, split at every character that is
/// neither a letter nor a digit ("Crème Brûlée-Bites!" -> creme, brulee, bites).
std::vector<std::string> search_words(std::string_view text);

/// search_words joined by single spaces: what the search index stores.
std::string search_text(std::string_view text);

}  // namespace sweetshop::domain
