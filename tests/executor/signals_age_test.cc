// The morning's signals: the newest dated on or before the run date, with a
// warning only when they are older than research's cadence (a missed
// saturday), not on the ordinary weekdays between two research runs.
#include <gtest/gtest.h>

#include "core/contracts/contract.h"
#include "core/contracts/signals.h"
#include "executor/errors.h"
#include "executor/planning/inputs.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

void write_signals(core::ArtifactStore& store, const char* date) {
  core::Signals signals;
  signals.date = core::parse_date(date);
  signals.market_regime = core::MarketRegime::kNeutral;
  core::write_contract(store, core::Contract::kSignals, signals_key(signals.date),
                       nlohmann::json(signals));
}

TEST(SignalsAge, TheWeekBetweenTwoResearchRunsIsQuiet) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  write_signals(store, "2026-04-18");  // a saturday's research
  for (const char* day : {"2026-04-20", "2026-04-24", "2026-04-25"}) {
    const auto read = read_signals_with_fallback(store, core::parse_date(day), 7);
    EXPECT_EQ(read.key, "signals/2026-04-18/signals.json");
    EXPECT_TRUE(read.warnings.empty()) << day << ": " << read.warnings.front();
  }
}

TEST(SignalsAge, SignalsOlderThanTheCadenceWarnAndNameIt) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  write_signals(store, "2026-04-18");
  const auto read = read_signals_with_fallback(store, core::parse_date("2026-04-27"), 7);
  ASSERT_EQ(read.age_days, 9);
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_EQ(read.warnings[0],
            "signals are 9 days old, more than the research cadence of 7 days (did the saturday "
            "pipeline run?)");
  EXPECT_THROW(read_signals_with_fallback(store, core::parse_date("2026-05-20"), 7),
               PipelineHardFail);
}

}  // namespace
}  // namespace ae::executor
