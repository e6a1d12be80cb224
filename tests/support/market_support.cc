#include "support/market_support.h"

#include <random>
#include <vector>

#include "market/bar_store.h"
#include "market/synth/synthetic_market.h"

namespace ae::test {

void write_simulated_market(const std::filesystem::path& market_root, int tickers, int years,
                            std::uint64_t seed, core::Date end, double signal_multiple) {
  market::BarStore bars(market_root);
  market::synth::SynthOptions options;
  options.tickers = tickers;
  options.years = years;
  options.seed = seed;
  options.end = end;
  options.signal_strength = signal_multiple * market::synth::kDefaultSignalStrength;
  market::synth::write_market(bars, market::synth::generate_market(options, bars.calendar()),
                              options);
}

void perturb_bars_after(const std::filesystem::path& market_root, core::Date t,
                        std::uint32_t seed) {
  market::BarStore bars(market_root);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> scale(0.8, 1.25);
  for (const auto& symbol : bars.symbols()) {
    const auto view = bars.read(symbol);
    std::vector<market::Bar> later;
    for (std::size_t r = 0; r < view.size(); ++r) {
      auto bar = view.bar(r);
      if (bar.date <= t || bar.missing()) continue;
      const double k = scale(rng);
      bar.open *= k, bar.high *= k, bar.low *= k, bar.close *= k, bar.vwap *= k;
      bar.volume *= scale(rng);
      later.push_back(bar);
    }
    bars.merge(symbol, later);
  }
}

}  // namespace ae::test
