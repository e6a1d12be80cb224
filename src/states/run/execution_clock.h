// The clock an execution runs on, one rule for every runner (`ae sfn run`,
// `resume`, `redrive`, `ae sfn serve`'s workers): an execution recorded on a
// virtual clock continues its own timeline, on a VirtualClock of its own from
// the instant of its last history event (its start time when it has none);
// any other runs on the clock of kind `kind` (core::make_clock: "real", or a
// new virtual one starting now).
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "states/store/history_store.h"

namespace ae::states {

std::unique_ptr<core::Clock> execution_clock(HistoryStore& store, const ExecutionRecord& record,
                                             const std::string& kind);

}  // namespace ae::states
