// A synthetic decision world for the sweep's tests and benchmark (header
// only; bench/backtest_sweep_bench.cc includes it too): the simulated market
// in a bar store, and per trading day the research signals and predictions a
// simple research would have made from the planted signal (market/synth/
// planted_signal.h) as of the last closed session. Research runs every
// `research_every` trading days: the top `n_candidates` scores are ENTER buy
// candidates, the next ones HOLD, the bottom 10 EXIT; scores are 50 + 15 x
// the oracle score, clamped to [0, 100]. Every buy candidate has a
// prediction (the coverage invariant holds); every seventh is GBM-vetoed.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <numeric>
#include <vector>

#include "backtest/decision_inputs.h"
#include "core/date.h"
#include "market/bar_store.h"
#include "market/sectors.h"
#include "market/synth/planted_signal.h"
#include "market/synth/synthetic_market.h"

namespace ae::backtest::world {

inline void write_synthetic_market(market::BarStore& bars, int tickers, int years,
                                   std::uint64_t seed, core::Date end) {
  market::synth::SynthOptions o;
  o.tickers = tickers;
  o.years = years;
  o.seed = seed;
  o.end = end;
  market::synth::write_market(bars, market::synth::generate_market(o, bars.calendar()), o);
}

struct WorldOptions {
  int research_every = 5;
  int n_candidates = 15;
  int n_hold = 25;
};

// Decision days for every trading day in [first, last].
inline DecisionInputs oracle_decisions(const SeriesCache& series, core::Date first, core::Date last,
                                       const WorldOptions& options = {}) {
  const auto& calendar = series.bars().calendar();
  const auto& universe = series.universe();
  // Log closes on the calendar grid per constituent.
  struct Column {
    const market::Constituent* constituent;
    std::int32_t start;
    std::vector<double> log_close;
  };
  std::vector<Column> columns;
  for (const auto& c : universe.constituents) {
    const auto* view = series.find(c.ticker);
    if (!view || view->empty()) continue;
    Column col{&c, view->start_index(), {}};
    for (double close : view->field(market::Field::kClose))
      col.log_close.push_back(close > 0 ? std::log(close) : NAN);
    columns.push_back(std::move(col));
  }
  DecisionInputs inputs;
  inputs.series = &series;
  const auto first_index = *calendar.first_index_on_or_after(first);
  const auto last_index = *calendar.last_index_on_or_before(last);
  std::shared_ptr<const core::Signals> signals;
  std::shared_ptr<const core::Predictions> predictions;
  core::Date research_date{};
  for (auto i = first_index; i <= last_index; ++i) {
    DecisionDay day;
    day.date = calendar.date_at(i);
    day.as_of = calendar.date_at(i - 1);
    if ((i - first_index) % options.research_every == 0) {
      std::vector<market::synth::Components> components;
      std::vector<const Column*> members;
      for (const auto& col : columns) {
        if (!col.constituent->member_on(day.as_of)) continue;
        const auto t = static_cast<std::int64_t>(i - 1) - col.start;
        if (t < 0 || t >= static_cast<std::int64_t>(col.log_close.size())) continue;
        components.push_back(
            market::synth::components_at(col.log_close, static_cast<std::size_t>(t)));
        members.push_back(&col);
      }
      const auto scores = market::synth::oracle_scores(components);
      std::vector<std::size_t> order;
      for (std::size_t k = 0; k < scores.size(); ++k)
        if (std::isfinite(scores[k])) order.push_back(k);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
      auto s = std::make_shared<core::Signals>();
      auto p = std::make_shared<core::Predictions>();
      s->date = day.as_of;
      p->date = day.date;
      p->model_version = "oracle";
      auto entry = [&](std::size_t k, core::SignalAction action) {
        core::SignalEntry e;
        e.ticker = members[k]->constituent->ticker;
        e.signal = action;
        e.score = std::clamp(50 + 15 * scores[k], 0.0, 100.0);
        e.rating = action == core::SignalAction::kEnter ? core::Rating::kBuy : core::Rating::kHold;
        e.sector = std::string(market::gics_name(members[k]->constituent->sector));
        e.price_target_upside = 0.05 + 0.02 * scores[k];
        return e;
      };
      const auto n = order.size();
      for (std::size_t r = 0; r < n; ++r) {
        const auto k = order[r];
        if (r < static_cast<std::size_t>(options.n_candidates)) {
          auto e = entry(k, core::SignalAction::kEnter);
          s->buy_candidates.push_back(e);
          s->universe.push_back(e);
          core::Prediction pred;
          pred.ticker = e.ticker;
          pred.prediction_confidence = std::clamp(0.3 + 0.2 * scores[k], 0.0, 1.0);
          pred.predicted_alpha = 0.01 * scores[k];
          pred.p_up = 0.5 + pred.prediction_confidence / 2;
          pred.combined_rank = static_cast<int>(r) + 1;
          pred.gbm_veto = r % 7 == 6;
          p->predictions.push_back(pred);
        } else if (r < static_cast<std::size_t>(options.n_candidates + options.n_hold)) {
          s->universe.push_back(entry(k, core::SignalAction::kHold));
        } else if (r + 10 >= n) {
          s->universe.push_back(entry(k, core::SignalAction::kExit));
        }
      }
      p->n_predictions = static_cast<int>(p->predictions.size());
      signals = std::move(s);
      predictions = std::move(p);
      research_date = day.as_of;
    }
    day.signals = signals;
    day.predictions = predictions;
    day.signal_age_days = static_cast<int>(
        (std::chrono::sys_days(day.date) - std::chrono::sys_days(research_date)).count());
    inputs.days.push_back(std::move(day));
  }
  return inputs;
}

}  // namespace ae::backtest::world
