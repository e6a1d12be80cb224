// A sweep's books saved after its last day, so that a later sweep over the
// same days and more resumes there instead of stepping the saved days again:
// the weekly backtest and tuning over a span that grows by a week each time.
// A checkpoint is used only when everything the saved days read is the same:
//   - the build (core/build_identity.h);
//   - each saved day's decisions (DecisionDay::digest, every one known);
//   - the market through the last saved day (SeriesCache::digest_through).
// Then each configuration asked for resumes the saved book of the same
// configuration, wherever it was in the saved list (a tuning whose baseline
// moved with a promotion resumes every combination sampled before); one
// without a saved book steps every day from the first. Anything else (no
// file, a corrupt one, another build, a changed day, a revised bar, no
// configuration in common) and every book steps every day: the figures are
// then those of a sweep without a checkpoint, as they are after a resume
// (tested). A sweep with a failed book is not saved.
// The file is JSON; numbers are stored by column as Base64 of their bytes
// (this machine's, as the build is), so the books resume bit for bit (NaN
// included), and a file holds a few JSON values per book, not one per number.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "backtest/day_step.h"
#include "backtest/decision_inputs.h"
#include "backtest/result.h"
#include "core/artifact_store.h"
#include "executor/risk_config.h"

namespace ae::backtest {

// Where a sweep resumes from and saves to; no store: neither.
struct CheckpointPlace {
  core::ArtifactStore* store = nullptr;
  std::string key;
};

// A book and its run after the saved days: the result's fields run_sweep
// fills, but its label (a book's label is its place in the sweep).
struct SavedBook {
  BookState book;
  BacktestResult result;
};

// The saved books after `days` days, by the configurations asked for:
// books[i] is configs[i]'s, or empty when no book of that configuration was
// saved.
struct SweepCheckpoint {
  std::size_t days = 0;
  std::vector<std::optional<SavedBook>> books;
};

// The checkpoint at `place` that applies to sweeping `days` with `configs`
// over `series` (at least one of them saved), or nullopt (with the reason
// logged at debug level).
std::optional<SweepCheckpoint> load_checkpoint(const CheckpointPlace& place,
                                               const SeriesCache& series,
                                               std::span<const DecisionDay> days,
                                               const std::vector<executor::RiskConfig>& configs);

// Saves each configuration's book and result after every one of `days` at
// `place` (books[i] and *results[i] for configs[i]); nothing when a day's
// digest is unknown.
void save_checkpoint(const CheckpointPlace& place, const SeriesCache& series,
                     std::span<const DecisionDay> days,
                     const std::vector<executor::RiskConfig>& configs,
                     std::span<const BookState> books,
                     std::span<const BacktestResult* const> results);

}  // namespace ae::backtest
