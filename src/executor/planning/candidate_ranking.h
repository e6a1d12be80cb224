// The benchmark-relative construction's candidates, which no configuration
// changes: every predicted ticker but SPY with a positive price and an ATR%,
// in ticker order, and the same ranked by predicted alpha (highest first,
// ticker order on ties), with each sector's share of them. Built from a
// PlanInput's predictions, prices, ATR% and sectors, which it keeps (shared,
// not copied), so that it outlives the input it came from.
//
// The books of a backtest day plan from one day's part; the ranking built
// from that part (PlanInput::candidates) serves every book whose own values
// (its holdings' prices, ATR% and sectors) leave the candidates as they are.
// ranking_for gives a book that ranking, or ranks the book's own input when
// its values differ, so a book always plans from the ranking of its input.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "executor/planning/planner.h"

namespace ae::executor {

struct RankedCandidate {
  std::string ticker;
  const core::Prediction* prediction = nullptr;
  double price = 0;
  double atr_pct = 0;
  std::string_view sector;  // into the ranking's sectors
  std::size_t rank = 0;     // 0 = highest alpha
};

class CandidateRanking {
 public:
  explicit CandidateRanking(const PlanInput& input);
  CandidateRanking(const CandidateRanking&) = delete;
  CandidateRanking& operator=(const CandidateRanking&) = delete;

  const std::vector<RankedCandidate>& by_ticker() const { return by_ticker_; }
  const std::vector<const RankedCandidate*>& ranked() const { return ranked_; }
  const RankedCandidate* find(const std::string& ticker) const;
  // The sector's share of the candidates (0 for a sector without any).
  double sector_share(std::string_view sector) const;

  // Whether ranking `input` would give this ranking: the same predictions and
  // shared values, and every ticker with its own values there or here the
  // same candidate (or none) in both.
  bool holds_for(const PlanInput& input) const;

 private:
  std::shared_ptr<const PredictionsByTicker> predictions_;
  TickerValues<double> prices_, atr_pct_;
  TickerValues<std::string> sectors_;
  std::vector<RankedCandidate> by_ticker_;
  std::vector<const RankedCandidate*> ranked_;
  std::map<std::string_view, double> sector_share_;
};

// input.candidates when it holds for the input, else the input's own ranking.
std::shared_ptr<const CandidateRanking> ranking_for(const PlanInput& input);

}  // namespace ae::executor
