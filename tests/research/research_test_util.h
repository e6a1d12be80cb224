// Helpers for the research tests: a small simulated market (generated once
// per test binary, written into each test's own directory), a run context
// over a TempDir, and agent scripts.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/sqlite.h"
#include "market/bar_store.h"
#include "market/synth/synthetic_market.h"
#include "research/pipeline.h"
#include "research/research_parameters.h"
#include "support/test_support.h"

namespace ae::research::test {

inline constexpr const char* kMarketEnd = "2026-09-25";
inline constexpr const char* kFirstRun = "2026-06-26";

inline const market::TradingCalendar& calendar() {
  static const market::TradingCalendar instance;
  return instance;
}

inline market::synth::SynthOptions small_options() {
  market::synth::SynthOptions options;
  options.tickers = 80;
  options.years = 2;
  options.seed = 7;
  options.end = core::parse_date(kMarketEnd);
  return options;
}

inline const market::synth::SyntheticMarket& small_market() {
  static const auto market = market::synth::generate_market(small_options(), calendar());
  return market;
}

// A home directory with the small market in market/, a store, a database.
class ResearchHome {
 public:
  ResearchHome()
      : bars_(dir_.path() / "market"),
        store_(dir_.path() / "store"),
        clock_(core::parse_timestamp("2026-06-27T12:00:00Z")) {
    market::synth::write_market(bars_, small_market(), small_options());
    std::filesystem::create_directories(dir_.path() / "state");
    database_ = std::make_unique<core::Database>(dir_.path() / "state" / "research.db");
    parameters_ = std::make_unique<core::ParameterSet>(
        load_research_parameters("", store_, core::kDefaultProfile));
  }

  const std::filesystem::path& path() const { return dir_.path(); }
  market::BarStore& bars() { return bars_; }
  core::FileSystemStore& store() { return store_; }
  core::Database& database() { return *database_; }
  core::ParameterSet& parameters() { return *parameters_; }
  core::VirtualClock& clock() { return clock_; }

  RunResult run(const std::string& date, std::map<std::string, std::string> agents = {},
                bool force = false) {
    RunOptions options;
    options.date = core::parse_date(date);
    options.agents = std::move(agents);
    options.force = force;
    options.threads = 2;
    const ResearchContext context{bars_, store_, *database_, clock_, *parameters_, &metrics_};
    return run_research(context, options);
  }

  core::RecordingMetricSink& metrics() { return metrics_; }

  // Writes an executable script and returns its path.
  std::string script(const std::string& name, const std::string& body) {
    const auto file = dir_.path() / name;
    std::ofstream(file) << "#!/bin/bash\n" << body << "\n";
    std::filesystem::permissions(file, std::filesystem::perms::owner_all);
    return file.string();
  }

 private:
  ae::test::TempDir dir_;
  market::BarStore bars_;
  core::FileSystemStore store_;
  core::VirtualClock clock_;
  std::unique_ptr<core::Database> database_;
  std::unique_ptr<core::ParameterSet> parameters_;
  core::RecordingMetricSink metrics_;
};

}  // namespace ae::research::test
