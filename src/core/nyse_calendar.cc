#include "core/nyse_calendar.h"

#include <algorithm>
#include <array>

#include "core/error.h"
#include "core/market_time.h"

namespace ae::core {
namespace {

using namespace std::chrono;

constexpr TimeOfDay regular_open = hours{9} + minutes{30};
constexpr TimeOfDay regular_close = hours{16};
constexpr TimeOfDay early_close_time = hours{13};

struct SpecialDay {
  Date date;
  DayKind kind;
  std::string_view name;
};

// Unscheduled closures and early closes that no rule produces, from NYSE's
// closings history. Extend this table when NYSE announces a new one.
constexpr std::array special_days{
    SpecialDay{year{2001} / September / 11, DayKind::special_closure, "September 11 attacks"},
    SpecialDay{year{2001} / September / 12, DayKind::special_closure, "September 11 attacks"},
    SpecialDay{year{2001} / September / 13, DayKind::special_closure, "September 11 attacks"},
    SpecialDay{year{2001} / September / 14, DayKind::special_closure, "September 11 attacks"},
    SpecialDay{year{2003} / December / 26, DayKind::early_close, "Day after Christmas"},
    SpecialDay{year{2004} / June / 11, DayKind::special_closure,
               "National Day of Mourning for President Ronald Reagan"},
    SpecialDay{year{2007} / January / 2, DayKind::special_closure,
               "National Day of Mourning for President Gerald R. Ford"},
    SpecialDay{year{2012} / October / 29, DayKind::special_closure, "Hurricane Sandy"},
    SpecialDay{year{2012} / October / 30, DayKind::special_closure, "Hurricane Sandy"},
    SpecialDay{year{2018} / December / 5, DayKind::special_closure,
               "National Day of Mourning for President George H. W. Bush"},
    SpecialDay{year{2025} / January / 9, DayKind::special_closure,
               "National Day of Mourning for President Jimmy Carter"},
};

constexpr std::array<std::string_view, 7> weekday_names{
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

bool is_weekend(Date date) {
  const weekday day{sys_days{date}};
  return day == Saturday || day == Sunday;
}

// Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" computus).
Date easter_sunday(year y) {
  const int n = static_cast<int>(y);
  const int a = n % 19;
  const int b = n / 100;
  const int c = n % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_number = (h + l - 7 * m + 114) / 31;
  const int day_number = (h + l - 7 * m + 114) % 31 + 1;
  return Date{y, month{static_cast<unsigned>(month_number)},
              day{static_cast<unsigned>(day_number)}};
}

Date nth_weekday(year y, month m, weekday wd, unsigned n) {
  return Date{sys_days{year_month_weekday{y, m, weekday_indexed{wd, n}}}};
}

Date last_weekday(year y, month m, weekday wd) {
  return Date{sys_days{year_month_weekday_last{y, m, weekday_last{wd}}}};
}

std::string range_text() {
  return format_date(NyseCalendar::first_date) + ".." + format_date(NyseCalendar::last_date);
}

}  // namespace

std::string_view to_string(DayKind kind) {
  switch (kind) {
    case DayKind::trading:
      return "trading";
    case DayKind::early_close:
      return "early_close";
    case DayKind::weekend:
      return "weekend";
    case DayKind::holiday:
      return "holiday";
    case DayKind::special_closure:
      return "special_closure";
  }
  return "unknown";
}

NyseCalendar::NyseCalendar() {
  const int day_count = (sys_days{last_date} - sys_days{first_date}).count() + 1;
  days_.resize(static_cast<size_t>(day_count));
  names_.emplace_back();
  for (int i = 0; i < day_count; ++i) {
    if (is_weekend(Date{sys_days{first_date} + days{i}})) days_[i].kind = DayKind::weekend;
  }
  for (int y = static_cast<int>(first_date.year()); y <= static_cast<int>(last_date.year()); ++y) {
    add_rule_based_days(year{y});
  }
  add_special_days();
  build_sessions();
}

void NyseCalendar::mark(Date date, DayKind kind, std::string_view name) {
  if (!is_supported(date)) return;  // e.g. an observance spilling past the range
  auto& info = days_[static_cast<size_t>(index_of(date))];
  if (info.kind == DayKind::weekend) return;
  // Early closes apply only to days that would otherwise trade normally.
  if (kind == DayKind::early_close && info.kind != DayKind::trading) return;
  auto found = std::find(names_.begin(), names_.end(), name);
  if (found == names_.end()) found = names_.insert(names_.end(), std::string(name));
  info.kind = kind;
  info.name = static_cast<std::uint8_t>(found - names_.begin());
}

void NyseCalendar::add_rule_based_days(year y) {
  // Saturday -> Friday before, Sunday -> Monday after, named "(observed)".
  const auto observe = [&](Date actual, std::string_view name) {
    const weekday wd{sys_days{actual}};
    if (wd == Saturday) {
      mark(Date{sys_days{actual} - days{1}}, DayKind::holiday, std::string(name) + " (observed)");
    } else if (wd == Sunday) {
      mark(Date{sys_days{actual} + days{1}}, DayKind::holiday, std::string(name) + " (observed)");
    } else {
      mark(actual, DayKind::holiday, name);
    }
  };

  // New Year's Day on a Saturday is not observed (NYSE Rule 7.2: the Friday
  // before ends the yearly accounting period).
  const Date new_year = y / January / 1;
  if (weekday{sys_days{new_year}} != Saturday) observe(new_year, "New Year's Day");
  if (y >= year{1998}) {
    mark(nth_weekday(y, January, Monday, 3), DayKind::holiday, "Martin Luther King Jr. Day");
  }
  mark(nth_weekday(y, February, Monday, 3), DayKind::holiday, "Washington's Birthday");
  mark(Date{sys_days{easter_sunday(y)} - days{2}}, DayKind::holiday, "Good Friday");
  mark(last_weekday(y, May, Monday), DayKind::holiday, "Memorial Day");
  if (y >= year{2022}) observe(y / June / 19, "Juneteenth National Independence Day");
  observe(y / July / 4, "Independence Day");
  mark(nth_weekday(y, September, Monday, 1), DayKind::holiday, "Labor Day");
  const Date thanksgiving = nth_weekday(y, November, Thursday, 4);
  mark(thanksgiving, DayKind::holiday, "Thanksgiving Day");
  observe(y / December / 25, "Christmas Day");

  // Early closes. July 3 closes early when it and July 4 are both weekdays;
  // before 2013 a Thursday July 4 put the early close on Friday July 5 instead.
  const Date july_3 = y / July / 3;
  const weekday july_4_weekday{sys_days{y / July / 4}};
  if (july_4_weekday == Thursday && y < year{2013}) {
    mark(y / July / 5, DayKind::early_close, "Day after Independence Day");
  } else if (!is_weekend(july_3) && !is_weekend(y / July / 4)) {
    mark(july_3, DayKind::early_close, "Day before Independence Day");
  }
  mark(Date{sys_days{thanksgiving} + days{1}}, DayKind::early_close, "Day after Thanksgiving");
  // On a Friday, December 24 is the observed Christmas holiday (mark skips it).
  mark(y / December / 24, DayKind::early_close, "Christmas Eve");
}

void NyseCalendar::add_special_days() {
  for (const auto& special : special_days) mark(special.date, special.kind, special.name);
}

void NyseCalendar::build_sessions() {
  rank_.assign(days_.size() + 1, 0);
  for (size_t i = 0; i < days_.size(); ++i) {
    const DayKind kind = days_[i].kind;
    const bool trades = kind == DayKind::trading || kind == DayKind::early_close;
    rank_[i + 1] = rank_[i] + (trades ? 1 : 0);
    if (!trades) continue;
    const Date date{sys_days{first_date} + days{static_cast<int>(i)}};
    // A DST switch never falls on a weekday, so one conversion fixes the
    // day's UTC offset and the close follows by plain arithmetic.
    const Timestamp open = new_york_instant(date, regular_open);
    const TimeOfDay close = kind == DayKind::early_close ? early_close_time : regular_close;
    trading_days_.push_back(date);
    opens_.push_back(open);
    closes_.push_back(open + (close - regular_open));
  }
  end_instant_ = new_york_instant(Date{sys_days{last_date} + days{1}}, TimeOfDay{0});
}

bool NyseCalendar::is_supported(Date date) const noexcept {
  return date.ok() && date >= first_date && date <= last_date;
}

int NyseCalendar::index_of(Date date) const {
  if (!is_supported(date)) {
    throw InvalidInput("date " + format_date(date) +
                       " is outside the NYSE calendar's supported range " + range_text());
  }
  return (sys_days{date} - sys_days{first_date}).count();
}

DayKind NyseCalendar::day_kind(Date date) const {
  return days_[static_cast<size_t>(index_of(date))].kind;
}

bool NyseCalendar::is_trading_day(Date date) const {
  const DayKind kind = day_kind(date);
  return kind == DayKind::trading || kind == DayKind::early_close;
}

bool NyseCalendar::is_early_close(Date date) const {
  return day_kind(date) == DayKind::early_close;
}

std::optional<std::string> NyseCalendar::holiday_name(Date date) const {
  const auto& info = days_[static_cast<size_t>(index_of(date))];
  if (info.kind != DayKind::holiday && info.kind != DayKind::special_closure) return std::nullopt;
  return names_[info.name];
}

std::optional<std::string> NyseCalendar::early_close_name(Date date) const {
  const auto& info = days_[static_cast<size_t>(index_of(date))];
  if (info.kind != DayKind::early_close) return std::nullopt;
  return names_[info.name];
}

Session NyseCalendar::session(Date date) const {
  const int index = index_of(date);
  const auto& info = days_[static_cast<size_t>(index)];
  if (info.kind != DayKind::trading && info.kind != DayKind::early_close) {
    const std::string reason =
        info.kind == DayKind::weekend
            ? std::string(weekday_names[weekday{sys_days{date}}.c_encoding()])
            : names_[info.name];
    throw InvalidInput(format_date(date) + " is not a trading day (" + reason + ")");
  }
  const auto slot = static_cast<size_t>(rank_[static_cast<size_t>(index)]);
  return Session{date, opens_[slot], closes_[slot], info.kind == DayKind::early_close};
}

Date NyseCalendar::next_trading_day(Date date) const {
  const auto slot = static_cast<size_t>(rank_[static_cast<size_t>(index_of(date)) + 1]);
  if (slot >= trading_days_.size()) {
    throw InvalidInput("no trading day after " + format_date(date) +
                       " within the NYSE calendar's supported range " + range_text());
  }
  return trading_days_[slot];
}

Date NyseCalendar::previous_trading_day(Date date) const {
  const auto slot = static_cast<size_t>(rank_[static_cast<size_t>(index_of(date))]);
  if (slot == 0) {
    throw InvalidInput("no trading day before " + format_date(date) +
                       " within the NYSE calendar's supported range " + range_text());
  }
  return trading_days_[slot - 1];
}

Date NyseCalendar::last_closed_trading_day(Timestamp now) const {
  if (now >= end_instant_) {
    throw InvalidInput("instant " + format_timestamp(now) +
                       " is after the NYSE calendar's supported range " + range_text());
  }
  const auto after = std::upper_bound(closes_.begin(), closes_.end(), now);
  if (after == closes_.begin()) {
    throw InvalidInput("no NYSE session closed by " + format_timestamp(now) +
                       " within the supported range " + range_text());
  }
  return trading_days_[static_cast<size_t>(after - closes_.begin()) - 1];
}

std::vector<Date> NyseCalendar::trading_days_between(Date from, Date to) const {
  const int count = count_trading_days_between(from, to);
  const auto first = trading_days_.begin() + rank_[static_cast<size_t>(index_of(from))];
  return std::vector<Date>(first, first + count);
}

int NyseCalendar::count_trading_days_between(Date from, Date to) const {
  const int from_index = index_of(from);
  const int to_index = index_of(to);
  if (from_index > to_index) {
    throw InvalidInput("trading day range is reversed: from " + format_date(from) +
                       " is after to " + format_date(to));
  }
  return rank_[static_cast<size_t>(to_index) + 1] - rank_[static_cast<size_t>(from_index)];
}

}  // namespace ae::core
