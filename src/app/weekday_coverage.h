// How the weekday pipeline guards prediction coverage, by the names its
// definitions give it: the first coverage check, the re-score it runs on a gap
// and the health check it reaches once every buy candidate is scored
// (states of pipelines/weekday.asl.json), and the alarm on unscored buy
// candidates (pipelines/alarms.json).
#pragma once

#include <string_view>

namespace ae::app {

inline constexpr std::string_view kCoverageCheckState = "CheckPredictorCoverage";
inline constexpr std::string_view kCoverageRescoreState = "ReinvokePredictor";
inline constexpr std::string_view kCoverageHealedState = "PredictorHealthCheck";
inline constexpr std::string_view kCoverageAlarm = "alpha-engine-predictor-unscored-buy-candidates";

}  // namespace ae::app
