// Scenario 6: the process running the weekday pipeline is killed (SIGKILL,
// with its command steps) while the morning planner runs; `ae sfn resume`
// continues it from its checkpoint and finishes the day with exactly the
// orders of an uninterrupted run - none twice. (Running the same named
// execution again with `ae run` resumes it the same way.)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "core/error.h"
#include "core/home.h"
#include "executor/ledger/ledger.h"
#include "scenarios/scenario_fixture.h"
#include "states/run/executions.h"
#include "states/store/history_store.h"

namespace ae::app {
namespace {

// `ae run weekday` in its own process group, so a kill takes its children.
pid_t start_weekday(const std::filesystem::path& home, const std::string& name) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setsid();
    ::setenv("AE_HOME", home.c_str(), 1);
    ::execl(AE_BINARY, AE_BINARY, "--log-level", "warn", "run", "weekday", "--clock", "virtual",
            "--date", "2026-04-20", "--name", name.c_str(), "--skip-drift-check",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

std::vector<std::string> trade_ids(const std::filesystem::path& home) {
  executor::Ledger ledger(core::Home(home).ledger());
  std::vector<std::string> ids;
  for (const auto& trade : ledger.trades()) ids.push_back(trade.trade_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST_F(Scenario, KilledDuringThePlannerTheResumedDayPlacesNoOrderTwice) {
  // The uninterrupted day, on a copy of the same home.
  ae::test::TempDir reference_dir;
  const auto reference_home = reference_dir.path() / "home";
  std::filesystem::copy(home(), reference_home, std::filesystem::copy_options::recursive);
  ASSERT_EQ(WEXITSTATUS(wait_for(start_weekday(reference_home, "weekday-2026-04-20"))), 0);
  const auto expected = trade_ids(reference_home);
  ASSERT_FALSE(expected.empty()) << "the uninterrupted day placed no order";

  // The interrupted day: killed as soon as the planner step is checkpointed.
  const pid_t pid = start_weekday(home(), "weekday-2026-04-20");
  bool killed = false;
  for (int i = 0; i < 20000 && !killed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) break;  // finished before the planner
    try {
      states::HistoryStore store(core::Home(home()).executions_database());
      const auto record = store.find("weekday-2026-04-20");
      if (!record) continue;
      const auto checkpoint = store.checkpoint(record->id);
      if (checkpoint && checkpoint->state == "RunMorningPlanner") {
        ::kill(-pid, SIGKILL);
        wait_for(pid);
        killed = true;
      }
    } catch (const core::Error&) {
      // the database is being created
    }
  }
  ASSERT_TRUE(killed) << "the execution never reached RunMorningPlanner";
  {
    states::HistoryStore store(core::Home(home()).executions_database());
    EXPECT_EQ(store.get("weekday-2026-04-20").status, states::ExecutionStatus::kRunning);
  }

  // `ae sfn resume`: continued from the checkpoint on the execution's own
  // (virtual) timeline, with the pipeline's task functions, and finished.
  const auto resumed = ae::test::run_ae("--log-level warn sfn resume weekday-2026-04-20", home());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  states::HistoryStore store(core::Home(home()).executions_database());
  EXPECT_EQ(store.get("weekday-2026-04-20").status, states::ExecutionStatus::kSucceeded);
  EXPECT_EQ(store.list().size(), 1u);
  EXPECT_EQ(trade_ids(home()), expected);
}

}  // namespace
}  // namespace ae::app
