// The backtests page: what the backtester left under backtest/{date}/ in the
// store (report.md, metrics.json, nav.csv, *.svg, sweep.csv, ...), listed per
// run date, newest first; one file served as stored; and, when a sweep.csv
// has columns min_score, max_position_pct and a Sharpe column, its heat map
// (one per drawdown_circuit_breaker value when that column exists).
#pragma once

#include <string>

#include "web/home.h"

namespace ae::web {

Json backtests(const Home& home);

struct StoredFile {
  std::string bytes;
  std::string content_type;
};
// NotFound for an unknown run or file; InvalidInput for a malformed name.
StoredFile backtest_file(const Home& home, const std::string& date, const std::string& file);

// Heat maps (SVG) of a sweep.csv text; empty when the columns are not there.
std::vector<std::string> sweep_heat_maps(const std::string& csv);

}  // namespace ae::web
