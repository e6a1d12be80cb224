#include "executor/errors.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ae::executor {

UnscoredBuyCandidatesError::UnscoredBuyCandidatesError(std::vector<std::string> missing, int n_buy,
                                                       int n_predictions)
    : ExecutorError(fmt::format(
          "Coverage gap: {} of {} buy_candidate(s) not present in predictions (which has {} "
          "tickers). Missing: {}. Refusing to size positions: the GBM veto gate is unreachable "
          "for them. Re-run the predictor with --tickers to close the gap.",
          missing.size(), n_buy, n_predictions, fmt::join(missing, ", "))),
      missing_(std::move(missing)),
      n_buy_(n_buy),
      n_predictions_(n_predictions) {}

}  // namespace ae::executor
