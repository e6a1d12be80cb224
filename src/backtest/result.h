// What one backtest run produced, as plain data: the replay (or the sweep, or
// a test) fills it, metrics.h computes the figures from it and report.h writes
// it out. No behaviour here.
//   - dates are the trading days, strictly increasing; nav[i] is the book's
//     end-of-day NAV on dates[i] and spy_close[i] SPY's close that day. Daily
//     returns are taken between consecutive points, so a run that wants its
//     first trading day counted starts the series with the day before it (NAV
//     = the starting cash);
//   - positions and invested are optional (empty, or one per date): the open
//     positions at the close and their market value in dollars;
//   - fills are every execution in time order (backtest::Fill of day_step.h:
//     ENTER, EXIT, REDUCE, STOP; shares > 0); round trips are built from them
//     (metrics.h build_round_trips);
//   - predictions are optional, one cross-section per day, for the
//     prediction IC.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "backtest/day_step.h"
#include "core/date.h"

namespace ae::backtest {

// One day's predictions next to what the tickers then did (same order).
struct DailyPredictions {
  core::Date date{};
  std::vector<double> predicted{};
  std::vector<double> realised{};
};

struct BacktestResult {
  std::string label = "backtest";  // "replay", "oracle", "sweep #12", ...
  std::vector<core::Date> dates{};
  std::vector<double> nav{};
  std::vector<double> spy_close{};
  std::vector<int> positions{};    // optional: open positions at each close
  std::vector<double> invested{};  // optional: holdings' market value at each close, $
  std::vector<Fill> fills{};
  std::vector<Rejection> rejections{};  // optional: orders that did not fill (no price, cash)
  std::vector<GuardFiring> guard_firings{};
  std::vector<DailyPredictions> predictions{};      // optional
  std::map<std::string, std::string> parameters{};  // the run's settings, shown by the report
};

}  // namespace ae::backtest
