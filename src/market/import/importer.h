// `ae data import`: CSV files into the bar store and the universe.
//   per-ticker  Date,Open,High,Low,Close[,Adj Close],Volume - the ticker is the
//               file name without extension (upper-cased); the file is the
//               symbol's whole history and replaces it. With Adj Close, the
//               factor is AdjClose/Close, prices are multiplied by it and the
//               volume divided by it (adjusted bars, bar.h); without, factor 1.
//   long        ticker,date,open,high,low,close,volume[,vwap] - adjusted bars
//               (factor 1) merged into the stored series: new dates append,
//               existing dates are overwritten (provisional -> final).
//   universe    ticker,name,sector,index[,added,removed] - one row per index
//               membership; replaces the universe. Sectors go through the
//               canonicaliser; an unknown one is an error.
// Everything is parsed and gated in memory first; any problem - malformed row,
// unknown sector, duplicate or non-trading date, NaN or non-positive price, a
// blocking quality gate - throws InvalidInput naming file, line and field, and
// nothing is written. Then each symbol's file is replaced atomically and the
// universe last.
#pragma once

#include <string>
#include <vector>

#include "market/bar_store.h"

namespace ae::market {

struct ImportRequest {
  std::vector<std::string> per_ticker_files;
  std::vector<std::string> long_files;
  std::string universe_file;  // empty: keep the universe
};

struct ImportResult {
  std::size_t symbols = 0;
  std::size_t bars = 0;
  std::size_t universe_tickers = 0;
  std::size_t warnings = 0;
};

ImportResult import_files(BarStore& store, const ImportRequest& request);

// The universe CSV alone (exposed for tests and callers with their own store).
Universe parse_universe_csv(const std::string& path);

}  // namespace ae::market
