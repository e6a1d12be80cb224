// core/repeated_warnings.h: inside a scope a key's first warning is logged
// and its repeats are counted into one summary line when the outermost scope
// closes; outside a scope every warning is logged.
#include "core/repeated_warnings.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "support/captured_log.h"

namespace ae::core {
namespace {

using test::CapturedLog;

TEST(RepeatedWarnings, OutsideAScopeEveryWarningIsLogged) {
  CapturedLog log;
  warn_repeated("planner: held AAA has no close", "2026-04-20");
  warn_repeated("planner: held AAA has no close", "2026-04-21");
  EXPECT_EQ(log.lines(),
            (std::vector<std::string>{"warning planner: held AAA has no close: 2026-04-20",
                                      "warning planner: held AAA has no close: 2026-04-21"}));
}

TEST(RepeatedWarnings, AScopeLogsTheFirstAndSummarisesTheRepeatsAtItsEnd) {
  CapturedLog log;
  {
    RepeatedWarningScope run;
    warn_repeated("predictor: output health gate failed (sign_skew)", "100% share one sign");
    warn_repeated("research: entrants below the floor", "1 on 2026-04-20");
    warn_repeated("predictor: output health gate failed (sign_skew)", "98% share one sign");
    warn_repeated("predictor: output health gate failed (sign_skew)", "97% share one sign");
    EXPECT_EQ(log.lines().size(), 2u) << "repeats are held back while the run goes on";
  }
  EXPECT_EQ(log.lines(),
            (std::vector<std::string>{
                "warning predictor: output health gate failed (sign_skew): 100% share one sign",
                "warning research: entrants below the floor: 1 on 2026-04-20",
                "warning predictor: output health gate failed (sign_skew): 2 more time(s) in this "
                "run, the last: 97% share one sign"}));
}

TEST(RepeatedWarnings, OnlyTheOutermostScopeSummarisesAndTheNextRunStartsAfresh) {
  CapturedLog log;
  {
    RepeatedWarningScope outer;
    {
      RepeatedWarningScope inner;
      warn_repeated("k", "1");
      warn_repeated("k", "2");
    }
    EXPECT_EQ(log.lines().size(), 1u);
    warn_repeated("k", "3");
  }
  {
    RepeatedWarningScope next;
    warn_repeated("k", "4");
  }
  EXPECT_EQ(log.lines(), (std::vector<std::string>{"warning k: 1",
                                                   "warning k: 2 more time(s) in this run, the "
                                                   "last: 3",
                                                   "warning k: 4"}));
}

TEST(RepeatedWarnings, CountsEveryRepeatFromManyThreads) {
  CapturedLog log;
  {
    RepeatedWarningScope run;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([] {
        for (int i = 0; i < 250; ++i) warn_repeated("k", "d");
      });
    for (auto& thread : threads) thread.join();
  }
  EXPECT_EQ(log.lines(),
            (std::vector<std::string>{"warning k: d",
                                      "warning k: 999 more time(s) in this run, the last: d"}));
}

}  // namespace
}  // namespace ae::core
