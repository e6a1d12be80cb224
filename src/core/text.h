// Small text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ae::core {

// ASCII upper case (tickers are compared upper-cased everywhere).
std::string to_upper(std::string text);

// `text` with every ill-formed UTF-8 sequence (a stray continuation byte, a
// truncated or overlong sequence, a surrogate, a code point past U+10FFFF)
// replaced by one U+FFFD per maximal subpart, as nlohmann's
// error_handler_t::replace does when dumping. For free text that may quote
// outside input (an exception's message) before it goes into a JSON document.
std::string to_valid_utf8(std::string_view text);

// True when `text` is well-formed UTF-8 (to_valid_utf8 would not change it).
bool is_valid_utf8(std::string_view text);

// The characters of `text` in order: each well-formed UTF-8 sequence is one,
// and so is each ill-formed maximal subpart (what to_valid_utf8 replaces).
std::vector<std::string_view> utf8_characters(std::string_view text);

}  // namespace ae::core
