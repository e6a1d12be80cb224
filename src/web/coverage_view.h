// The coverage page: per day, the buy candidates against the predictions
// as stored now (after any heal; the signals in force that morning, see
// signals_key_for, compared by core::compute_coverage), what the weekday execution of that day saw
// and did (first check's missing tickers, self-heal fired, healed or failed), the
// unscored_buy_candidates_count metric recorded that day and the state of the
// alarm that watches it. Days are those with a predictions or signals file
// or a weekday execution, newest first.
#pragma once

#include "web/home_reader.h"
#include "web/query.h"

namespace ae::web {

Json coverage(const HomeReader& home, const DateRange& range, int limit);

// The days with a predictions file (predictor/predictions/{date}.json), sorted.
std::vector<std::string> prediction_days(const HomeReader& home);

}  // namespace ae::web
