// A crash at every state boundary of the weekday, eod and saturday pipelines:
// for each top-level state an uninterrupted run enters, `ae run P --crash-at
// STATE` kills the process (SIGKILL) once that state's entry is durable and
// before it runs; `ae run P` with the same name then resumes the execution.
// Each resumed run must reach the uninterrupted run's outcome: the same
// status and path, the same trades in the ledger (none twice), the same
// order book, the same artifacts, and every command step run exactly once.
#include <iostream>
#include <set>

#include "core/artifact_store.h"
#include "core/atomic_file.h"
#include "core/home.h"
#include "executor/ledger/ledger.h"
#include "scenarios/scenario_fixture.h"
#include "states/resources/command_runner.h"
#include "states/run/executions.h"
#include "states/store/history_store.h"

namespace ae::app {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  std::string status;
  std::vector<std::string> path;  // top-level states entered, a re-entry folded
  std::vector<std::string> trades;
  std::string order_book;
  std::vector<std::string> store_keys;
  int commands = 0;
  std::vector<std::string> commands_run_more_than_once;
};

std::string describe(const Outcome& outcome) {
  std::string out = outcome.status + "\npath:";
  for (const auto& state : outcome.path) out += " " + state;
  out += "\ntrades:";
  for (const auto& trade : outcome.trades) out += "\n  " + trade;
  out += "\ncommands: " + std::to_string(outcome.commands);
  for (const auto& command : outcome.commands_run_more_than_once) out += "\n  twice: " + command;
  return out;
}

Outcome outcome_of(const fs::path& home, const std::string& name) {
  Outcome outcome;
  states::HistoryStore history(core::Home(home).executions_database());
  const auto record = history.get(name);
  outcome.status = states::status_name(record.status);
  for (const auto& event : history.events(record.id)) {
    if (!event.type.ends_with("StateEntered")) continue;
    if (!outcome.path.empty() && outcome.path.back() == event.state) continue;
    outcome.path.push_back(event.state);
  }
  const core::Home layout(home);
  if (fs::exists(layout.ledger())) {
    executor::Ledger ledger(layout.ledger());
    for (const auto& trade : ledger.trades())
      outcome.trades.push_back(trade.trade_id + " " + trade.ticker + " " + trade.action + " " +
                               std::to_string(trade.shares) + " @" +
                               std::to_string(trade.fill_price));
    std::sort(outcome.trades.begin(), outcome.trades.end());
  }
  if (fs::exists(layout.order_book())) outcome.order_book = core::read_file(layout.order_book());
  const core::FileSystemStore store(layout.store());
  outcome.store_keys = store.list("");
  states::CommandRunner commands(layout.command_invocations());
  for (const auto& invocation : commands.invocations()) {
    ++outcome.commands;
    if (invocation.attempts != 1)
      outcome.commands_run_more_than_once.push_back(invocation.state_name);
  }
  return outcome;
}

class StateBoundaryCrash : public Scenario {
 protected:
  // Runs `ae run` on `home`; true when the process ended by the injected crash.
  static ae::test::CommandResult run(const fs::path& home, const std::string& pipeline,
                                     const std::string& date, const std::string& crash_at = "") {
    std::string arguments = "--log-level warn run " + pipeline + " --clock virtual --date " + date +
                            " --name crash-drill-" + pipeline + " --skip-drift-check";
    if (!crash_at.empty()) arguments += " --crash-at '" + crash_at + "'";
    return ae::test::run_ae(arguments, home);
  }

  // Every state boundary of `pipeline` on `date`, on copies of `start`.
  void crash_at_every_state(const fs::path& start, const std::string& pipeline,
                            const std::string& date) {
    ae::test::TempDir scratch;
    const fs::path reference = scratch.path() / "reference";
    fs::copy(start, reference, fs::copy_options::recursive);
    const auto uninterrupted = run(reference, pipeline, date);
    ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.out << uninterrupted.err;
    const Outcome expected = outcome_of(reference, "crash-drill-" + pipeline);
    ASSERT_EQ(expected.status, "SUCCEEDED") << describe(expected);

    const std::set<std::string> boundaries(expected.path.begin(), expected.path.end());
    std::cout << pipeline << ": crashing at each of " << boundaries.size() << " states\n";
    for (const auto& state : boundaries) {
      SCOPED_TRACE(pipeline + " crashed at " + state);
      const fs::path home = scratch.path() / ("crash-" + state);
      fs::copy(start, home, fs::copy_options::recursive);
      const auto crashed = run(home, pipeline, date, state);
      ASSERT_NE(crashed.err.find("crash injected at the entry of state " + state),
                std::string::npos)
          << crashed.out << crashed.err;
      {
        states::HistoryStore history(core::Home(home).executions_database());
        ASSERT_EQ(history.get("crash-drill-" + pipeline).status, states::ExecutionStatus::kRunning);
      }
      const auto resumed = run(home, pipeline, date);
      EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
      const Outcome actual = outcome_of(home, "crash-drill-" + pipeline);
      EXPECT_EQ(actual.status, expected.status);
      EXPECT_EQ(actual.path, expected.path) << describe(actual);
      EXPECT_EQ(actual.trades, expected.trades) << describe(actual);
      EXPECT_EQ(actual.order_book, expected.order_book);
      EXPECT_EQ(actual.store_keys, expected.store_keys);
      EXPECT_EQ(actual.commands, expected.commands) << describe(actual);
      EXPECT_TRUE(actual.commands_run_more_than_once.empty()) << describe(actual);
      fs::remove_all(home);
    }
  }
};

TEST_F(StateBoundaryCrash, WeekdayResumesFromEveryStateToTheSameDay) {
  crash_at_every_state(home(), "weekday", "2026-04-20");
}

TEST_F(StateBoundaryCrash, EodResumesFromEveryStateToTheSameClose) {
  // The close of a day that traded: the weekday run first, uninterrupted.
  const auto weekday = run(home(), "weekday", "2026-04-20");
  ASSERT_EQ(weekday.exit_code, 0) << weekday.out << weekday.err;
  const fs::path traded = home().parent_path() / "traded";
  fs::copy(home(), traded, fs::copy_options::recursive);
  crash_at_every_state(traded, "eod", "2026-04-20");
}

TEST_F(StateBoundaryCrash, SaturdayResumesFromEveryStateToTheSameWeek) {
  crash_at_every_state(home(), "saturday", "2026-04-18");
}

}  // namespace
}  // namespace ae::app
