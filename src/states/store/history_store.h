// Durable executions in SQLite (one database file, WAL mode).
//   executions  - one row per execution: definition, input, status, output,
//                 error/cause, the state it failed in, redrive count, a stop
//                 flag, its type (STANDARD / EXPRESS, started synchronously or
//                 not) and whether a server runs it in the background (and so
//                 resumes it when it starts: `ae sfn serve`)
//   events      - the numbered history of each execution
//   checkpoints - the latest top-level checkpoint of each execution
//   task_tokens - .waitForTaskToken tokens and their outcome / heartbeats
// ExecutionRecorder is the HistorySink of one running execution: events are
// buffered and written together with a checkpoint in one transaction. Before
// any state with side effects (Task, Parallel, Map, a Wait on a real clock)
// everything up to its entry is committed before it does any work; runs of
// pure states (Pass, Choice, Succeed, Fail, a Wait on a virtual clock) are
// committed in groups of up to kGroupCommit states, because after a crash
// replaying them from the previous checkpoint gives the same result.
// Durability::kNormal (WAL, synchronous=NORMAL) survives a process crash;
// kFull also survives a power loss.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/sqlite.h"
#include "states/run/interpreter.h"
#include "states/run/task_tokens.h"
#include "states/store/history.h"

namespace ae::states {

struct ExecutionRecord {
  std::string id;
  std::string name;
  std::string state_machine;
  std::string definition;
  Json input;
  ExecutionStatus status = ExecutionStatus::kRunning;
  Json output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  std::string failed_state;
  std::string start_time;
  std::string stop_time;
  int redrive_count = 0;
  std::string clock;              // "real" | "virtual"
  std::string type = "STANDARD";  // "STANDARD" | "EXPRESS"
  bool synchronous = false;       // an EXPRESS execution started by StartSyncExecution
  bool background = false;        // run by `ae sfn serve`, which resumes it on start
};

// A row of a listing (no definition, input or output).
struct ExecutionSummary {
  long long sequence = 0;  // insertion order: the listing's cursor
  std::string id;
  std::string name;
  std::string state_machine;
  ExecutionStatus status = ExecutionStatus::kRunning;
  std::string start_time;
  std::string stop_time;
  int redrive_count = 0;
};

// Newest first; `before` continues a listing after the row of that sequence.
struct ExecutionQuery {
  std::optional<std::string> state_machine;
  std::optional<ExecutionStatus> status;
  std::optional<long long> before;
  size_t limit = 100;
};

// A slice of an execution's events: after the event `cursor` (before it when
// `reverse`), at most `limit` (0: all), in id order (descending when `reverse`).
struct EventPage {
  std::optional<long long> cursor;
  size_t limit = 0;
  bool reverse = false;
};

class HistoryStore {
 public:
  explicit HistoryStore(const std::filesystem::path& path,
                        core::Durability durability = core::Durability::kNormal);
  // A reader's store (core::Database's kReadOnly: writes nothing, works on a
  // full disk; a missing file reads as no executions): for list, get, find
  // and events. Every write fails.
  HistoryStore(const std::filesystem::path& path, core::ReadOnly);

  // Throws InvalidInput if an execution with this name already exists.
  void create(const ExecutionRecord& record);
  std::optional<ExecutionRecord> find(const std::string& id_or_name);
  ExecutionRecord get(const std::string& id_or_name);  // NotFound if absent
  std::vector<ExecutionRecord> list();
  std::vector<ExecutionSummary> list(const ExecutionQuery& query);
  // RUNNING executions run in the background (ExecutionRecord::background).
  std::vector<std::string> running_in_background();
  std::vector<HistoryEvent> events(const std::string& id, const EventPage& page = {});
  std::optional<Checkpoint> checkpoint(const std::string& id);
  long long last_event_id(const std::string& id);

  void write(const std::string& id, const std::vector<HistoryEvent>& events,
             const std::optional<Checkpoint>& checkpoint);
  void finish(const std::string& id, const ExecutionResult& result, const std::string& stop_time,
              const std::vector<HistoryEvent>& events);
  void mark_running(const std::string& id, int redrive_count);
  void request_stop(const std::string& id);
  bool stop_requested(const std::string& id);

  // Task tokens. complete_token and heartbeat_token throw NotFound for a
  // token never issued and InvalidInput for one already completed.
  void issue_token(const std::string& token, const std::string& execution_id);
  std::optional<TaskTokenOutcome> token_outcome(const std::string& token);
  std::optional<core::Timestamp> token_heartbeat(const std::string& token);
  void complete_token(const std::string& token, const TaskTokenOutcome& outcome);
  void heartbeat_token(const std::string& token, core::Timestamp at);

 private:
  ExecutionRecord read_record(core::Statement& statement);
  void insert_events(const std::string& id, const std::vector<HistoryEvent>& events);

  core::Database database_;
  // Statements on the hot path, prepared once (declared after database_).
  std::optional<core::Statement> insert_event_;
  std::optional<core::Statement> upsert_checkpoint_;
  std::optional<core::Statement> stop_query_;
};

// The sink of one running execution (see the file comment).
class ExecutionRecorder final : public HistorySink {
 public:
  ExecutionRecorder(HistoryStore& store, std::string execution_id)
      : store_(store), id_(std::move(execution_id)) {}
  static constexpr int kGroupCommit = 256;

  void record(HistoryEvent event) override { pending_.push_back(std::move(event)); }
  // Commits before every state with side effects and after kGroupCommit
  // pure states; the checkpoints in between are not built.
  bool wants_checkpoint(bool side_effects) override;
  void checkpoint(const Checkpoint& checkpoint, bool side_effects) override;
  // Reads the stop flag after each commit and otherwise at most every
  // kStopPollInterval of elapsed time (a waiting state polls it too).
  static constexpr std::chrono::milliseconds kStopPollInterval{100};
  bool stop_requested() override;
  // Writes the buffered events (no checkpoint: a resume numbers its events
  // after them).
  void flush() override;
  // Hands the events not yet written to the caller (for the final write).
  std::vector<HistoryEvent> take_pending() { return std::move(pending_); }

 private:
  HistoryStore& store_;
  std::string id_;
  std::vector<HistoryEvent> pending_;
  int uncommitted_states_ = 0;
  core::Stopwatch since_poll_;
  bool committed_ = true;
};

class StoreTaskTokens final : public TaskTokenBroker {
 public:
  explicit StoreTaskTokens(HistoryStore& store) : store_(store) {}
  void issue(const std::string& token, const std::string& execution_id) override {
    store_.issue_token(token, execution_id);
  }
  std::optional<TaskTokenOutcome> outcome(const std::string& token) override {
    return store_.token_outcome(token);
  }
  std::optional<core::Timestamp> last_heartbeat(const std::string& token) override {
    return store_.token_heartbeat(token);
  }

 private:
  HistoryStore& store_;
};

}  // namespace ae::states
