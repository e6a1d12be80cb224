#include "core/text.h"

#include <algorithm>
#include <cctype>

namespace ae::core {

std::string to_upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

}  // namespace ae::core
