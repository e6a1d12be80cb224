#include "states/api/history_events.h"

#include "states/parse/timestamp.h"

namespace ae::states::api {
namespace {

// "arn:aws:states:::SERVICE[:...]:ACTION[.pattern]" -> (SERVICE[:...], ACTION[.pattern]).
std::pair<std::string, std::string> split_resource(const std::string& resource) {
  constexpr std::string_view kIntegration = "arn:aws:states:::";
  if (resource.starts_with(kIntegration)) {
    const std::string rest = resource.substr(kIntegration.size());
    const size_t last = rest.rfind(':');
    if (last != std::string::npos) return {rest.substr(0, last), rest.substr(last + 1)};
  }
  return {"lambda", resource};
}

// Adds {"<member>": value as JSON text, "<member>Details": {"truncated": false}}.
void add_data(Json& details, const Json& source, const char* member, bool include_data) {
  if (!include_data || !source.contains(member)) return;
  details[member] = source[member].dump();
  details[std::string(member) + "Details"] = {{"truncated", false}};
}

void add_failure(Json& details, const Json& source) {
  for (const char* member : {"error", "cause"})
    if (source.contains(member) && source[member].is_string()) details[member] = source[member];
}

void add_resource(Json& details, const Json& source) {
  if (!source.contains("resource")) return;
  const auto [type, name] = split_resource(source["resource"].get<std::string>());
  details["resourceType"] = type;
  details["resource"] = name;
}

}  // namespace

double epoch_seconds(core::Timestamp instant) {
  return std::chrono::duration<double>(instant.time_since_epoch()).count();
}

double epoch_seconds(const std::string& aws_time) {
  const auto parsed = parse_asl_timestamp(aws_time);
  return parsed ? epoch_seconds(*parsed) : 0.0;
}

Json aws_history_event(const HistoryEvent& event, const std::string& region, bool include_data) {
  Json out = {
      {"id", event.id}, {"timestamp", epoch_seconds(event.timestamp)}, {"type", event.type}};
  if (event.id > 1) out["previousEventId"] = event.id - 1;
  const Json& source = event.details.is_object() ? event.details : Json::object();
  const std::string& type = event.type;
  Json details = Json::object();
  std::string member;
  if (type == "ExecutionStarted") {
    member = "executionStartedEventDetails";
    add_data(details, source, "input", include_data);
  } else if (type == "ExecutionSucceeded") {
    member = "executionSucceededEventDetails";
    add_data(details, source, "output", include_data);
  } else if (type == "ExecutionFailed" || type == "ExecutionAborted" ||
             type == "ExecutionTimedOut") {
    member = type == "ExecutionFailed"    ? "executionFailedEventDetails"
             : type == "ExecutionAborted" ? "executionAbortedEventDetails"
                                          : "executionTimedOutEventDetails";
    add_failure(details, source);
  } else if (type.ends_with("StateEntered")) {
    member = "stateEnteredEventDetails";
    details["name"] = event.state;
    add_data(details, source, "input", include_data);
  } else if (type.ends_with("StateExited")) {
    member = "stateExitedEventDetails";
    details["name"] = event.state;
    add_data(details, source, "output", include_data);
  } else if (type == "TaskScheduled") {
    member = "taskScheduledEventDetails";
    add_resource(details, source);
    details["region"] = region;
    details["parameters"] = source.value("parameters", Json::object()).dump();
  } else if (type == "TaskStarted" || type == "TaskSucceeded" || type == "TaskFailed" ||
             type == "TaskTimedOut") {
    member = "task" + type.substr(4) + "EventDetails";
    add_resource(details, source);
    add_data(details, source, "output", include_data);
    add_failure(details, source);
  } else if (type == "MapStateStarted") {
    member = "mapStateStartedEventDetails";
    if (source.contains("length")) details["length"] = source["length"];
  } else if (type.starts_with("MapIteration")) {
    member = "mapIteration" + type.substr(12) + "EventDetails";
    details["name"] = event.state;
    if (source.contains("index")) details["index"] = source["index"];
  }
  if (!member.empty()) out[member] = std::move(details);
  return out;
}

}  // namespace ae::states::api
