// The backtests page: what the backtester left under backtest/{date}/ in the
// store (report.md, metrics.json, nav.csv, *.svg - the sweep heat map among
// them, drawn by the backtester with ae::charts -, sweep.csv, ...), listed per
// run date, newest first, with each run's metrics.json; one file served as
// stored.
#pragma once

#include <string>

#include "web/home_reader.h"

namespace ae::web {

Json backtests(const HomeReader& home);

struct StoredFile {
  std::string bytes;
  std::string content_type;
};
// NotFound for an unknown run or file; InvalidInput for a malformed name.
StoredFile backtest_file(const HomeReader& home, const std::string& date, const std::string& file);

}  // namespace ae::web
