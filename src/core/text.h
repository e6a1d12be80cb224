// Small text helpers shared by every layer.
#pragma once

#include <string>

namespace ae::core {

// ASCII upper case (tickers are compared upper-cased everywhere).
std::string to_upper(std::string text);

}  // namespace ae::core
