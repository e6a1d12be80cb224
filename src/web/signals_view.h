// The predictions and signals page: one day's table joining the research
// signals in force that morning (the newest signals/{d}/signals.json with d
// before the day: research dated d is published after d's session, by the
// saturday run) with the day's predictions
// (predictor/predictions/{date}.json), both read through their contracts:
// ticker, sector, signal, rating, score, conviction, predicted direction,
// p_up, p_down, predicted alpha, confidence, rank, GBM and momentum vetoes.
// The ticker drill-down: closing prices with moving averages (SVG), and the
// ticker's history of research scores and predictions over the stored days.
#pragma once

#include <optional>

#include "web/home_reader.h"
#include "web/query.h"

namespace ae::web {

// `date` absent: the newest day with predictions (or signals).
Json signals_day(const HomeReader& home, const std::optional<core::Date>& date);

Json ticker_detail(const HomeReader& home, const std::string& ticker, int days);

// The key of the signals file in force on the morning of `day`: the newest
// signals/{d}/signals.json with d < day (nullopt when none).
std::optional<std::string> signals_key_for(const HomeReader& home, const std::string& day);

}  // namespace ae::web
