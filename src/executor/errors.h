// The executor's typed failures. Each carries name(), the error name the state
// machines catch (the task adapter maps the exception onto it):
//   UnscoredBuyCandidatesError - the coverage read-time guard fired: a buy
//                                candidate has no prediction row;
//   PipelineHardFail           - an input gate failed (stale upstream health,
//                                stale SPY, missing ATR, missing closes, bad
//                                order book, broker/ledger disagreement).
// Both are core::Error, so the CLI prints them as one line and exits 1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ae::executor {

class ExecutorError : public core::Error {
 public:
  using core::Error::Error;
  virtual std::string_view name() const = 0;
};

class UnscoredBuyCandidatesError final : public ExecutorError {
 public:
  UnscoredBuyCandidatesError(std::vector<std::string> missing, int n_buy, int n_predictions);
  std::string_view name() const override { return "UnscoredBuyCandidatesError"; }
  const std::vector<std::string>& missing() const { return missing_; }
  int n_buy() const { return n_buy_; }
  int n_predictions() const { return n_predictions_; }

 private:
  std::vector<std::string> missing_;
  int n_buy_;
  int n_predictions_;
};

class PipelineHardFail final : public ExecutorError {
 public:
  using ExecutorError::ExecutorError;
  std::string_view name() const override { return "PipelineHardFail"; }
};

}  // namespace ae::executor
