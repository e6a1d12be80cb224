// The fast sweep at the reference's shape: 60 combinations x 2,500 trading
// days x ~900 tickers (the reference's numpy sweep took about 140 s, 136.5 s
// for the loop alone). The simulated market is generated into a temp directory
// (ae-sweep-bench-<tickers>-<years>, or AE_SWEEP_BENCH_HOME; kept between
// runs); the decision inputs are backtest/oracle.h's (weekly research from the
// planted signal, a prediction for every buy candidate).
//
// Shape from the environment (defaults = the reference's shape):
//   AE_SWEEP_TICKERS (900), AE_SWEEP_DAYS (2500), AE_SWEEP_COMBOS (60)
// Counters: wall and CPU seconds of the whole sweep, the per-day split
// (DayMarket build, serial; the books' step_day, parallel: wall and summed
// thread CPU), and the reference's 140 s over our wall time. A second
// benchmark splits one book's step_day into plan (assemble_plan_input +
// plan_day) and execution (fills, stops, marking) over the same days.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>

#include "backtest/day_step.h"
#include "backtest/oracle.h"
#include "backtest/parameter_grid.h"
#include "backtest/sweep.h"
#include "backtest/tuning.h"
#include "core/clock.h"
#include "executor/planning/plan_input.h"
#include "executor/risk_parameters.h"
#include "market/synth/synthetic_market.h"
#include "value_digest.h"

namespace {

using namespace ae;
using bench::ValueDigest;

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : fallback;
}

double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

struct BenchWorld {
  std::filesystem::path home;
  std::unique_ptr<market::BarStore> bars;
  std::unique_ptr<backtest::SeriesCache> series;
  backtest::DecisionInputs inputs;
  double setup_seconds = 0;

  BenchWorld() {
    const core::Stopwatch watch;
    const int tickers = env_int("AE_SWEEP_TICKERS", 900);
    const int days = env_int("AE_SWEEP_DAYS", 2500);
    const int years = days / 252 + 2;  // a year of history before the first day
    const char* kept = std::getenv("AE_SWEEP_BENCH_HOME");
    home = kept ? std::filesystem::path(kept)
                : std::filesystem::temp_directory_path() /
                      ("ae-sweep-bench-" + std::to_string(tickers) + "-" + std::to_string(years));
    const auto end = core::parse_date("2025-06-06");
    bars = std::make_unique<market::BarStore>(home);
    if (!bars->has_universe() ||
        static_cast<int>(bars->read_universe().constituents.size()) != tickers) {
      market::synth::SynthOptions o;
      o.tickers = tickers;
      o.years = years;
      o.seed = 42;
      o.end = end;
      market::synth::write_market(*bars, market::synth::generate_market(o, bars->calendar()), o);
    }
    series = std::make_unique<backtest::SeriesCache>(*bars);
    const auto& calendar = bars->calendar();
    const auto last = calendar.index_of(end);
    inputs = backtest::oracle_decisions(*series, calendar.date_at(last - days + 1), end);
    setup_seconds = watch.elapsed_seconds();
  }
};

const BenchWorld& bench_world() {
  static BenchWorld w;
  return w;
}

std::vector<executor::RiskConfig> bench_configs(std::size_t n) {
  const auto base = executor::profile_risk_config("reference");
  const auto grid = backtest::reference_core_grid().with_values_of(base);
  const auto sample = backtest::sample_combinations(grid, grid.combination_of(base), n, 42);
  std::vector<executor::RiskConfig> configs;
  for (const auto& c : sample.combinations) configs.push_back(backtest::apply_combination(c, base));
  return configs;
}

void BM_Sweep(benchmark::State& state) {
  const auto& w = bench_world();
  const auto configs = bench_configs(static_cast<std::size_t>(env_int("AE_SWEEP_COMBOS", 60)));
  for (auto _ : state) {
    const double cpu0 = process_cpu_seconds();
    const core::Stopwatch watch;
    const auto result = backtest::run_sweep(*w.series, w.inputs.days, configs);
    const double wall = watch.elapsed_seconds();
    const double cpu = process_cpu_seconds() - cpu0;
    std::size_t fills = 0, errors = 0;
    // A digest of every NAV and fill, to show an optimisation changed nothing.
    ValueDigest digest;
    auto mix = [&digest](double v) { digest.add(v); };
    for (const auto& run : result.runs) {
      fills += run.result.fills.size();
      errors += run.error.empty() ? 0 : 1;
      for (double nav : run.result.nav) mix(nav);
      for (const auto& f : run.result.fills) {
        mix(f.price);
        mix(f.shares);
        mix(f.commission);
      }
    }
    state.SetLabel("digest " + digest.hex());
    const auto& t = result.timings;
    state.counters["combos"] = static_cast<double>(configs.size());
    state.counters["days"] = static_cast<double>(t.days);
    state.counters["tickers"] = static_cast<double>(w.series->universe().constituents.size());
    state.counters["wall_s"] = wall;
    state.counters["cpu_s"] = cpu;
    state.counters["market_wall_s"] = t.market_wall;
    state.counters["books_wall_s"] = t.books_wall;
    state.counters["books_cpu_s"] = t.books_cpu;
    state.counters["ms_per_day"] = wall * 1e3 / static_cast<double>(t.days);
    state.counters["us_per_book_day"] = t.books_cpu * 1e6 / static_cast<double>(t.book_days);
    state.counters["fills"] = static_cast<double>(fills);
    state.counters["failed_books"] = static_cast<double>(errors);
    state.counters["reference_140s_over_ours"] = 140.0 / wall;
    state.counters["setup_s"] = w.setup_seconds;
  }
}
BENCHMARK(BM_Sweep)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// One book over the same days: its own DayMarket, the plan alone
// (assemble_plan_input + plan_day on the morning's book) and the whole
// step_day (which plans again, then fills, stops and marks). A book makes
// well under one fill a day, so execution (step - plan) is below this
// measurement's resolution; fills_per_day shows why.
void BM_OneBookSplit(benchmark::State& state) {
  const auto& w = bench_world();
  const auto config = executor::profile_risk_config("reference");
  const auto models = executor::default_execution_models(config);
  core::RecordingMetricSink metrics;
  for (auto _ : state) {
    backtest::CoverageGuard coverage_guard(metrics);
    auto book = backtest::opening_book(config.initial_cash);
    double market_s = 0, plan_s = 0, step_s = 0;
    std::size_t fills = 0;
    for (const auto& day : w.inputs.days) {
      const core::Stopwatch m;
      std::vector<std::string> symbols{"SPY"};
      if (day.signals)
        symbols = executor::planner_symbols(backtest::plan_sources(book, day, *w.series, config));
      else
        for (const auto& [ticker, held] : book.holdings) symbols.push_back(ticker);
      const backtest::DayMarket market(*w.series, day, symbols);
      const auto coverage = coverage_guard.check(day);
      market_s += m.elapsed_seconds();
      if (day.signals && !coverage) {
        // Planned twice, the second timed: step_day then plans a third time
        // on equally warm caches, so execution = step - plan is not skewed.
        for (int pass = 0; pass < 2; ++pass) {
          const core::Stopwatch p;
          try {
            const auto input = executor::assemble_plan_input(
                backtest::plan_sources(book, day, *w.series, config), market.histories());
            benchmark::DoNotOptimize(executor::plan_day(input, config));
          } catch (const std::exception&) {
          }
          if (pass == 1) plan_s += p.elapsed_seconds();
        }
      }
      const core::Stopwatch s;
      const auto outcome =
          backtest::step_day(book, market, day, coverage, *w.series, config, models);
      fills += outcome.fills.size();
      step_s += s.elapsed_seconds();
    }
    const auto days = static_cast<double>(w.inputs.days.size());
    state.counters["market_us_per_day"] = market_s * 1e6 / days;
    state.counters["plan_us_per_day"] = plan_s * 1e6 / days;
    state.counters["step_us_per_day"] = step_s * 1e6 / days;
    state.counters["fills_per_day"] = static_cast<double>(fills) / days;
  }
}
BENCHMARK(BM_OneBookSplit)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// The weekly tuning on the same world: 60 combinations on the first 70% of
// the days, the best and the baseline on the last 30%; the decision JSON is
// printed to stderr.
void BM_Tuning(benchmark::State& state) {
  const auto& w = bench_world();
  const auto base = executor::profile_risk_config("reference");
  std::vector<core::Date> dates;
  for (const auto& day : w.inputs.days) dates.push_back(day.date);
  const auto spans = backtest::split_spans(dates, 0.3);
  backtest::TuningOptions options;
  options.max_trials = static_cast<std::size_t>(env_int("AE_SWEEP_COMBOS", 60));
  for (auto _ : state) {
    const core::Stopwatch watch;
    const auto decision = backtest::run_tuning(backtest::reference_core_grid(), base, spans,
                                               backtest::sweep_evaluator(w.inputs), options);
    state.counters["wall_s"] = watch.elapsed_seconds();
    state.counters["promoted"] = decision.promoted ? 1 : 0;
    state.SetLabel(decision.promoted ? "promoted" : "refused by " + decision.refused_by);
    fmt::print(stderr, "{}\n", backtest::decision_json(decision, options).dump(2));
  }
}
BENCHMARK(BM_Tuning)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

}  // namespace
