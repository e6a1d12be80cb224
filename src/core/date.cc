#include "core/date.h"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/error.h"

namespace ae::core {
namespace {

bool read_digits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + count, out);
  return true;
}

[[noreturn]] void bad(std::string_view what, std::string_view text) {
  throw InvalidInput("invalid " + std::string(what) + " '" + std::string(text) + "'");
}

}  // namespace

Date parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_digits(text, 0, 4, y) ||
      !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d)) {
    bad("date (expected YYYY-MM-DD)", text);
  }
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) bad("date (no such day)", text);
  return date;
}

std::string format_date(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

Timestamp parse_timestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+00:00)
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ')) {
    bad("timestamp (expected YYYY-MM-DDTHH:MM:SSZ)", text);
  }
  Date date = parse_date(text.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(text, 11, 2, hh) || text[13] != ':' || !read_digits(text, 14, 2, mm) ||
      text[16] != ':' || !read_digits(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 60) {
    bad("timestamp (bad time of day)", text);
  }
  size_t pos = 19;
  long micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (digits < 6) micros = micros * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) bad("timestamp (empty fraction)", text);
    for (int i = digits; i < 6; ++i) micros *= 10;
  }
  std::string_view zone = text.substr(pos);
  if (zone != "Z" && zone != "+00:00") bad("timestamp (only UTC 'Z' or '+00:00' accepted)", text);
  using namespace std::chrono;
  return Timestamp{sys_days{date}} + hours{hh} + minutes{mm} + seconds{ss} + microseconds{micros};
}

std::string format_timestamp(Timestamp instant) {
  using namespace std::chrono;
  auto day = floor<days>(instant);
  hh_mm_ss<microseconds> time{instant - day};
  char buffer[40];
  const long micros = time.subseconds().count();
  std::string date = format_date(Date{day});
  if (micros == 0) {
    std::snprintf(buffer, sizeof buffer, "%sT%02ld:%02ld:%02lldZ", date.c_str(),
                  static_cast<long>(time.hours().count()),
                  static_cast<long>(time.minutes().count()),
                  static_cast<long long>(time.seconds().count()));
  } else {
    std::snprintf(buffer, sizeof buffer, "%sT%02ld:%02ld:%02lld.%06ldZ", date.c_str(),
                  static_cast<long>(time.hours().count()),
                  static_cast<long>(time.minutes().count()),
                  static_cast<long long>(time.seconds().count()), micros);
  }
  return buffer;
}

Date add_days(Date date, int days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

int days_between(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::chrono::weekday weekday_of(Date date) {
  return std::chrono::weekday{std::chrono::sys_days{date}};
}

}  // namespace ae::core
