#include "states/store/history_store.h"

#include "core/error.h"
#include "states/parse/timestamp.h"

namespace ae::states {
namespace {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> list = {
      R"sql(
CREATE TABLE executions(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  state_machine TEXT NOT NULL,
  definition TEXT NOT NULL,
  input TEXT NOT NULL,
  status TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  failed_state TEXT NOT NULL DEFAULT '',
  start_time TEXT NOT NULL,
  stop_time TEXT NOT NULL DEFAULT '',
  redrive_count INTEGER NOT NULL DEFAULT 0,
  stop_requested INTEGER NOT NULL DEFAULT 0,
  clock TEXT NOT NULL DEFAULT 'real');
CREATE TABLE events(
  execution_id TEXT NOT NULL,
  id INTEGER NOT NULL,
  type TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  state TEXT NOT NULL,
  details TEXT NOT NULL,
  PRIMARY KEY(execution_id, id));
CREATE TABLE checkpoints(
  execution_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  input TEXT NOT NULL,
  variables TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  entry_id INTEGER NOT NULL);
CREATE TABLE task_tokens(
  token TEXT PRIMARY KEY,
  execution_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'WAITING',
  output TEXT,
  error TEXT,
  cause TEXT,
  heartbeat TEXT);
)sql",
      R"sql(
ALTER TABLE executions ADD COLUMN type TEXT NOT NULL DEFAULT 'STANDARD';
ALTER TABLE executions ADD COLUMN synchronous INTEGER NOT NULL DEFAULT 0;
ALTER TABLE executions ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
CREATE INDEX executions_by_machine ON executions(state_machine);
)sql",
      // Events and checkpoints are stored in their key's order (WITHOUT
      // ROWID): one B-tree each instead of a table and an index, and the
      // execution id once per row instead of twice.
      R"sql(
CREATE TABLE events_by_key(
  execution_id TEXT NOT NULL,
  id INTEGER NOT NULL,
  type TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  state TEXT NOT NULL,
  details TEXT NOT NULL,
  PRIMARY KEY(execution_id, id)) WITHOUT ROWID;
INSERT INTO events_by_key SELECT execution_id, id, type, timestamp, state, details FROM events;
DROP TABLE events;
ALTER TABLE events_by_key RENAME TO events;
CREATE TABLE checkpoints_by_key(
  execution_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  input TEXT NOT NULL,
  variables TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  entry_id INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO checkpoints_by_key SELECT execution_id, state, input, variables, event_id, entry_id
  FROM checkpoints;
DROP TABLE checkpoints;
ALTER TABLE checkpoints_by_key RENAME TO checkpoints;
)sql"};
  return list;
}

ExecutionStatus parse_status(const std::string& text) {
  for (auto status :
       {ExecutionStatus::kRunning, ExecutionStatus::kSucceeded, ExecutionStatus::kFailed,
        ExecutionStatus::kAborted, ExecutionStatus::kTimedOut}) {
    if (text == status_name(status)) return status;
  }
  throw core::InvalidInput("unknown execution status '" + text + "'");
}

constexpr const char* kExecutionColumns =
    "id, name, state_machine, definition, input, status, output, error, cause, failed_state, "
    "start_time, stop_time, redrive_count, clock, type, synchronous, background";

}  // namespace

void HistoryStore::insert_events(const std::string& id, const std::vector<HistoryEvent>& events) {
  if (events.empty()) return;
  if (!insert_event_) {
    insert_event_.emplace(database_.prepare(
        "INSERT OR REPLACE INTO events(execution_id, id, type, timestamp, state, details) "
        "VALUES(?, ?, ?, ?, ?, ?)"));
  }
  core::Statement& insert = *insert_event_;
  core::Timestamp last_time{};
  std::string time_text;  // formatted once per distinct timestamp
  std::string details;
  // Every text bound below lives until the row is inserted: bound unowned.
  for (const auto& event : events) {
    if (time_text.empty() || event.timestamp != last_time) {
      last_time = event.timestamp;
      time_text = format_aws_time(event.timestamp);
    }
    details = event.details.is_null() ? std::string("{}") : event.details.dump();
    insert.bind_unowned(1, id)
        .bind(2, static_cast<std::int64_t>(event.id))
        .bind_unowned(3, event.type)
        .bind_unowned(4, time_text)
        .bind_unowned(5, event.state)
        .bind_unowned(6, details);
    insert.run();
    insert.reset();
  }
}

HistoryStore::HistoryStore(const std::filesystem::path& path, core::Durability durability)
    : database_(path, durability) {
  database_.migrate(migrations());
  // A Map's events are written in one transaction (40,000 rows for 10,000
  // items): a 32 MiB page cache holds them without spilling to the WAL
  // midway. Such a transaction also fills SQLite's default WAL of 1,000
  // pages, which then checkpoints at every commit: the WAL may grow to
  // 10,000 pages (40 MiB) before it is copied back.
  database_.execute("PRAGMA cache_size=-32768");
  database_.execute("PRAGMA wal_autocheckpoint=10000");
}

HistoryStore::HistoryStore(const std::filesystem::path& path, core::ReadOnly)
    : database_(path, core::kReadOnly) {
  database_.migrate(migrations());
}

void HistoryStore::create(const ExecutionRecord& record) {
  if (find(record.name)) {
    throw core::InvalidInput("an execution named '" + record.name + "' already exists");
  }
  database_
      .prepare(
          "INSERT INTO executions(id, name, state_machine, definition, input, status, start_time, "
          "clock, type, synchronous, background) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, record.id)
      .bind(2, record.name)
      .bind(3, record.state_machine)
      .bind(4, record.definition)
      .bind(5, record.input.dump())
      .bind(6, status_name(record.status))
      .bind(7, record.start_time)
      .bind(8, record.clock)
      .bind(9, record.type)
      .bind(10, record.synchronous ? 1 : 0)
      .bind(11, record.background ? 1 : 0)
      .run();
}

ExecutionRecord HistoryStore::read_record(core::Statement& statement) {
  ExecutionRecord record;
  record.id = statement.column_text(0);
  record.name = statement.column_text(1);
  record.state_machine = statement.column_text(2);
  record.definition = statement.column_text(3);
  record.input = Json::parse(statement.column_text(4));
  record.status = parse_status(statement.column_text(5));
  if (auto output = statement.column_optional_text(6)) record.output = Json::parse(*output);
  record.error = statement.column_optional_text(7);
  record.cause = statement.column_optional_text(8);
  record.failed_state = statement.column_text(9);
  record.start_time = statement.column_text(10);
  record.stop_time = statement.column_text(11);
  record.redrive_count = static_cast<int>(statement.column_int(12));
  record.clock = statement.column_text(13);
  record.type = statement.column_text(14);
  record.synchronous = statement.column_int(15) != 0;
  record.background = statement.column_int(16) != 0;
  return record;
}

std::optional<ExecutionRecord> HistoryStore::find(const std::string& id_or_name) {
  auto query = database_.prepare(std::string("SELECT ") + kExecutionColumns +
                                 " FROM executions WHERE id = ? OR name = ?");
  query.bind(1, id_or_name).bind(2, id_or_name);
  if (!query.step()) return std::nullopt;
  return read_record(query);
}

ExecutionRecord HistoryStore::get(const std::string& id_or_name) {
  auto record = find(id_or_name);
  if (!record) throw core::NotFound("no execution '" + id_or_name + "'");
  return *record;
}

std::vector<ExecutionRecord> HistoryStore::list() {
  auto query = database_.prepare(std::string("SELECT ") + kExecutionColumns +
                                 " FROM executions ORDER BY start_time, rowid");
  std::vector<ExecutionRecord> out;
  while (query.step()) out.push_back(read_record(query));
  return out;
}

std::vector<ExecutionSummary> HistoryStore::list(const ExecutionQuery& query) {
  std::string sql =
      "SELECT rowid, id, name, state_machine, status, start_time, stop_time, redrive_count "
      "FROM executions WHERE 1";
  if (query.state_machine) sql += " AND state_machine = ?";
  if (query.status) sql += " AND status = ?";
  if (query.before) sql += " AND rowid < ?";
  sql += " ORDER BY rowid DESC LIMIT ?";
  auto statement = database_.prepare(sql);
  int index = 0;
  if (query.state_machine) statement.bind(++index, *query.state_machine);
  if (query.status) statement.bind(++index, status_name(*query.status));
  if (query.before) statement.bind(++index, static_cast<std::int64_t>(*query.before));
  statement.bind(++index, static_cast<std::int64_t>(query.limit));
  std::vector<ExecutionSummary> out;
  while (statement.step()) {
    out.push_back(ExecutionSummary{
        statement.column_int(0), statement.column_text(1), statement.column_text(2),
        statement.column_text(3), parse_status(statement.column_text(4)), statement.column_text(5),
        statement.column_text(6), static_cast<int>(statement.column_int(7))});
  }
  return out;
}

std::vector<std::string> HistoryStore::running_in_background() {
  auto query = database_.prepare(
      "SELECT id FROM executions WHERE status = 'RUNNING' AND background = 1 ORDER BY rowid");
  std::vector<std::string> out;
  while (query.step()) out.push_back(query.column_text(0));
  return out;
}

std::vector<HistoryEvent> HistoryStore::events(const std::string& id, const EventPage& page) {
  std::string sql = "SELECT id, type, timestamp, state, details FROM events WHERE execution_id = ?";
  if (page.cursor) sql += page.reverse ? " AND id < ?" : " AND id > ?";
  sql += page.reverse ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id LIMIT ?";
  auto query = database_.prepare(sql);
  int index = 0;
  query.bind(++index, id);
  if (page.cursor) query.bind(++index, static_cast<std::int64_t>(*page.cursor));
  query.bind(++index, page.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(page.limit));
  std::vector<HistoryEvent> out;
  while (query.step()) {
    HistoryEvent event;
    event.id = query.column_int(0);
    event.type = query.column_text(1);
    auto parsed = parse_asl_timestamp(query.column_text(2));
    event.timestamp = parsed.value_or(core::Timestamp{});
    event.state = query.column_text(3);
    event.details = Json::parse(query.column_text(4));
    out.push_back(std::move(event));
  }
  return out;
}

std::optional<Checkpoint> HistoryStore::checkpoint(const std::string& id) {
  auto query = database_.prepare(
      "SELECT state, input, variables, event_id, entry_id FROM checkpoints WHERE execution_id = ?");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return Checkpoint{query.column_text(0), Json::parse(query.column_text(1)),
                    Json::parse(query.column_text(2)), query.column_int(3), query.column_int(4)};
}

long long HistoryStore::last_event_id(const std::string& id) {
  auto query = database_.prepare("SELECT COALESCE(MAX(id), 0) FROM events WHERE execution_id = ?");
  query.bind(1, id);
  query.step();
  return query.column_int(0);
}

void HistoryStore::write(const std::string& id, const std::vector<HistoryEvent>& events,
                         const std::optional<Checkpoint>& checkpoint) {
  core::Transaction transaction(database_);
  insert_events(id, events);
  if (checkpoint) {
    if (!upsert_checkpoint_) {
      upsert_checkpoint_.emplace(database_.prepare(
          "INSERT OR REPLACE INTO checkpoints(execution_id, state, input, variables, event_id, "
          "entry_id) VALUES(?, ?, ?, ?, ?, ?)"));
    }
    upsert_checkpoint_->reset();
    upsert_checkpoint_->bind(1, id)
        .bind(2, checkpoint->state)
        .bind(3, checkpoint->input.dump())
        .bind(4, checkpoint->variables.dump())
        .bind(5, static_cast<std::int64_t>(checkpoint->event_id))
        .bind(6, static_cast<std::int64_t>(checkpoint->entry_id))
        .run();
  }
  transaction.commit();
}

void HistoryStore::finish(const std::string& id, const ExecutionResult& result,
                          const std::string& stop_time, const std::vector<HistoryEvent>& events) {
  core::Transaction transaction(database_);
  insert_events(id, events);
  auto update = database_.prepare(
      "UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, failed_state = ?, "
      "stop_time = ? WHERE id = ?");
  update.bind(1, status_name(result.status));
  if (result.status == ExecutionStatus::kSucceeded) {
    update.bind(2, result.output.dump());
  } else {
    update.bind_null(2);
  }
  if (result.error) {
    update.bind(3, *result.error);
  } else {
    update.bind_null(3);
  }
  if (result.cause) {
    update.bind(4, *result.cause);
  } else {
    update.bind_null(4);
  }
  update.bind(5, result.failed_state).bind(6, stop_time).bind(7, id).run();
  transaction.commit();
}

void HistoryStore::mark_running(const std::string& id, int redrive_count) {
  database_
      .prepare(
          "UPDATE executions SET status = 'RUNNING', redrive_count = ?, stop_requested = 0, "
          "stop_time = '', error = NULL, cause = NULL WHERE id = ?")
      .bind(1, redrive_count)
      .bind(2, id)
      .run();
}

void HistoryStore::request_stop(const std::string& id) {
  database_.prepare("UPDATE executions SET stop_requested = 1 WHERE id = ?").bind(1, id).run();
}

bool HistoryStore::stop_requested(const std::string& id) {
  if (!stop_query_) {
    stop_query_.emplace(database_.prepare("SELECT stop_requested FROM executions WHERE id = ?"));
  }
  core::Statement& query = *stop_query_;
  query.reset();
  query.bind(1, id);
  const bool stop = query.step() && query.column_int(0) != 0;
  query.reset();
  return stop;
}

void HistoryStore::issue_token(const std::string& token, const std::string& execution_id) {
  database_.prepare("INSERT OR IGNORE INTO task_tokens(token, execution_id) VALUES(?, ?)")
      .bind(1, token)
      .bind(2, execution_id)
      .run();
}

std::optional<TaskTokenOutcome> HistoryStore::token_outcome(const std::string& token) {
  auto query =
      database_.prepare("SELECT status, output, error, cause FROM task_tokens WHERE token = ?");
  query.bind(1, token);
  if (!query.step()) return std::nullopt;
  const std::string status = query.column_text(0);
  if (status == "WAITING") return std::nullopt;
  TaskTokenOutcome outcome;
  outcome.succeeded = status == "SUCCEEDED";
  if (auto output = query.column_optional_text(1)) outcome.output = Json::parse(*output);
  outcome.error = query.column_optional_text(2).value_or("");
  outcome.cause = query.column_optional_text(3).value_or("");
  return outcome;
}

std::optional<core::Timestamp> HistoryStore::token_heartbeat(const std::string& token) {
  auto query = database_.prepare("SELECT heartbeat FROM task_tokens WHERE token = ?");
  query.bind(1, token);
  if (!query.step() || query.is_null(0)) return std::nullopt;
  return parse_asl_timestamp(query.column_text(0));
}

void HistoryStore::complete_token(const std::string& token, const TaskTokenOutcome& outcome) {
  auto query = database_.prepare("SELECT status FROM task_tokens WHERE token = ?");
  query.bind(1, token);
  if (!query.step()) throw core::NotFound("unknown task token '" + token + "'");
  if (query.column_text(0) != "WAITING")
    throw core::InvalidInput("task token '" + token + "' was already completed");
  database_
      .prepare(
          "UPDATE task_tokens SET status = ?, output = ?, error = ?, cause = ? WHERE token = ?")
      .bind(1, outcome.succeeded ? "SUCCEEDED" : "FAILED")
      .bind(2, outcome.output.dump())
      .bind(3, outcome.error)
      .bind(4, outcome.cause)
      .bind(5, token)
      .run();
}

void HistoryStore::heartbeat_token(const std::string& token, core::Timestamp at) {
  auto query = database_.prepare("SELECT status FROM task_tokens WHERE token = ?");
  query.bind(1, token);
  if (!query.step()) throw core::NotFound("unknown task token '" + token + "'");
  if (query.column_text(0) != "WAITING")
    throw core::InvalidInput("task token '" + token + "' was already completed");
  database_.prepare("UPDATE task_tokens SET heartbeat = ? WHERE token = ?")
      .bind(1, format_aws_time(at))
      .bind(2, token)
      .run();
}

bool ExecutionRecorder::wants_checkpoint(bool side_effects) {
  return side_effects || ++uncommitted_states_ >= kGroupCommit;
}

void ExecutionRecorder::checkpoint(const Checkpoint& checkpoint, bool /*side_effects*/) {
  store_.write(id_, pending_, checkpoint);
  pending_.clear();
  uncommitted_states_ = 0;
  committed_ = true;
}

void ExecutionRecorder::flush() {
  if (pending_.empty()) return;
  store_.write(id_, pending_, std::nullopt);
  pending_.clear();
}

bool ExecutionRecorder::stop_requested() {
  if (!committed_ && since_poll_.elapsed() < kStopPollInterval) return false;
  committed_ = false;
  since_poll_ = core::Stopwatch();
  return store_.stop_requested(id_);
}

}  // namespace ae::states
