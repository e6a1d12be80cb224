#include "states/resources/command_runner.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/digest.h"
#include "core/error.h"
#include "core/file_lock.h"
#include "core/subprocess.h"
#include "states/resources/task_environment.h"
#include "states/run/failure.h"

namespace ae::states {
namespace {

namespace fs = std::filesystem;

// The wrapper's exit code when another process holds or has claimed the
// invocation (the command's own exit code is in the `exit` file).
constexpr int kNotClaimed = 75;

// Runs script.sh once per claim: lock for its lifetime (released when it
// exits or is killed), claim by mkdir, output to files, exit code recorded
// by an atomic rename. The command does not inherit the lock descriptor.
constexpr const char* kWrapper = R"(D=$AE_COMMAND_DIR
unset AE_COMMAND_DIR
exec 9>>"$D/lock"
flock -n 9 || exit 75
mkdir "$D/claimed" 2>/dev/null || exit 75
echo $$ >"$D/claimed/pid"
bash "$D/script.sh" >"$D/stdout" 2>"$D/stderr" 9>&-
code=$?
printf '%d' "$code" >"$D/exit.partial" && mv -f "$D/exit.partial" "$D/exit"
)";

std::string read_if_present(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return "";
  return core::read_file(path);
}

struct CommandParameters {
  std::vector<std::string> commands;
  std::chrono::seconds timeout{3600};
  std::vector<std::string> instances;
  std::string document;
};

CommandParameters parse_parameters(const Json& input) {
  CommandParameters parsed;
  if (input.contains("Parameters") && input["Parameters"].is_object()) {
    const Json& parameters = input["Parameters"];
    if (parameters.contains("commands")) {
      for (const auto& line : parameters["commands"])
        parsed.commands.push_back(line.is_string() ? line.get<std::string>() : line.dump());
    }
    if (parameters.contains("executionTimeout")) {
      const Json& t = parameters["executionTimeout"];
      const Json& first = t.is_array() && !t.empty() ? t[0] : t;
      try {
        parsed.timeout = std::chrono::seconds(
            first.is_string() ? std::stoll(first.get<std::string>()) : first.get<long long>());
      } catch (const std::exception&) {
        throw StateFailure("Ssm.InvalidParametersException",
                           "executionTimeout must be a number of seconds, got " + t.dump());
      }
    }
  }
  if (parsed.commands.empty())
    throw StateFailure("Ssm.InvalidParametersException", "sendCommand needs Parameters.commands");
  if (input.contains("InstanceIds"))
    for (const auto& id : input["InstanceIds"]) parsed.instances.push_back(id.get<std::string>());
  if (parsed.instances.empty()) parsed.instances.push_back("local");
  parsed.document = input.value("DocumentName", "AWS-RunShellScript");
  return parsed;
}

void kill_claimant(const fs::path& dir) {
  const std::string pid_text = read_if_present(dir / "claimed" / "pid");
  try {
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid > 1) ::kill(-pid, SIGKILL);
  } catch (const std::exception&) {
  }
}

}  // namespace

CommandRunner::CommandRunner(const fs::path& root)
    : root_(root),
      database_((fs::create_directories(root), root / "invocations.sqlite"),
                core::Durability::kNormal) {
  database_.migrate({R"(
    CREATE TABLE invocations (
      command_id TEXT PRIMARY KEY,
      idempotency_key TEXT NOT NULL,
      state_name TEXT NOT NULL,
      status TEXT NOT NULL,
      response_code INTEGER NOT NULL DEFAULT -1,
      stdout TEXT NOT NULL DEFAULT '',
      stderr TEXT NOT NULL DEFAULT '',
      attempts INTEGER NOT NULL DEFAULT 0
    );)"});
}

std::vector<CommandRunner::Invocation> CommandRunner::invocations(
    const std::optional<std::string>& command_id) {
  std::lock_guard lock(mutex_);
  auto query = database_.prepare(
      std::string("SELECT command_id, idempotency_key, state_name, status, response_code, "
                  "stdout, stderr, attempts FROM invocations") +
      (command_id ? " WHERE command_id = ?" : " ORDER BY command_id"));
  if (command_id) query.bind(1, *command_id);
  std::vector<Invocation> rows;
  while (query.step()) {
    rows.push_back(Invocation{query.column_text(0), query.column_text(1), query.column_text(2),
                              query.column_text(3), static_cast<int>(query.column_int(4)),
                              query.column_text(5), query.column_text(6),
                              static_cast<int>(query.column_int(7))});
  }
  return rows;
}

std::optional<CommandRunner::Invocation> CommandRunner::find(const std::string& command_id) {
  auto rows = invocations(command_id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<CommandRunner::Invocation> CommandRunner::invocations() {
  return invocations(std::nullopt);
}

CommandRunner::Invocation CommandRunner::finish(const std::string& command_id,
                                                const std::string& status, int code,
                                                const std::string& note) {
  const fs::path dir = root_ / command_id;
  const std::string out = read_if_present(dir / "stdout");
  const std::string err = read_if_present(dir / "stderr") + note;
  {
    std::lock_guard lock(mutex_);
    database_
        .prepare(
            "UPDATE invocations SET status = ?, response_code = ?, stdout = ?, stderr = ? "
            "WHERE command_id = ?")
        .bind(1, status)
        .bind(2, code)
        .bind(3, out)
        .bind(4, err)
        .bind(5, command_id)
        .run();
  }
  return *find(command_id);
}

void CommandRunner::add_attempts(const std::string& command_id, int delta) {
  std::lock_guard lock(mutex_);
  database_.prepare("UPDATE invocations SET attempts = attempts + ? WHERE command_id = ?")
      .bind(1, delta)
      .bind(2, command_id)
      .run();
}

Json CommandRunner::send(const TaskRequest& request) {
  const CommandParameters parameters = parse_parameters(request.input);
  const std::string command_id = core::sha256_hex(request.idempotency_key).substr(0, 32);
  const fs::path dir = root_ / command_id;
  auto existing = find(command_id);
  if (!existing) {
    std::string script = "set -eo pipefail\n";
    for (const auto& line : parameters.commands) script += line + "\n";
    // Durable against a process crash, as the invocations database is.
    core::write_file_atomically(dir / "script.sh", script, core::WriteDurability::kCache);
    std::lock_guard lock(mutex_);
    database_
        .prepare(
            "INSERT OR IGNORE INTO invocations (command_id, idempotency_key, state_name, status) "
            "VALUES (?, ?, ?, 'InProgress')")
        .bind(1, command_id)
        .bind(2, request.idempotency_key)
        .bind(3, request.state_name)
        .run();
  }
  if (!existing || existing->status == "InProgress")
    complete(command_id, request, parameters.timeout);
  return Json{{"Command",
               {{"CommandId", command_id},
                {"DocumentName", parameters.document},
                {"InstanceIds", parameters.instances},
                {"Status", "Pending"}}}};
}

Json CommandRunner::invocation(const TaskRequest& request) {
  const std::string command_id = request.input.value("CommandId", "");
  auto found = find(command_id);
  if (!found)
    throw StateFailure("Ssm.InvocationDoesNotExistException", "no command '" + command_id + "'");
  if (found->status == "InProgress") {
    // Sent by a process that died before the command ended: finish it here.
    found = complete(command_id, request, std::chrono::seconds(3600));
  }
  return Json{{"CommandId", command_id},
              {"InstanceId", request.input.value("InstanceId", "local")},
              {"Status", found->status},
              {"StatusDetails", found->status},
              {"ResponseCode", found->response_code},
              {"StandardOutputContent", found->out},
              {"StandardErrorContent", found->err}};
}

CommandRunner::Invocation CommandRunner::complete(const std::string& command_id,
                                                  const TaskRequest& request,
                                                  std::chrono::seconds timeout) {
  const fs::path dir = root_ / command_id;
  auto environment = task_environment(request);
  environment["AE_COMMAND_DIR"] = dir.string();
  const core::Stopwatch waited;
  bool reattached = false;
  while (true) {
    if (auto lock = core::FileLock::try_acquire(dir / "lock")) {
      if (fs::exists(dir / "exit")) {
        const std::string code_text = read_if_present(dir / "exit");
        int code = -1;
        try {
          code = std::stoi(code_text);
        } catch (const std::exception&) {
        }
        return finish(command_id, code == 0 ? "Success" : "Failed", code);
      }
      const Invocation row = *find(command_id);
      if (fs::exists(dir / "claimed")) {
        // Killed (with the engine's process, say) before recording its exit.
        if (row.attempts >= kMaxAttempts) {
          return finish(command_id, "Failed", -1,
                        "\n[ae] the command was killed " + std::to_string(row.attempts) +
                            " times before it reported an exit code");
        }
        spdlog::warn(
            "command {} of state {} was killed before it reported an exit code; running it "
            "again (attempt {} of {})",
            command_id, row.state_name, row.attempts + 1, kMaxAttempts);
        fs::remove_all(dir / "claimed");
        fs::remove(dir / "stdout");
        fs::remove(dir / "stderr");
      }
      lock.reset();
      add_attempts(command_id, 1);
      const core::ProcessResult run = core::run_process(kWrapper, "", environment, timeout);
      if (run.timed_out) return finish(command_id, "TimedOut", -1);
      if (run.exit_code == kNotClaimed && !fs::exists(dir / "exit")) {
        add_attempts(command_id, -1);
        continue;  // another process claimed it first: wait for it
      }
      if (!fs::exists(dir / "exit")) {
        return finish(command_id, "Failed", -1,
                      "the command runner could not start the command (wrapper exit " +
                          std::to_string(run.exit_code) + "): " + run.err);
      }
      continue;  // collect under the lock
    }
    // The lock is held: a process started by an earlier, crashed run of the
    // engine is still running the command.
    if (!reattached) {
      spdlog::info("command {} of state {} is still running in an earlier process; reattached",
                   command_id, request.state_name);
      reattached = true;
    }
    if (waited.elapsed() > timeout) {
      kill_claimant(dir);
      return finish(command_id, "TimedOut", -1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace ae::states
