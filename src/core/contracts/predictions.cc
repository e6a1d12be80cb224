#include "core/contracts/predictions.h"

#include "core/contracts/json_fields.h"

namespace ae::core {

using namespace json_fields;

void to_json(nlohmann::json& j, const Prediction& p) {
  j = nlohmann::json::object();
  j["ticker"] = p.ticker;
  j["predicted_direction"] = p.predicted_direction;
  j["prediction_confidence"] = p.prediction_confidence;
  j["predicted_alpha"] = p.predicted_alpha;
  write_optional(j, "p_up", p.p_up);
  write_optional(j, "p_down", p.p_down);
  write_optional(j, "p_flat", p.p_flat);
  j["combined_rank"] = p.combined_rank;
  j["gbm_veto"] = p.gbm_veto;
  j["momentum_veto"] = p.momentum_veto;
  write_nullable(j, "momentum_20d", p.momentum_20d);
  write_optional(j, "expected_move", p.expected_move);
  write_optional(j, "meta_model_version", p.meta_model_version);
  write_optional(j, "price_data_age_days", p.price_data_age_days);
  write_optional(j, "watchlist_source", p.watchlist_source);
}

void from_json(const nlohmann::json& j, Prediction& p) {
  p.ticker = j.at("ticker").get<std::string>();
  p.predicted_direction = j.at("predicted_direction").get<Direction>();
  p.prediction_confidence = j.at("prediction_confidence").get<double>();
  p.predicted_alpha = j.at("predicted_alpha").get<double>();
  read_optional(j, "p_up", p.p_up);
  read_optional(j, "p_down", p.p_down);
  read_optional(j, "p_flat", p.p_flat);
  p.combined_rank = j.at("combined_rank").get<int>();
  p.gbm_veto = j.at("gbm_veto").get<bool>();
  p.momentum_veto = j.at("momentum_veto").get<bool>();
  read_optional(j, "momentum_20d", p.momentum_20d);
  read_optional(j, "expected_move", p.expected_move);
  read_optional(j, "meta_model_version", p.meta_model_version);
  read_optional(j, "price_data_age_days", p.price_data_age_days);
  read_optional(j, "watchlist_source", p.watchlist_source);
}

void to_json(nlohmann::json& j, const OutputDistributionGate& g) {
  j = nlohmann::json::object();
  j["passed"] = g.passed;
  j["blocking"] = g.blocking;
  write_optional(j, "failed_check", g.failed_check);
  write_optional(j, "reason", g.reason);
}

void from_json(const nlohmann::json& j, OutputDistributionGate& g) {
  g.passed = j.at("passed").get<bool>();
  g.blocking = j.value("blocking", false);
  read_optional(j, "failed_check", g.failed_check);
  read_optional(j, "reason", g.reason);
}

void to_json(nlohmann::json& j, const Predictions& p) {
  j = nlohmann::json::object();
  j["date"] = format_date(p.date);
  j["model_version"] = p.model_version;
  write_nullable(j, "model_hit_rate_30d", p.model_hit_rate_30d);
  j["n_predictions"] = p.n_predictions;
  j["n_high_confidence"] = p.n_high_confidence;
  write_optional(j, "veto_threshold", p.veto_threshold);
  write_optional(j, "output_distribution_gate", p.output_distribution_gate);
  j["predictions"] = p.predictions;
}

void from_json(const nlohmann::json& j, Predictions& p) {
  p.date = read_date(j, "date");
  p.model_version = j.at("model_version").get<std::string>();
  read_optional(j, "model_hit_rate_30d", p.model_hit_rate_30d);
  p.n_predictions = j.at("n_predictions").get<int>();
  p.n_high_confidence = j.at("n_high_confidence").get<int>();
  read_optional(j, "veto_threshold", p.veto_threshold);
  read_optional(j, "output_distribution_gate", p.output_distribution_gate);
  p.predictions = j.at("predictions").get<std::vector<Prediction>>();
}

}  // namespace ae::core
