#include "web/query.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/error.h"

namespace ae::web {

std::optional<std::string> param(const QueryParams& params, const std::string& name) {
  const auto found = params.find(name);
  if (found == params.end()) return std::nullopt;
  return found->second;
}

int int_param(const QueryParams& params, const std::string& name, int fallback, int max) {
  const auto text = param(params, name);
  if (!text) return fallback;
  int value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size())
    throw core::InvalidInput("query parameter " + name + " must be an integer, got '" + *text +
                             "'");
  if (value < 1 || value > max)
    throw core::InvalidInput("query parameter " + name + " must be in [1, " + std::to_string(max) +
                             "], got " + *text);
  return value;
}

std::optional<core::Date> date_param(const QueryParams& params, const std::string& name) {
  const auto text = param(params, name);
  if (!text || text->empty()) return std::nullopt;
  try {
    return core::parse_date(*text);
  } catch (const core::Error&) {
    throw core::InvalidInput("query parameter " + name + " must be a date YYYY-MM-DD, got '" +
                             text->substr(0, 40) + "'");
  }
}

bool DateRange::contains(core::Date date) const {
  return (!from || date >= *from) && (!to || date <= *to);
}

bool DateRange::contains(const std::string& iso_date) const {
  if (!from && !to) return true;
  try {
    return contains(core::parse_date(iso_date.substr(0, 10)));
  } catch (const core::Error&) {
    return false;
  }
}

DateRange range_param(const QueryParams& params) {
  DateRange range{date_param(params, "from"), date_param(params, "to")};
  if (range.from && range.to) {
    if (*range.from > *range.to)
      throw core::InvalidInput("query parameters: from " + core::format_date(*range.from) +
                               " is after to " + core::format_date(*range.to));
    if (core::days_between(*range.from, *range.to) > kMaxRangeDays)
      throw core::InvalidInput("query parameters: the range from/to spans more than " +
                               std::to_string(kMaxRangeDays) + " days");
  }
  return range;
}

std::string checked_ticker(const std::string& text) {
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const bool valid = !upper.empty() && upper.size() <= 12 &&
                     std::all_of(upper.begin(), upper.end(), [](unsigned char c) {
                       return std::isupper(c) || std::isdigit(c) || c == '.' || c == '-';
                     });
  if (!valid) throw core::InvalidInput("not a ticker: '" + text.substr(0, 40) + "'");
  return upper;
}

bool is_valid_name(const std::string& text) {
  return !text.empty() && text.size() <= 128 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '_' || c == '.' || c == ':' || c == '-';
         });
}

std::string checked_name(const std::string& text) {
  if (!is_valid_name(text))
    throw core::InvalidInput("not a valid name: '" + text.substr(0, 40) + "'");
  return text;
}

}  // namespace ae::web
