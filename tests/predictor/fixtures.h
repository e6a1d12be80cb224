// Small builders shared by the predictor tests: contract documents written
// through the real contract code, and a tiny simulated market.
#pragma once

#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/date.h"

namespace ae::predictor::test {

inline core::SignalEntry signal_entry(const std::string& ticker) {
  core::SignalEntry e;
  e.ticker = ticker;
  e.signal = core::SignalAction::kEnter;
  e.score = 70;
  e.rating = core::Rating::kBuy;
  e.sector = "Technology";
  return e;
}

inline core::Signals make_signals(core::Date date, const std::vector<std::string>& buy,
                                  core::MarketRegime regime = core::MarketRegime::kNeutral) {
  core::Signals s;
  s.date = date;
  s.market_regime = regime;
  for (const auto& t : buy) {
    s.buy_candidates.push_back(signal_entry(t));
    s.universe.push_back(signal_entry(t));
  }
  return s;
}

inline void put_signals(core::ArtifactStore& store, const std::string& key,
                        const core::Signals& signals) {
  core::write_contract(store, core::Contract::kSignals, key, nlohmann::json(signals));
}

inline core::Prediction row(const std::string& ticker, double alpha, double confidence = 0.5,
                            double p_up = 0.5) {
  core::Prediction p;
  p.ticker = ticker;
  p.predicted_alpha = alpha;
  p.prediction_confidence = confidence;
  p.p_up = p_up;
  p.p_down = 1 - p_up;
  p.predicted_direction = alpha > 0 ? core::Direction::kUp : core::Direction::kDown;
  return p;
}

inline core::Predictions make_predictions(core::Date date, std::vector<core::Prediction> rows) {
  core::Predictions p;
  p.date = date;
  p.model_version = "test";
  p.n_predictions = static_cast<int>(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].combined_rank = static_cast<int>(i + 1);
  p.predictions = std::move(rows);
  return p;
}

inline void put_predictions(core::ArtifactStore& store, const std::string& key,
                            const core::Predictions& predictions) {
  core::write_contract(store, core::Contract::kPredictions, key, nlohmann::json(predictions));
}

}  // namespace ae::predictor::test
