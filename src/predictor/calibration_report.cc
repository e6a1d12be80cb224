#include "predictor/calibration_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ae::predictor {
namespace {

constexpr int kBins = 10;

double quantile(const std::vector<double>& sorted_values, double q) {
  if (sorted_values.empty()) return 0;
  const auto index = static_cast<std::size_t>(q * static_cast<double>(sorted_values.size() - 1));
  return sorted_values[index];
}

nlohmann::json confidence_distribution(const IsotonicCalibrator& calibrator,
                                       const std::vector<double>& alpha) {
  std::vector<double> confidence;
  confidence.reserve(alpha.size());
  for (double a : alpha) confidence.push_back(calibrate(calibrator, a).confidence);
  std::sort(confidence.begin(), confidence.end());
  nlohmann::json share = nlohmann::json::object();
  for (double threshold : {0.05, 0.10, 0.20, 0.30}) {
    const auto from = std::lower_bound(confidence.begin(), confidence.end(), threshold);
    share[fmt::format("{:.2f}", threshold)] =
        confidence.empty()
            ? 0.0
            : static_cast<double>(confidence.end() - from) / static_cast<double>(confidence.size());
  }
  return {{"rows", confidence.size()},
          {"p50", quantile(confidence, 0.50)},
          {"p90", quantile(confidence, 0.90)},
          {"p99", quantile(confidence, 0.99)},
          {"max", confidence.empty() ? 0.0 : confidence.back()},
          {"share_at_least", share}};
}

nlohmann::json holdout_check(const std::vector<std::int32_t>& day, const std::vector<double>& alpha,
                             const std::vector<double>& label, double fit_share) {
  if (day.empty()) return nullptr;
  const std::int32_t split =
      day.front() + static_cast<std::int32_t>(fit_share * (day.back() - day.front()));
  std::vector<double> fit_alpha, fit_label;
  std::size_t first_test = day.size();
  for (std::size_t i = 0; i < day.size(); ++i) {
    if (day[i] > split) {
      first_test = i;
      break;
    }
    fit_alpha.push_back(alpha[i]);
    fit_label.push_back(label[i]);
  }
  if (fit_alpha.size() < 2 || first_test + 2 > day.size()) return nullptr;
  const auto calibrator = IsotonicCalibrator::fit(fit_alpha, fit_label);
  double base_rate = 0;
  for (double y : fit_label) base_rate += y > 0 ? 1 : 0;
  base_rate /= static_cast<double>(fit_label.size());

  double count[kBins] = {}, p_sum[kBins] = {}, y_sum[kBins] = {};
  double brier = 0, brier_base = 0;
  const std::size_t n = day.size() - first_test;
  for (std::size_t i = first_test; i < day.size(); ++i) {
    const double p = calibrator.predict(alpha[i]);
    const double y = label[i] > 0 ? 1 : 0;
    const int bin = std::min(kBins - 1, static_cast<int>(p * kBins));
    count[bin] += 1;
    p_sum[bin] += p;
    y_sum[bin] += y;
    brier += (p - y) * (p - y);
    brier_base += (base_rate - y) * (base_rate - y);
  }
  double ece = 0;
  nlohmann::json reliability = nlohmann::json::array();
  for (int b = 0; b < kBins; ++b) {
    if (count[b] == 0) continue;
    const double mean_p = p_sum[b] / count[b], share_up = y_sum[b] / count[b];
    ece += count[b] / static_cast<double>(n) * std::abs(mean_p - share_up);
    reliability.push_back({{"p_up_bin", fmt::format("{:.1f}-{:.1f}", b / 10.0, (b + 1) / 10.0)},
                           {"rows", count[b]},
                           {"mean_p_up", mean_p},
                           {"share_label_positive", share_up}});
  }
  return {{"fit_rows", fit_alpha.size()},
          {"test_rows", n},
          {"base_rate", base_rate},
          {"ece", ece},
          {"brier", brier / static_cast<double>(n)},
          {"brier_base_rate", brier_base / static_cast<double>(n)},
          {"reliability", reliability}};
}

}  // namespace

nlohmann::json calibration_report(const IsotonicCalibrator& served,
                                  std::span<const std::int32_t> day, std::span<const double> alpha,
                                  std::span<const double> label, double fit_share) {
  std::vector<std::int32_t> d;
  std::vector<double> a, y;
  for (std::size_t i = 0; i < day.size() && i < alpha.size() && i < label.size(); ++i) {
    if (!std::isfinite(alpha[i]) || !std::isfinite(label[i])) continue;
    d.push_back(day[i]);
    a.push_back(alpha[i]);
    y.push_back(label[i]);
  }
  return {{"method", "isotonic"},
          {"confidence", confidence_distribution(served, a)},
          {"holdout", holdout_check(d, a, y, fit_share)}};
}

}  // namespace ae::predictor
