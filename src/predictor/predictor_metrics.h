// The predictor's CloudWatch-shaped metrics (namespace AlphaEngine/Predictor,
// no dimensions), emitted through core::MetricSink (core/metric_sink.h).
// The executor owns unscored_buy_candidates_count; these are the predictor's:
//   output health gate, recorded before the gate may block a write:
//     output_gate_passed (0/1), output_gate_non_finite_alpha_rate,
//     output_gate_modal_alpha_share, output_gate_alpha_sign_skew,
//     output_gate_p_up_saturation_rate                              (None)
//   a written batch: predictions_count, high_confidence_count,
//     gbm_veto_count, momentum_veto_count                          (Count),
//     veto_threshold, mean_confidence                               (None)
//   inference latency: inference_feature_seconds,
//     inference_scoring_seconds, inference_seconds                  (Seconds)
//   a training run: training_oos_ic, training_oos_rank_ic,
//     training_oracle_ic_recovered (simulated market only)          (None),
//     training_seconds                                              (Seconds)
// Each emit_* writes its data points at `at`; a null sink emits nothing.
#pragma once

#include <optional>

#include "core/contracts/predictions.h"
#include "core/date.h"
#include "core/metric_sink.h"
#include "predictor/evaluation.h"
#include "predictor/output_gate.h"

namespace ae::predictor {

inline constexpr const char* kPredictorMetricNamespace = "AlphaEngine/Predictor";

void emit_output_health(core::MetricSink* sink, const OutputHealth& health, core::Timestamp at);

void emit_batch(core::MetricSink* sink, const core::Predictions& predictions, core::Timestamp at);

struct InferenceLatency {
  double feature_seconds = 0, scoring_seconds = 0, total_seconds = 0;
};
void emit_inference_latency(core::MetricSink* sink, const InferenceLatency& latency,
                            core::Timestamp at);

// Also the AlphaEngine Heartbeat {Process=predictor-training} = 1.
void emit_training(core::MetricSink* sink, const SignalMetrics& overall,
                   std::optional<double> oracle_recovered, double training_seconds,
                   core::Timestamp at);

}  // namespace ae::predictor
