// predictions.json: the predictor's per-ticker verdicts for one date
// (schemas/predictions.schema.json). A buy candidate without a row here cannot
// be vetoed, which is the 2026-04-20 incident.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace ae::core {

class ArtifactStore;

enum class Direction { kUp, kDown };
// kUniverse: an index member scored because the predictor scores the whole
// universe (inference.score_universe).
enum class WatchlistSource { kPopulation, kTracked, kBuyCandidate, kSupplemental, kUniverse };

NLOHMANN_JSON_SERIALIZE_ENUM(Direction, {{Direction::kUp, "UP"}, {Direction::kDown, "DOWN"}})
NLOHMANN_JSON_SERIALIZE_ENUM(WatchlistSource, {{WatchlistSource::kPopulation, "population"},
                                               {WatchlistSource::kTracked, "tracked"},
                                               {WatchlistSource::kBuyCandidate, "buy_candidate"},
                                               {WatchlistSource::kSupplemental, "supplemental"},
                                               {WatchlistSource::kUniverse, "universe"}})

struct Prediction {
  std::string ticker;
  Direction predicted_direction = Direction::kUp;
  double prediction_confidence = 0;  // |p_up - 0.5| * 2
  double predicted_alpha = 0;
  std::optional<double> p_up;
  std::optional<double> p_down;
  std::optional<double> p_flat;
  int combined_rank = 1;  // 1 = best alpha
  bool gbm_veto = false;
  bool momentum_veto = false;
  std::optional<double> momentum_20d;  // written as null when unknown
  std::optional<double> expected_move;
  std::optional<std::string> meta_model_version;
  std::optional<int> price_data_age_days;
  std::optional<WatchlistSource> watchlist_source;

  bool operator==(const Prediction&) const = default;
};

struct OutputDistributionGate {
  bool passed = true;
  bool blocking = false;
  std::optional<std::string> failed_check;
  std::optional<std::string> reason;

  bool operator==(const OutputDistributionGate&) const = default;
};

struct Predictions {
  Date date;
  std::string model_version;
  std::optional<double> model_hit_rate_30d;  // written as null when unknown
  int n_predictions = 0;
  int n_high_confidence = 0;
  std::optional<double> veto_threshold;
  std::optional<OutputDistributionGate> output_distribution_gate;
  std::vector<Prediction> predictions;

  bool operator==(const Predictions&) const = default;
};

void to_json(nlohmann::json& j, const Prediction& p);
void to_json(nlohmann::json& j, const OutputDistributionGate& g);
void to_json(nlohmann::json& j, const Predictions& p);

// A predictions document's text as Predictions: the one reading of its
// fields. It parses with simdjson, a tenth of nlohmann's time on a 400 KB
// file (the backtester reads a year of them on every run). Fields the
// contract does not know are ignored; a missing required field, a value of
// the wrong type, an unknown direction or watchlist source, or text that is
// not JSON throws InvalidInput naming the field. It checks types, not the
// schema's ranges: callers read documents validated by read_contract or
// ValidatedDigests.
Predictions parse_predictions(std::string_view text);
// read_contract of a predictions key (NotFound passes through), read with
// parse_predictions from the bytes it validated.
Predictions read_predictions(const ArtifactStore& store, std::string_view key);
// For a document already parsed by nlohmann: parse_predictions of its text.
void from_json(const nlohmann::json& j, Predictions& p);

}  // namespace ae::core
