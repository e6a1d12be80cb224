#include "predictor/prediction_writer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "core/contracts/contract.h"
#include "core/contracts/coverage.h"
#include "core/repeated_warnings.h"
#include "core/text.h"
#include "predictor/errors.h"
#include "predictor/predictor_metrics.h"
#include "predictor/store_keys.h"
#include "predictor/veto.h"

namespace ae::predictor {

std::vector<core::Prediction> merge_predictions(std::vector<core::Prediction> existing,
                                                std::vector<core::Prediction> fresh) {
  std::set<std::string> fresh_tickers;
  for (auto& row : fresh) {
    row.ticker = core::to_upper(row.ticker);
    fresh_tickers.insert(row.ticker);
  }
  std::vector<core::Prediction> merged;
  for (auto& row : existing) {
    row.ticker = core::to_upper(row.ticker);
    if (!fresh_tickers.contains(row.ticker)) merged.push_back(std::move(row));
  }
  for (auto& row : fresh) merged.push_back(std::move(row));
  return merged;
}

WriteResult write_predictions(core::ArtifactStore& store, const core::Clock& clock,
                              WriteRequest request) {
  WriteResult result;
  const auto signals = request.signals ? *request.signals : read_day_signals(store, request.date);

  std::vector<core::Prediction> rows = std::move(request.rows);
  if (request.supplemental) {
    std::vector<core::Prediction> existing;
    if (auto day = read_day_predictions(store, request.date)) existing = day->predictions;
    result.merged_from_existing = existing.size();
    rows = merge_predictions(std::move(existing), std::move(rows));
  } else {
    for (auto& row : rows) row.ticker = core::to_upper(row.ticker);
  }

  result.veto_threshold = veto_threshold(
      request.base_veto_threshold, signals ? std::optional(signals->market_regime) : std::nullopt,
      request.regime_adjustment);
  rank_and_veto(rows, result.veto_threshold);

  auto& out = result.predictions;
  out.date = request.date;
  out.model_version = request.model_version;
  out.n_predictions = static_cast<int>(rows.size());
  out.n_high_confidence = count_high_confidence(rows, result.veto_threshold);
  out.veto_threshold = result.veto_threshold;
  out.predictions = std::move(rows);

  const auto coverage = core::compute_coverage(request.date, signals, out);
  if (coverage.has_gap) {
    throw PipelineHardFail(fmt::format(
        "Coverage gap on {}: buy candidates without a prediction: {}; refusing to write {}",
        core::format_date(request.date), fmt::join(coverage.missing_tickers, ", "),
        predictions_key(request.date)));
  }

  result.health = evaluate_output_health(out.predictions);
  emit_output_health(request.metrics, result.health, clock.now());
  out.output_distribution_gate =
      core::OutputDistributionGate{result.health.passed, request.gate_blocking,
                                   result.health.failed_check, result.health.reason};
  if (!result.health.passed) {
    if (request.gate_blocking) {
      throw PipelineHardFail(fmt::format(
          "output health gate failed on {} ({}): {}; nothing written",
          core::format_date(request.date), *result.health.failed_check, *result.health.reason));
    }
    core::warn_repeated(
        fmt::format("predictor: output health gate failed ({})", *result.health.failed_check),
        *result.health.reason + " (not blocking)");
  }

  const nlohmann::json document = out;
  result.bytes =
      request.publish
          ? core::write_contract(store, core::Contract::kPredictions,
                                 {predictions_key(request.date), kLatestPredictionsKey}, document)
          : core::write_contract(store, core::Contract::kPredictions, predictions_key(request.date),
                                 document);

  if (request.publish) {
    nlohmann::json metrics = {
        {"date", core::format_date(request.date)},
        {"model_version", request.model_version},
        {"inference_mode", request.supplemental ? "supplemental" : "full"},
        {"n_predictions_today", out.n_predictions},
        {"n_high_confidence", out.n_high_confidence},
        {"veto_threshold", result.veto_threshold},
        {"n_gbm_veto", std::count_if(out.predictions.begin(), out.predictions.end(),
                                     [](const auto& p) { return p.gbm_veto; })},
        {"n_momentum_veto", std::count_if(out.predictions.begin(), out.predictions.end(),
                                          [](const auto& p) { return p.momentum_veto; })},
        {"n_buy_candidates", coverage.n_buy_candidates},
        {"output_distribution_gate",
         {{"passed", result.health.passed},
          {"blocking", request.gate_blocking},
          {"failed_check", result.health.failed_check.value_or("")},
          {"reason", result.health.reason.value_or("")},
          {"metrics", result.health.metrics}}},
        {"model", request.model_metrics},
        {"timing", request.timing},
        {"last_run_utc", core::format_timestamp(clock.now())},
        {"status", "ok"}};
    store.put(kMetricsKey, metrics.dump(2));
  }
  emit_batch(request.metrics, out, clock.now());
  spdlog::info("predictor: wrote {} predictions for {} ({} high-confidence, threshold {:.2f})",
               out.n_predictions, core::format_date(request.date), out.n_high_confidence,
               result.veto_threshold);
  return result;
}

}  // namespace ae::predictor
