// What every simulated trading day decides on, prepared once per span and
// shared by the replay and every combination of a sweep:
//   - the bar store and its series, opened once (SeriesCache: read-only after
//     construction, safe to share between threads);
//   - per trading day: the research signals in force that morning (the
//     newest research run dated on or before the day, with its age in days,
//     as the live planner's signals fallback reads them), and the
//     predictions served for the day (made, as live, from the last session
//     closed before it).
// A day without signals (before the first research run) trades nothing.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "market/bar_store.h"
#include "market/universe.h"

namespace ae::backtest {

class SeriesCache {
 public:
  explicit SeriesCache(const market::BarStore& bars);
  const market::BarStore& bars() const { return bars_; }
  // nullptr when the store has no series for the symbol.
  const market::SeriesView* find(const std::string& symbol) const;
  const market::Universe& universe() const { return universe_; }
  // The bar store's corporate actions (market/corporate_actions.h).
  const std::vector<market::CorporateAction>& corporate_actions() const {
    return corporate_actions_;
  }

 private:
  const market::BarStore& bars_;
  std::map<std::string, market::SeriesView> series_;
  market::Universe universe_;
  std::vector<market::CorporateAction> corporate_actions_;
};

struct DecisionDay {
  core::Date date;                               // the trading day decided and traded
  core::Date as_of;                              // the last session closed before it
  std::shared_ptr<const core::Signals> signals;  // null: no research yet
  int signal_age_days = 0;
  std::shared_ptr<const core::Predictions> predictions;  // null: none served
};

struct DecisionInputs {
  const SeriesCache* series = nullptr;
  std::vector<DecisionDay> days;
};

}  // namespace ae::backtest
