// Simulated markets for tests: a small synthetic market written into a bar
// store (the planted signal at a multiple of its default strength, so a few
// dozen tickers carry it), and the same market with every bar after day t
// scaled by random factors (the no-look-ahead tests).
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/date.h"

namespace ae::test {

void write_simulated_market(const std::filesystem::path& market_root, int tickers, int years,
                            std::uint64_t seed, core::Date end, double signal_multiple = 4);

// Prices (open, high, low, close, vwap) and volume of every present bar after
// `t` scaled by factors drawn from [0.8, 1.25] with `seed`.
void perturb_bars_after(const std::filesystem::path& market_root, core::Date t, std::uint32_t seed);

}  // namespace ae::test
