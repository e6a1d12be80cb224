#include "predictor/predictor_metrics.h"

#include <algorithm>
#include <string>

namespace ae::predictor {
namespace {

void put(core::MetricSink* sink, const std::string& name, double value, const char* unit,
         core::Timestamp at) {
  sink->put_metric({kPredictorMetricNamespace, name, {}, value, unit, at});
}

}  // namespace

void emit_output_health(core::MetricSink* sink, const OutputHealth& health, core::Timestamp at) {
  if (sink == nullptr) return;
  put(sink, "output_gate_passed", health.passed ? 1 : 0, "None", at);
  const auto& m = health.metrics;
  put(sink, "output_gate_non_finite_alpha_rate", m.value("non_finite_alpha_rate", 0.0), "None", at);
  put(sink, "output_gate_modal_alpha_share", m.value("modal_alpha_share", 0.0), "None", at);
  put(sink, "output_gate_alpha_sign_skew", m.value("alpha_sign_skew", 0.0), "None", at);
  put(sink, "output_gate_p_up_saturation_rate", m.value("p_up_saturation_rate", 0.0), "None", at);
}

void emit_batch(core::MetricSink* sink, const core::Predictions& predictions, core::Timestamp at) {
  if (sink == nullptr) return;
  const auto& rows = predictions.predictions;
  const auto count = [&](auto predicate) {
    return static_cast<double>(std::count_if(rows.begin(), rows.end(), predicate));
  };
  double confidence = 0;
  for (const auto& row : rows) confidence += row.prediction_confidence;
  put(sink, "predictions_count", static_cast<double>(rows.size()), "Count", at);
  put(sink, "high_confidence_count", predictions.n_high_confidence, "Count", at);
  put(sink, "gbm_veto_count", count([](const auto& p) { return p.gbm_veto; }), "Count", at);
  put(sink, "momentum_veto_count", count([](const auto& p) { return p.momentum_veto; }), "Count",
      at);
  put(sink, "veto_threshold", predictions.veto_threshold.value_or(0.0), "None", at);
  put(sink, "mean_confidence", rows.empty() ? 0.0 : confidence / static_cast<double>(rows.size()),
      "None", at);
}

void emit_inference_latency(core::MetricSink* sink, const InferenceLatency& latency,
                            core::Timestamp at) {
  if (sink == nullptr) return;
  put(sink, "inference_feature_seconds", latency.feature_seconds, "Seconds", at);
  put(sink, "inference_scoring_seconds", latency.scoring_seconds, "Seconds", at);
  put(sink, "inference_seconds", latency.total_seconds, "Seconds", at);
}

void emit_training(core::MetricSink* sink, const SignalMetrics& overall,
                   std::optional<double> oracle_recovered, double training_seconds,
                   core::Timestamp at) {
  if (sink == nullptr) return;
  put(sink, "training_oos_ic", overall.ic, "None", at);
  put(sink, "training_oos_rank_ic", overall.rank_ic, "None", at);
  if (oracle_recovered) put(sink, "training_oracle_ic_recovered", *oracle_recovered, "None", at);
  put(sink, "training_seconds", training_seconds, "Seconds", at);
  // The weekly liveness signal alarms.json watches (Process=predictor-training).
  sink->put_metric(
      {"AlphaEngine", "Heartbeat", {{"Process", "predictor-training"}}, 1, "Count", at});
}

}  // namespace ae::predictor
