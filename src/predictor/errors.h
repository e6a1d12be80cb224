// The predictor's typed failures, named as the state machines' Catch and
// Choice rules expect them (the task adapters report name() as the error name):
//   PipelineHardFail - an invariant would be broken (a buy candidate without a
//                      prediction, an unhealthy batch with the gate blocking);
//                      nothing was written and the caller must fail loudly.
//   PipelineAbort    - a clean stop with nothing written (SPY not fresh): the
//                      run is not an error for the orchestration, but the
//                      day has no predictions from this invocation.
// Both carry one line naming what and where; name() is the error name.
#pragma once

#include <string_view>

#include "core/error.h"

namespace ae::predictor {

class PipelineHardFail : public core::Error {
 public:
  using core::Error::Error;
  static constexpr std::string_view name() { return "PipelineHardFail"; }
};

class PipelineAbort : public core::Error {
 public:
  using core::Error::Error;
  static constexpr std::string_view name() { return "PipelineAbort"; }
};

}  // namespace ae::predictor
