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
//               canonicaliser; an unknown one is an error. Several files are
//               merged into one universe; a ticker in two files is an error
//               naming both.
// Each file is streamed row by row (csv_reader.h: at most 512 MiB a file,
// 64 KiB a row): what is held in memory is the parsed bars, never the text.
// Everything is parsed and gated first; any problem - malformed row,
// unknown sector, duplicate or non-trading date, NaN or non-positive price, a
// blocking quality gate - throws InvalidInput naming file, line and field, and
// nothing is written. An adjustment jump (quarantine.h) is not an error: the
// bars before the jump are held out and the day is recorded. Then each
// symbol's file is replaced atomically, then the quarantine record (a
// symbol's entries are replaced with its history by a per-ticker file, added
// to by a long file), and the universe last. Warnings are returned (and logged
// at debug level only).
#pragma once

#include <string>
#include <vector>

#include "market/bar_store.h"

namespace ae::market {

struct ImportRequest {
  std::vector<std::string> per_ticker_files;
  std::vector<std::string> long_files;
  std::vector<std::string> universe_files;  // empty: keep the universe
};

struct ImportResult {
  std::size_t symbols = 0;
  std::size_t bars = 0;  // rows read (held-out ones included)
  std::size_t universe_tickers = 0;
  std::vector<QualityIssue> warnings;
  std::vector<QuarantinedDay> quarantined;  // by this import
  std::size_t held_out_bars = 0;            // present bars kept out by the quarantine
};

ImportResult import_files(BarStore& store, const ImportRequest& request);

// Universe CSVs alone, merged (exposed for tests and callers with their own
// store).
Universe parse_universe_csvs(const std::vector<std::string>& paths);

}  // namespace ae::market
