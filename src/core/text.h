// Small text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>

namespace ae::core {

// ASCII upper case (tickers are compared upper-cased everywhere).
std::string to_upper(std::string text);

// `text` with every ill-formed UTF-8 sequence (a stray continuation byte, a
// truncated or overlong sequence, a surrogate, a code point past U+10FFFF)
// replaced by one U+FFFD per maximal subpart, as nlohmann's
// error_handler_t::replace does when dumping. For free text that may quote
// outside input (an exception's message) before it goes into a JSON document.
std::string to_valid_utf8(std::string_view text);

}  // namespace ae::core
