// `ae data synth`'s write, all or nothing. The new market is written into
// `staging` (a folder beside the bar store's, on the same file system; any
// leftover of an interrupted run is removed first) together with a copy of
// the previous market's import reports; then `staging` replaces
// `market_root` in one step (core::replace_directory). The rest of the
// previous market goes with it: its bars, universe and synth.json, and its
// quarantine record and corporate actions, which describe the data replaced.
// A failure before the swap - a full disk, a write error, an exception from
// `progress` - removes the staging folder and leaves the previous market as
// it was, byte for byte; a crash leaves the staging folder for the next run
// to remove.
#pragma once

#include <filesystem>

#include "market/synth/synthetic_market.h"

namespace ae::market::synth {

void install_market(const std::filesystem::path& market_root, const std::filesystem::path& staging,
                    const SyntheticMarket& market, const SynthOptions& options,
                    const WriteProgress& progress = {});

}  // namespace ae::market::synth
