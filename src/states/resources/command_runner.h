// The local runner behind arn:aws:states:::aws-sdk:ssm:sendCommand and
// getCommandInvocation, durable across crashes of the engine's process.
//
// sendCommand runs Parameters.commands under `set -eo pipefail` (a failing
// stage of a pipeline fails the command) with executionTimeout, to
// completion, and answers with the command's id; getCommandInvocation
// answers Status Success|Failed|TimedOut, ResponseCode and the captured
// output. The command id is derived from the task's idempotency key, so the
// same task entry (a resumed execution re-running a task in flight) reaches
// the same invocation.
//
// Durability: every invocation is a row of `<root>/invocations.sqlite`
// (id, key, state, status, exit code, stdout, stderr, attempts), written
// before the command starts and when it ends. The command runs under a small
// bash wrapper in `<root>/<command id>/` that holds a lock file for its
// lifetime, claims the invocation (mkdir, so only one process ever runs it at
// a time), sends the command's output to files and records its exit code
// atomically when it ends - even if the engine's process died meanwhile.
// Hence, after a crash at any point:
//   - a finished invocation is answered from its row and never runs again;
//   - one still running in an orphaned wrapper is reattached: the runner
//     waits for the lock to be released and collects the recorded result;
//   - one whose process was killed with the engine (no exit code recorded,
//     lock free) runs again, at most kMaxAttempts times in all: commands must
//     be idempotent (every `ae` pipeline command is);
//   - one never started is started.
// A reattached command gets its whole executionTimeout again from the
// moment it is reattached. Commands see AE_IDEMPOTENCY_KEY, AE_STATE_NAME
// and, on a virtual clock, AE_VIRTUAL_NOW.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/sqlite.h"
#include "states/resources/resources.h"

namespace ae::states {

class CommandRunner {
 public:
  static constexpr int kMaxAttempts = 3;

  // `root` holds the invocations database and the commands' work folders.
  explicit CommandRunner(const std::filesystem::path& root);

  Json send(const TaskRequest& request);
  Json invocation(const TaskRequest& request);

  // The row of one invocation, for tests and diagnostics.
  struct Invocation {
    std::string command_id;
    std::string idempotency_key;
    std::string state_name;
    std::string status;  // InProgress | Success | Failed | TimedOut
    int response_code = -1;
    std::string out;
    std::string err;
    int attempts = 0;
  };
  std::optional<Invocation> find(const std::string& command_id);
  std::vector<Invocation> invocations();  // every one, in command id order

 private:
  // Runs, reattaches or collects until the invocation has a final status.
  Invocation complete(const std::string& command_id, const TaskRequest& request,
                      std::chrono::seconds timeout);
  // Records the final status with the output files' contents (plus `note`
  // on stderr) and returns the updated row.
  Invocation finish(const std::string& command_id, const std::string& status, int code,
                    const std::string& note = "");
  void add_attempts(const std::string& command_id, int delta);
  std::vector<Invocation> invocations(const std::optional<std::string>& command_id);

  std::filesystem::path root_;
  std::mutex mutex_;  // guards database_
  core::Database database_;
};

}  // namespace ae::states
