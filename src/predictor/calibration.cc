#include "predictor/calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace ae::predictor {

IsotonicCalibrator IsotonicCalibrator::fit(std::span<const double> alpha,
                                           std::span<const double> label) {
  std::vector<std::pair<double, double>> pairs;
  for (std::size_t i = 0; i < alpha.size() && i < label.size(); ++i) {
    if (std::isfinite(alpha[i]) && std::isfinite(label[i]))
      pairs.emplace_back(alpha[i], label[i] > 0 ? 1.0 : 0.0);
  }
  if (pairs.size() < 2)
    throw core::InvalidInput("isotonic calibration needs at least 2 finite (alpha, label) pairs");
  std::sort(pairs.begin(), pairs.end());
  // Pool adjacent violators over blocks of equal x first (sklearn merges ties).
  struct Block {
    double x_sum, y_sum, weight;
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    Block block{0, 0, 0};
    while (j < pairs.size() && pairs[j].first == pairs[i].first) {
      block.x_sum += pairs[j].first;
      block.y_sum += pairs[j].second;
      block.weight += 1;
      ++j;
    }
    blocks.push_back(block);
    while (blocks.size() > 1) {
      const auto& last = blocks.back();
      const auto& prev = blocks[blocks.size() - 2];
      if (prev.y_sum / prev.weight <= last.y_sum / last.weight) break;
      Block merged{prev.x_sum + last.x_sum, prev.y_sum + last.y_sum, prev.weight + last.weight};
      blocks.pop_back();
      blocks.back() = merged;
    }
    i = j;
  }
  IsotonicCalibrator calibrator;
  for (const auto& block : blocks) {
    calibrator.x_.push_back(block.x_sum / block.weight);
    calibrator.y_.push_back(
        std::clamp(block.y_sum / block.weight, kProbabilityFloor, kProbabilityCeiling));
  }
  return calibrator;
}

double IsotonicCalibrator::predict(double alpha) const {
  if (x_.empty() || !std::isfinite(alpha)) return 0.5;
  if (alpha <= x_.front()) return y_.front();
  if (alpha >= x_.back()) return y_.back();
  const auto upper = std::upper_bound(x_.begin(), x_.end(), alpha);
  const std::size_t hi = static_cast<std::size_t>(upper - x_.begin());
  const std::size_t lo = hi - 1;
  const double t = (alpha - x_[lo]) / (x_[hi] - x_[lo]);
  return y_[lo] + t * (y_[hi] - y_[lo]);
}

nlohmann::json IsotonicCalibrator::to_json() const {
  return {{"method", "isotonic"},
          {"y_min", kProbabilityFloor},
          {"y_max", kProbabilityCeiling},
          {"x_thresholds", x_},
          {"y_thresholds", y_}};
}

IsotonicCalibrator IsotonicCalibrator::from_json(const nlohmann::json& document,
                                                 std::string_view origin) {
  IsotonicCalibrator calibrator;
  try {
    calibrator.x_ = document.at("x_thresholds").get<std::vector<double>>();
    calibrator.y_ = document.at("y_thresholds").get<std::vector<double>>();
  } catch (const nlohmann::json::exception& e) {
    throw core::InvalidInput(std::string(origin) + ": malformed calibrator: " + e.what());
  }
  const bool sizes_ok = calibrator.x_.size() == calibrator.y_.size() && !calibrator.x_.empty();
  bool monotone = sizes_ok;
  for (std::size_t i = 1; monotone && i < calibrator.x_.size(); ++i)
    monotone = calibrator.x_[i] > calibrator.x_[i - 1] && calibrator.y_[i] >= calibrator.y_[i - 1];
  if (!monotone)
    throw core::InvalidInput(std::string(origin) +
                             ": calibrator thresholds are empty, unequal or not monotone");
  return calibrator;
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

Calibrated calibrate(const IsotonicCalibrator& calibrator, double alpha) {
  Calibrated out;
  out.p_up = round_to(calibrator.predict(alpha), 4);
  out.p_down = round_to(1.0 - out.p_up, 4);
  out.confidence = round_to(std::abs(out.p_up - 0.5) * 2.0, 4);
  out.direction = alpha > 0 ? core::Direction::kUp : core::Direction::kDown;
  return out;
}

}  // namespace ae::predictor
