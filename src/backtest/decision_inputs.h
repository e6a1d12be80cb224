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
#include <mutex>
#include <string>
#include <vector>

#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/ticker_order.h"
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
  // A digest of everything here a day up to `through` can read: every
  // series' rows dated on or before it (each field, bit for bit, with the
  // series' place on the calendar), the universe and the corporate actions.
  // Equal digests, equal market for those days. Computed once per date.
  std::string digest_through(core::Date through) const;

 private:
  const market::BarStore& bars_;
  core::TickerMap<market::SeriesView> series_;
  market::Universe universe_;
  std::vector<market::CorporateAction> corporate_actions_;
  mutable std::mutex digests_mutex_;
  mutable std::map<core::Date, std::string> digests_;  // digest_through's, by date
};

struct DecisionDay {
  core::Date date;                               // the trading day decided and traded
  core::Date as_of;                              // the last session closed before it
  std::shared_ptr<const core::Signals> signals;  // null: no research yet
  int signal_age_days = 0;
  std::shared_ptr<const core::Predictions> predictions;  // null: none served
  // A digest of the day's decisions (date, as-of, signals and their age,
  // predictions) given by whoever prepared them: equal digests, equal
  // decisions. Empty: not known, and a sweep over the day is not resumed.
  std::string digest;
};

struct DecisionInputs {
  const SeriesCache* series = nullptr;
  std::vector<DecisionDay> days;
};

}  // namespace ae::backtest
