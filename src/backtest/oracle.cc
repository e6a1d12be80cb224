#include "backtest/oracle.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/digest.h"
#include "core/error.h"
#include "market/sectors.h"
#include "market/synth/planted_signal.h"
#include "market/synth/synthetic_market.h"

namespace ae::backtest {
namespace {

// What the planted component adds to each symbol's log return over the
// oracle's horizon: kappa x sigma_i x s_i a day (the generator's rule), with
// the symbol's 60-day volatility standing for sigma_i and the default kappa.
std::vector<double> expected_planted_returns(
    const std::vector<market::synth::Components>& components, const std::vector<double>& scores) {
  std::vector<double> out(scores.size());
  for (std::size_t k = 0; k < scores.size(); ++k)
    out[k] = market::synth::kDefaultSignalStrength * components[k].volatility * scores[k] *
             market::synth::kOracleHorizon;
  return out;
}

}  // namespace

DecisionInputs oracle_decisions(const SeriesCache& series, core::Date first, core::Date last,
                                const OracleOptions& options) {
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
  const auto first_found = calendar.first_index_on_or_after(first);
  const auto last_found = calendar.last_index_on_or_before(last);
  if (!first_found || !last_found || *last_found < *first_found || *first_found < 1)
    throw core::InvalidInput("oracle: no trading day between " + core::format_date(first) +
                             " and " + core::format_date(last));
  const auto first_index = *first_found;
  const auto last_index = *last_found;
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
      const auto alphas = expected_planted_returns(components, scores);
      std::vector<std::size_t> order;
      for (std::size_t k = 0; k < scores.size(); ++k)
        if (std::isfinite(alphas[k])) order.push_back(k);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return alphas[a] > alphas[b]; });
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
        core::Prediction pred;
        pred.ticker = members[k]->constituent->ticker;
        pred.prediction_confidence = std::clamp(0.3 + 0.2 * std::abs(scores[k]), 0.0, 1.0);
        pred.predicted_alpha = alphas[k];
        pred.predicted_direction =
            pred.predicted_alpha > 0 ? core::Direction::kUp : core::Direction::kDown;
        pred.p_up = pred.predicted_alpha > 0 ? 0.5 + pred.prediction_confidence / 2
                                             : 0.5 - pred.prediction_confidence / 2;
        pred.combined_rank = static_cast<int>(r) + 1;
        pred.gbm_veto = false;
        p->predictions.push_back(pred);
        if (r < static_cast<std::size_t>(options.n_candidates)) {
          auto e = entry(k, core::SignalAction::kEnter);
          s->buy_candidates.push_back(e);
          s->universe.push_back(e);
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
    // The day's decisions follow from these and the bars up to its as-of
    // session (which a sweep's checkpoint digests with the market).
    day.digest = core::sha256_hex(
        fmt::format("oracle|{}|{}|{}|{}|{}|{}|{}", core::format_date(calendar.date_at(first_index)),
                    core::format_date(day.date), core::format_date(day.as_of), day.signal_age_days,
                    options.research_every, options.n_candidates, options.n_hold));
    inputs.days.push_back(std::move(day));
  }
  return inputs;
}

}  // namespace ae::backtest
