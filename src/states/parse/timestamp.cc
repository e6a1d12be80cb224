#include "states/parse/timestamp.h"

#include <cctype>

namespace ae::states {

std::optional<core::Timestamp> parse_asl_timestamp(std::string_view text) {
  using namespace std::chrono;
  size_t pos = 0;
  auto digits = [&](size_t count) -> std::optional<int> {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (size_t i = 0; i < count; ++i) {
      char c = text[pos + i];
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    pos += count;
    return value;
  };
  auto expect = [&](char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  auto year = digits(4);
  if (!year || !expect('-')) return std::nullopt;
  auto month = digits(2);
  if (!month || !expect('-')) return std::nullopt;
  auto day = digits(2);
  if (!day || !(expect('T') || expect('t'))) return std::nullopt;
  auto hour = digits(2);
  if (!hour || !expect(':')) return std::nullopt;
  auto minute = digits(2);
  if (!minute || !expect(':')) return std::nullopt;
  auto second = digits(2);
  if (!second) return std::nullopt;
  long long micros = 0;
  if (expect('.')) {
    size_t begin = pos;
    long long scale = 100000;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == begin) return std::nullopt;
  }
  int offset_minutes = 0;
  if (expect('Z') || expect('z')) {
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto oh = digits(2);
    if (!oh || !expect(':')) return std::nullopt;
    auto om = digits(2);
    if (!om || *oh > 23 || *om > 59) return std::nullopt;
    offset_minutes = sign * (*oh * 60 + *om);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                      std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  return sys_days(date) + hours(*hour) + minutes(*minute - offset_minutes) + seconds(*second) +
         microseconds(micros);
}

}  // namespace ae::states
