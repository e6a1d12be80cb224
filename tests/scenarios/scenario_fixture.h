// The scenario fixture: a small simulated market (60 tickers x 3 years to
// Monday 2026-04-20), the saturday work before the incident (research of
// Friday 2026-04-17, a champion trained that Saturday, Friday's closes
// recorded) made once per suite; every test works on its own copy of that
// home and runs whole pipelines in process on the durable engine, with the
// task functions, the built-in resources and this build's `ae` for the
// command steps. Asserts are on the execution history and on the store.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>

#include "app/faults.h"
#include "app/pipeline_run.h"
#include "app/run_clock.h"
#include "core/artifact_store.h"
#include "core/clock.h"
#include "states/resources/builtin_resources.h"
#include "support/test_support.h"

namespace ae::app {

extern const core::Date kIncident;  // Monday 2026-04-20
extern const core::Date kFriday;    // 2026-04-17

class RecordingNotifications final : public states::NotificationSink {
 public:
  void publish(const std::string&, const std::string& subject, const std::string&) override;
  std::vector<std::string> subjects() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> subjects_;
};

class Scenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  std::filesystem::path home() const { return scratch_.path() / "home"; }
  PipelineRun run_weekday(const std::string& date, Faults faults = {},
                          const std::string& name = "");
  PipelineRun run_pipeline_on(const std::string& pipeline, const std::string& date,
                              Faults faults = {}, const std::string& name = "");

  static std::vector<std::string> entered(const PipelineRun& run);
  static bool visited(const PipelineRun& run, const std::string& state);
  // `sequence` appears in the states entered, in order and adjacent.
  static bool visited_in_order(const PipelineRun& run, const std::vector<std::string>& sequence);
  std::set<std::string> predicted_tickers() const;  // of 2026-04-20
  bool store_has(const std::string& key) const;
  static const std::vector<std::string>& buy_candidates() { return *buy_candidates_; }

  static ae::test::TempDir* base_;
  static std::vector<std::string>* buy_candidates_;
  ae::test::TempDir scratch_;
  std::unique_ptr<RunClock> clock_;
  std::shared_ptr<RecordingNotifications> notifications_ =
      std::make_shared<RecordingNotifications>();
  std::shared_ptr<states::HostRecorder> hosts_ = std::make_shared<states::HostRecorder>();
};

// The status, error and per-state results of a run, for failure messages.
std::string describe(const PipelineRun& run);

}  // namespace ae::app
