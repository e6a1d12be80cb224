// `ae calendar ...`: the NYSE trading calendar (core/nyse_calendar.h).
//   ae calendar check [DATE] [--at TS]   exactly "TRADING DAY" or "MARKET_CLOSED"
//                                        on stdout, exit 0 for both (the weekday
//                                        state machine matches these markers)
//   ae calendar list --from D --to D [--holidays]
//                                        one line per trading day with its
//                                        session in ET, or the closed weekdays
//   ae calendar next [DATE] [--at TS]    the next trading day strictly after
//   ae calendar last-closed [--at TS]    the latest trading day whose session
//                                        has closed
// Without DATE the commands use today's date in New York, from the real clock
// or from --at (a UTC timestamp standing in for "now").
// JSON: check {"date", "weekday", "trading_day", "marker", "early_close",
// "closed_for"?}; list {"days": [{"date", "weekday", "open", "close",
// "early_close"?}]} or, with --holidays, {"closed": [{"date", "weekday",
// "kind", "name"}]}; next {"date"}; last-closed {"date"}.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/market_time.h"
#include "core/nyse_calendar.h"

namespace ae::cli {
namespace {

struct NowOptions {
  std::string at;  // empty: the real clock
};

core::Timestamp now(const NowOptions& options) {
  if (!options.at.empty()) return core::parse_timestamp(options.at);
  return core::make_process_clock()->now();
}

// DATE if given, else today's date in New York.
core::Date date_or_today(const std::string& date, const NowOptions& options) {
  if (!date.empty()) return core::parse_date(date);
  return core::new_york_date(now(options));
}

void add_at_option(CLI::App* command, NowOptions& options) {
  command->add_option("--at", options.at,
                      "UTC timestamp standing in for now (default: the real clock)");
}

std::string hh_mm(core::Timestamp instant) {
  const auto minutes = core::new_york_time_of_day(instant).count();
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return buffer;
}

std::string weekday_abbreviation(core::Date date) {
  static constexpr const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return names[core::weekday_of(date).c_encoding()];
}

void add_calendar_check(CLI::App& calendar, Dispatcher& dispatcher) {
  auto* check = calendar.add_subcommand(
      "check", "Print TRADING DAY or MARKET_CLOSED for DATE (default: today in New York)");
  auto date = std::make_shared<std::string>();
  auto options = std::make_shared<NowOptions>();
  check->add_option("date", *date, "YYYY-MM-DD");
  add_at_option(check, *options);
  dispatcher.bind(check, [date, options](const Context& context) {
    const core::NyseCalendar nyse;
    const core::Date day = date_or_today(*date, *options);
    const bool trading = nyse.is_trading_day(day);
    const char* marker = trading ? "TRADING DAY" : "MARKET_CLOSED";
    if (trading) {
      spdlog::info("{} ({}): trading day{}", core::format_date(day), weekday_abbreviation(day),
                   nyse.is_early_close(day) ? ", early close at 13:00 ET" : "");
    } else {
      spdlog::info("{} ({}): market closed ({})", core::format_date(day), weekday_abbreviation(day),
                   nyse.holiday_name(day).value_or("weekend"));
    }
    nlohmann::json verdict = {{"date", core::format_date(day)},
                              {"weekday", weekday_abbreviation(day)},
                              {"trading_day", trading},
                              {"marker", marker},
                              {"early_close", trading && nyse.is_early_close(day)}};
    if (!trading) verdict["closed_for"] = nyse.holiday_name(day).value_or("weekend");
    context.output.print(verdict, [&](std::ostream& out) { out << marker << "\n"; });
    return 0;
  });
}

void add_list(CLI::App& calendar, Dispatcher& dispatcher) {
  auto* list = calendar.add_subcommand(
      "list", "List trading days with their sessions (ET), or the closed weekdays");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto holidays = std::make_shared<bool>(false);
  list->add_option("--from", *from, "First date, YYYY-MM-DD (inclusive)")->required();
  list->add_option("--to", *to, "Last date, YYYY-MM-DD (inclusive)")->required();
  list->add_flag("--holidays", *holidays, "List the closed weekdays with their names instead");
  dispatcher.bind(list, [from, to, holidays](const Context& context) {
    const core::NyseCalendar nyse;
    const core::Date first = core::parse_date(*from);
    const core::Date last = core::parse_date(*to);
    if (!*holidays) {
      nlohmann::json days = nlohmann::json::array();
      for (const core::Date day : nyse.trading_days_between(first, last)) {
        const core::Session session = nyse.session(day);
        nlohmann::json row = {{"date", core::format_date(day)},
                              {"weekday", weekday_abbreviation(day)},
                              {"open", hh_mm(session.open)},
                              {"close", hh_mm(session.close)}};
        if (session.early_close) row["early_close"] = *nyse.early_close_name(day);
        days.push_back(row);
      }
      context.output.print({{"days", days}}, [&](std::ostream& out) {
        for (const auto& row : days) {
          out << row["date"].get<std::string>() << " " << row["weekday"].get<std::string>() << " "
              << row["open"].get<std::string>() << "-" << row["close"].get<std::string>() << " ET";
          if (row.contains("early_close"))
            out << " early close (" << row["early_close"].get<std::string>() << ")";
          out << "\n";
        }
      });
      return 0;
    }
    nyse.count_trading_days_between(first, last);  // validates the range and its order
    nlohmann::json closed = nlohmann::json::array();
    for (core::Date day = first; day <= last; day = core::add_days(day, 1)) {
      const core::DayKind kind = nyse.day_kind(day);
      if (kind != core::DayKind::holiday && kind != core::DayKind::special_closure) continue;
      closed.push_back({{"date", core::format_date(day)},
                        {"weekday", weekday_abbreviation(day)},
                        {"kind", kind == core::DayKind::holiday ? "holiday" : "special closure"},
                        {"name", *nyse.holiday_name(day)}});
    }
    context.output.print({{"closed", closed}}, [&](std::ostream& out) {
      for (const auto& row : closed)
        out << row["date"].get<std::string>() << " " << row["weekday"].get<std::string>() << " "
            << row["kind"].get<std::string>() << ": " << row["name"].get<std::string>() << "\n";
    });
    return 0;
  });
}

void add_next(CLI::App& calendar, Dispatcher& dispatcher) {
  auto* next = calendar.add_subcommand(
      "next", "Print the next trading day strictly after DATE (default: today in New York)");
  auto date = std::make_shared<std::string>();
  auto options = std::make_shared<NowOptions>();
  next->add_option("date", *date, "YYYY-MM-DD");
  add_at_option(next, *options);
  dispatcher.bind(next, [date, options](const Context& context) {
    const core::NyseCalendar nyse;
    const auto next_day = core::format_date(nyse.next_trading_day(date_or_today(*date, *options)));
    context.output.print({{"date", next_day}}, [&](std::ostream& out) { out << next_day << "\n"; });
    return 0;
  });
}

void add_last_closed(CLI::App& calendar, Dispatcher& dispatcher) {
  auto* last_closed = calendar.add_subcommand(
      "last-closed", "Print the latest trading day whose session has closed by now");
  auto options = std::make_shared<NowOptions>();
  add_at_option(last_closed, *options);
  dispatcher.bind(last_closed, [options](const Context& context) {
    const core::NyseCalendar nyse;
    const auto day = core::format_date(nyse.last_closed_trading_day(now(*options)));
    context.output.print({{"date", day}}, [&](std::ostream& out) { out << day << "\n"; });
    return 0;
  });
}

}  // namespace

void add_calendar_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* calendar = app.add_subcommand("calendar", "The NYSE trading calendar (2000-2035)");
  calendar->require_subcommand(1);
  add_calendar_check(*calendar, dispatcher);
  add_list(*calendar, dispatcher);
  add_next(*calendar, dispatcher);
  add_last_closed(*calendar, dispatcher);
}

}  // namespace ae::cli
