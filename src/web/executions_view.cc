#include "web/executions_view.h"

#include <chrono>
#include <set>

#include "app/weekday_coverage.h"
#include "core/error.h"
#include "states/resources/command_failure.h"
#include "web/state_graph.h"

namespace ae::web {
namespace {

constexpr size_t kMaxPayloadChars = 12000;
constexpr int kMaxEvents = 20000;

std::optional<double> seconds_between(const std::string& start, const std::string& stop) {
  if (start.empty() || stop.empty()) return std::nullopt;
  try {
    const auto span = core::parse_timestamp(stop) - core::parse_timestamp(start);
    return std::chrono::duration<double>(span).count();
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

std::string text_or_empty(const Json& row, const char* key) {
  return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : "";
}

Json summary_of(const Json& row) {
  Json input = Json::object();
  try {
    input = Json::parse(text_or_empty(row, "input"));
  } catch (const Json::exception&) {
  }
  std::string date;
  for (const char* key : {"run_date", "date"})
    if (date.empty() && input.is_object() && input.contains(key) && input[key].is_string())
      date = input[key].get<std::string>();
  const std::string start = text_or_empty(row, "start_time");
  if (date.empty()) date = start.substr(0, 10);
  const std::string stop = text_or_empty(row, "stop_time");
  Json summary{
      {"id", row["id"]},
      {"name", row["name"]},
      {"state_machine", row["state_machine"]},
      {"pipeline", pipeline_of(text_or_empty(row, "state_machine"))},
      {"date", date},
      {"status", row["status"]},
      {"start_time", start},
      {"stop_time", stop},
      {"error", row["error"]},
      {"cause", row["cause"]},
      {"failed_state", text_or_empty(row, "failed_state")},
      {"redrive_count", row["redrive_count"]},
      {"clock", row["clock"]},
      {"faults", input.is_object() && input.contains("faults") ? input["faults"] : Json()}};
  const auto duration = seconds_between(start, stop);
  summary["duration_seconds"] = duration ? Json(*duration) : Json();
  return summary;
}

// The history of the home, NotFound naming `name` when the home has none.
states::HistoryReader history_of(const HomeReader& home, const std::string& name) {
  auto history = home.executions();
  if (!history) throw core::NotFound("no execution named " + name);
  return std::move(*history);
}

// The execution's row with its definition (states::HistoryReader::execution).
Json find_row(const states::HistoryReader& history, const std::string& name) {
  Json row = history.execution(name);
  if (row.is_null()) throw core::NotFound("no execution named " + name);
  return row;
}

std::string state_type_of(const std::string& event_type) {
  static const std::vector<std::string> kinds = {"Task",    "Pass", "Choice",   "Wait",
                                                 "Succeed", "Fail", "Parallel", "Map"};
  for (const auto& kind : kinds)
    if (event_type.rfind(kind + "State", 0) == 0) return kind;
  return "";
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The coverage self-heal (weekday): fired when the re-score ran; healed when
// the pipeline went on to the health check.
Json self_heal_of(const std::set<std::string>& entered) {
  const bool fired = entered.count(std::string(app::kCoverageRescoreState)) > 0;
  std::string outcome = "not needed";
  if (!entered.count(std::string(app::kCoverageCheckState)))
    outcome = "not reached";
  else if (fired)
    outcome = entered.count(std::string(app::kCoverageHealedState)) ? "healed" : "failed";
  return {{"fired", fired}, {"outcome", outcome}};
}

}  // namespace

std::string pipeline_of(const std::string& state_machine) {
  for (const char* pipeline : {"weekday", "eod", "saturday"})
    if (state_machine == std::string("alpha-engine-") + pipeline + "-pipeline") return pipeline;
  return state_machine;
}

Json list_executions(const HomeReader& home, const std::optional<std::string>& pipeline,
                     const DateRange& range, int limit) {
  Json result{{"executions", Json::array()}, {"total", 0}};
  const auto history = home.executions();
  if (!history) return result;
  const auto rows = history->executions();
  int total = 0;
  for (const auto& row : rows) {
    Json summary = summary_of(row);
    if (pipeline && !pipeline->empty() && summary["pipeline"] != *pipeline) continue;
    if (!range.contains(summary["date"].get<std::string>())) continue;
    ++total;
    if (static_cast<int>(result["executions"].size()) < limit)
      result["executions"].push_back(std::move(summary));
  }
  result["total"] = total;
  return result;
}

Json execution_detail(const HomeReader& home, const std::string& name) {
  const auto history = history_of(home, name);
  const Json row = find_row(history, name);
  Json detail = summary_of(row);
  Json definition = Json::parse(text_or_empty(row, "definition"));
  std::set<std::string> top_level;
  if (definition.contains("States"))
    for (const auto& [state, body] : definition["States"].items()) top_level.insert(state);

  const auto events = history.events(row["id"].get<std::string>(), kMaxEvents);
  Json states = Json::array();
  Json path = Json::array();
  std::map<std::string, size_t> open;  // state name -> index in `states`
  Json command_failures = Json::array();
  for (const auto& event : events) {
    const std::string type = event["type"];
    const std::string state = event["state"];
    const std::string at = event["timestamp"];
    Json details = Json::object();
    try {
      details = Json::parse(event["details"].get<std::string>());
    } catch (const Json::exception&) {
    }
    if (ends_with(type, "StateEntered")) {
      open[state] = states.size();
      const bool is_top = top_level.count(state) > 0;
      states.push_back({{"name", state},
                        {"type", state_type_of(type)},
                        {"top_level", is_top},
                        {"entered", at},
                        {"exited", nullptr},
                        {"duration_seconds", nullptr},
                        {"attempts", 0},
                        {"input", clip_json(details.value("input", Json()), kMaxPayloadChars)},
                        {"output", nullptr},
                        {"error", nullptr},
                        {"cause", nullptr}});
      if (is_top) path.push_back(state);
    } else if (const auto found = open.find(state); found != open.end()) {
      Json& entry = states[found->second];
      if (ends_with(type, "StateExited")) {
        entry["exited"] = at;
        entry["output"] = clip_json(details.value("output", Json()), kMaxPayloadChars);
        const auto duration = seconds_between(entry["entered"], at);
        if (duration) entry["duration_seconds"] = *duration;
      } else if (type == "TaskSucceeded") {
        // A command step that ran but failed: keep the end of its stderr, the
        // cause an operator wants next to the pipeline's generic error.
        if (auto failure = states::failed_command(details.value("output", Json()))) {
          std::string stderr_text = std::move(failure->stderr_text);
          if (stderr_text.size() > 2000)
            stderr_text = "…" + stderr_text.substr(stderr_text.size() - 2000);
          entry["command_failure"] = stderr_text;
          command_failures.push_back({{"state", state}, {"stderr", stderr_text}});
        }
      } else if (type == "TaskScheduled") {
        entry["attempts"] = entry["attempts"].get<int>() + 1;
        if (details.contains("resource")) entry["resource"] = details["resource"];
      } else if (ends_with(type, "Failed") || ends_with(type, "TimedOut")) {
        if (details.contains("error")) entry["error"] = details["error"];
        if (details.contains("cause")) entry["cause"] = clip_json(details["cause"], 4000);
      }
    }
    if (type == "ExecutionFailed" || type == "ExecutionTimedOut" || type == "ExecutionAborted") {
      if (details.contains("cause")) detail["cause"] = clip_json(details["cause"], 4000);
    }
  }
  detail["states"] = std::move(states);
  detail["path"] = path;
  detail["events"] = events.size();
  detail["command_failures"] = std::move(command_failures);

  std::set<std::string> entered;
  for (const auto& state : path) entered.insert(state.get<std::string>());
  if (top_level.count(std::string(app::kCoverageCheckState)))
    detail["self_heal"] = self_heal_of(entered);
  return detail;
}

std::string execution_graph(const HomeReader& home, const std::string& name) {
  const Json row = find_row(history_of(home, name), name);
  const Json detail = execution_detail(home, name);
  GraphHighlight highlight;
  for (const auto& state : detail["path"]) highlight.path.push_back(state);
  highlight.failed_state = detail["failed_state"];
  if (detail["status"] == "RUNNING" && !highlight.path.empty())
    highlight.current_state = highlight.path.back();
  return render_state_graph(Json::parse(text_or_empty(row, "definition")), highlight);
}

}  // namespace ae::web

namespace ae::web {

Json coverage_trace(const HomeReader& home, const std::string& name) {
  const auto history = history_of(home, name);
  const Json execution = history.execution_status(name);
  if (execution.is_null()) throw core::NotFound("no execution named " + name);
  const std::string id = execution["id"];
  std::set<std::string> entered;
  for (auto& state : history.entered_states(id, kMaxEvents)) entered.insert(std::move(state));
  Json first_check = nullptr;
  const Json details =
      history.first_event_details(id, std::string(app::kCoverageCheckState), "TaskSucceeded");
  if (details.is_object() && details.contains("output") && details["output"].is_object())
    first_check = details["output"].value("Payload", Json());
  return {{"status", execution["status"]},
          {"self_heal", self_heal_of(entered)},
          {"first_check", first_check}};
}

}  // namespace ae::web
