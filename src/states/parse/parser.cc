#include "states/parse/parser.h"

#include <algorithm>
#include <set>

#include "states/parse/limits.h"
#include "states/parse/timestamp.h"

namespace ae::states {

const char* state_type_name(StateType type) {
  switch (type) {
    case StateType::kTask:
      return "Task";
    case StateType::kPass:
      return "Pass";
    case StateType::kChoice:
      return "Choice";
    case StateType::kWait:
      return "Wait";
    case StateType::kSucceed:
      return "Succeed";
    case StateType::kFail:
      return "Fail";
    case StateType::kParallel:
      return "Parallel";
    case StateType::kMap:
      return "Map";
  }
  return "?";
}

namespace {

using core::InvalidInput;

std::string join(const std::vector<std::string>& problems) {
  std::string out = "invalid state machine definition:";
  for (const auto& problem : problems) out += "\n  " + problem;
  return out;
}

const std::map<std::string, std::set<std::string>>& allowed_fields() {
  static const std::set<std::string> common = {"Type", "Comment", "QueryLanguage"};
  auto with = [&](std::set<std::string> extra) {
    extra.insert(common.begin(), common.end());
    return extra;
  };
  static const std::map<std::string, std::set<std::string>> table = {
      {"Pass", with({"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result",
                     "Assign"})},
      {"Task",
       with({"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
             "Retry", "Catch", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
             "HeartbeatSeconds", "HeartbeatSecondsPath", "Assign", "Credentials"})},
      {"Choice", with({"Choices", "Default", "InputPath", "OutputPath", "Assign"})},
      {"Wait", with({"Next", "End", "InputPath", "OutputPath", "Seconds", "SecondsPath",
                     "Timestamp", "TimestampPath", "Assign"})},
      {"Succeed", with({"InputPath", "OutputPath"})},
      {"Fail", with({"Error", "ErrorPath", "Cause", "CausePath"})},
      {"Parallel", with({"Branches", "Next", "End", "InputPath", "OutputPath", "Parameters",
                         "ResultPath", "ResultSelector", "Retry", "Catch", "Assign"})},
      {"Map", with({"Iterator",
                    "ItemProcessor",
                    "ItemsPath",
                    "ItemSelector",
                    "Parameters",
                    "MaxConcurrency",
                    "MaxConcurrencyPath",
                    "ToleratedFailureCount",
                    "ToleratedFailureCountPath",
                    "ToleratedFailurePercentage",
                    "ToleratedFailurePercentagePath",
                    "ItemBatcher",
                    "Label",
                    "Next",
                    "End",
                    "InputPath",
                    "OutputPath",
                    "ResultPath",
                    "ResultSelector",
                    "Retry",
                    "Catch",
                    "Assign",
                    "ResultWriter",
                    "ItemReader"})},
  };
  return table;
}

class Builder {
 public:
  std::vector<std::string> problems;

  std::shared_ptr<StateMachine> machine(const Json& json, const std::string& pointer) {
    auto out = std::make_shared<StateMachine>();
    std::set<std::string> broken;  // states that failed to parse
    if (!json.is_object()) {
      problem(pointer, "a state machine must be a JSON object");
      return out;
    }
    if (json.contains("QueryLanguage") && json["QueryLanguage"] != "JSONPath") {
      problem(pointer_child(pointer, "QueryLanguage"),
              "only the JSONPath query language is supported");
    }
    if (!json.contains("StartAt") || !json["StartAt"].is_string()) {
      problem(pointer_child(pointer, "StartAt"), "StartAt must be a string naming a state");
    } else {
      out->start_at = json["StartAt"].get<std::string>();
    }
    if (json.contains("Comment") && json["Comment"].is_string())
      out->comment = json["Comment"].get<std::string>();
    if (json.contains("TimeoutSeconds")) {
      const Json& timeout = json["TimeoutSeconds"];
      if (timeout.is_number_integer() && timeout.get<double>() >= 1 &&
          timeout.get<double>() <= kMaxSeconds)
        out->timeout_seconds = timeout.get<int>();
      else
        problem(pointer_child(pointer, "TimeoutSeconds"),
                "must be an integer from 1 to " + std::to_string(kMaxSeconds));
    }
    const std::string states_pointer = pointer_child(pointer, "States");
    if (!json.contains("States") || !json["States"].is_object() || json["States"].empty()) {
      problem(states_pointer, "States must be a non-empty object");
      return out;
    }
    out->states.reserve(json["States"].size());
    for (const auto& [name, body] : json["States"].items()) {
      const std::string state_pointer = pointer_child(states_pointer, name);
      if (name.empty() || name.size() > 80) {
        problem(state_pointer, "state names must be 1 to 80 characters");
      }
      try {
        out->states.push_back(state(name, body, state_pointer));
        out->index[name] = out->states.size() - 1;
      } catch (const InvalidInput& e) {
        problem(state_pointer, e.what());
        broken.insert(name);
      }
    }
    for (auto& parsed : out->states) {
      auto target = out->index.find(parsed.next);
      if (target != out->index.end()) parsed.next_index = target->second;
    }
    check_graph(*out, pointer, broken);
    return out;
  }

 private:
  void problem(const std::string& pointer, const std::string& message) {
    problems.push_back((pointer.empty() ? "/" : pointer) + ": " + message);
  }

  // Targets and reachability. Names of states that failed to parse count as
  // existing, and reachability is not judged then, so one mistake is not
  // reported again as its consequences.
  void check_graph(const StateMachine& machine, const std::string& pointer,
                   const std::set<std::string>& broken) {
    if (machine.start_at.empty()) return;
    auto exists = [&](const std::string& name) {
      return machine.index.contains(name) || broken.contains(name);
    };
    if (!exists(machine.start_at)) {
      problem(pointer_child(pointer, "StartAt"),
              "StartAt names a state that does not exist: '" + machine.start_at + "'");
      return;
    }
    for (const auto& state : machine.states) {
      auto target = [&](const std::string& name, const std::string& field) {
        if (!name.empty() && !exists(name))
          problem(
              pointer_child(state.pointer, field),
              "state '" + state.name + "' refers to a state that does not exist: '" + name + "'");
      };
      target(state.next, "Next");
      target(state.default_next, "Default");
      for (size_t i = 0; i < state.choices.size(); ++i)
        target(state.choices[i].next, "Choices/" + std::to_string(i) + "/Next");
      for (size_t i = 0; i < state.catchers.size(); ++i)
        target(state.catchers[i].next, "Catch/" + std::to_string(i) + "/Next");
    }
    if (!broken.empty()) return;
    // As AWS (MISSING_END_STATE), a workflow with no terminal state is
    // invalid, and the reachability walk is then skipped.
    const bool has_terminal =
        std::any_of(machine.states.begin(), machine.states.end(), [](const State& state) {
          return state.end || state.type == StateType::kSucceed || state.type == StateType::kFail;
        });
    if (!has_terminal) {
      problem(pointer_child(pointer, "States"),
              "the workflow has no terminal state (a Succeed or Fail state, or End: true)");
      return;
    }
    // Reachability from StartAt.
    std::set<std::string> seen;
    std::vector<std::string> stack = {machine.start_at};
    while (!stack.empty()) {
      std::string name = stack.back();
      stack.pop_back();
      if (!exists(name) || !seen.insert(name).second) continue;
      const State& state = machine.at(name);
      if (!state.next.empty()) stack.push_back(state.next);
      if (!state.default_next.empty()) stack.push_back(state.default_next);
      for (const auto& rule : state.choices) stack.push_back(rule.next);
      for (const auto& catcher : state.catchers) stack.push_back(catcher.next);
    }
    for (const auto& state : machine.states) {
      if (!seen.contains(state.name))
        problem(state.pointer, "state '" + state.name + "' is not reachable from StartAt");
    }
  }

  static std::optional<JsonPath> path_field(const Json& body, const std::string& key,
                                            const std::string& pointer) {
    const Json& value = body.at(key);
    if (!value.is_string()) throw InvalidInput(key + " must be a path string (at " + pointer + ")");
    try {
      return JsonPath::parse(value.get<std::string>());
    } catch (const InvalidInput& e) {
      throw InvalidInput(std::string(e.what()) + " (at " + pointer_child(pointer, key) + ")");
    }
  }

  // A definite path; ResultPath (`data_only`) may not read variables or $$.
  static std::optional<JsonPath> reference_path(const Json& body, const std::string& key,
                                                const std::string& pointer,
                                                bool data_only = false) {
    auto path = path_field(body, key, pointer);
    if (path && (!path->is_reference() || (data_only && path->root() != PathRoot::kData)))
      throw InvalidInput(key + " must be a reference path (at " + pointer_child(pointer, key) +
                         ")");
    return path;
  }

  // `max`: AWS's 99999999 for the seconds fields; otherwise a bound that
  // keeps the value exact as a double and a long long.
  static NumberOrPath number_or_path(const Json& body, const std::string& key,
                                     const std::string& pointer, bool integer, double min,
                                     double max = kMaxExactInteger) {
    NumberOrPath out;
    if (body.contains(key)) {
      const Json& value = body[key];
      if (!value.is_number() || (integer && !value.is_number_integer()) ||
          value.get<double>() < min || value.get<double>() > max) {
        throw InvalidInput(key + " must be " + (integer ? "an integer" : "a number") + " from " +
                           std::to_string(static_cast<long long>(min)) + " to " +
                           std::to_string(static_cast<long long>(max)) + " (at " +
                           pointer_child(pointer, key) + ")");
      }
      out.value = value.get<double>();
    }
    if (body.contains(key + "Path")) {
      if (out.value)
        throw InvalidInput(key + " and " + key + "Path are mutually exclusive (at " + pointer +
                           ")");
      out.path = reference_path(body, key + "Path", pointer);
    }
    return out;
  }

  static std::vector<std::string> error_list(const Json& body, const std::string& pointer) {
    if (!body.contains("ErrorEquals") || !body["ErrorEquals"].is_array() ||
        body["ErrorEquals"].empty())
      throw InvalidInput("ErrorEquals must be a non-empty array of strings (at " + pointer + ")");
    std::vector<std::string> out;
    for (const auto& name : body["ErrorEquals"]) {
      if (!name.is_string())
        throw InvalidInput("ErrorEquals must hold strings (at " + pointer + ")");
      out.push_back(name.get<std::string>());
    }
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i] == "States.ALL" && out.size() != 1)
        throw InvalidInput("States.ALL must appear alone in ErrorEquals (at " + pointer + ")");
    }
    return out;
  }

  static ResultPathSpec result_path(const Json& body, const std::string& pointer) {
    ResultPathSpec out;
    if (!body.contains("ResultPath")) return out;
    if (body["ResultPath"].is_null()) {
      out.discard = true;
      return out;
    }
    out.path = reference_path(body, "ResultPath", pointer, true);
    return out;
  }

  State state(const std::string& name, const Json& body, const std::string& pointer) {
    if (!body.is_object()) throw InvalidInput("a state must be a JSON object");
    State out;
    out.name = name;
    out.pointer = pointer;
    out.reads_context = body.dump().find("$$") != std::string::npos;
    if (!body.contains("Type") || !body["Type"].is_string())
      throw InvalidInput(
          "Type must be one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map");
    const std::string type = body["Type"].get<std::string>();
    static const std::map<std::string, StateType> types = {
        {"Task", StateType::kTask},         {"Pass", StateType::kPass},
        {"Choice", StateType::kChoice},     {"Wait", StateType::kWait},
        {"Succeed", StateType::kSucceed},   {"Fail", StateType::kFail},
        {"Parallel", StateType::kParallel}, {"Map", StateType::kMap}};
    auto found = types.find(type);
    if (found == types.end()) throw InvalidInput("unknown state Type '" + type + "'");
    out.type = found->second;
    const auto& allowed = allowed_fields().at(type);
    for (const auto& [key, value] : body.items()) {
      if (!allowed.contains(key))
        throw InvalidInput("field '" + key + "' is not allowed in a " + type + " state (at " +
                           pointer_child(pointer, key) + ")");
    }
    if (body.contains("QueryLanguage") && body["QueryLanguage"] != "JSONPath")
      throw InvalidInput("only the JSONPath query language is supported");

    // Transitions.
    const bool terminal = out.type == StateType::kSucceed || out.type == StateType::kFail ||
                          out.type == StateType::kChoice;
    if (!terminal) {
      bool has_next = body.contains("Next"), has_end = body.contains("End");
      if (has_next == has_end)
        throw InvalidInput("a " + type + " state needs exactly one of Next or End");
      if (has_next) {
        if (!body["Next"].is_string()) throw InvalidInput("Next must be a string");
        out.next = body["Next"].get<std::string>();
      } else {
        if (body["End"] != true) throw InvalidInput("End must be true");
        out.end = true;
      }
    }

    // Input and output processing.
    if (body.contains("InputPath")) {
      if (body["InputPath"].is_null())
        out.input_discard = true;
      else
        out.input_path = path_field(body, "InputPath", pointer);
    }
    if (body.contains("OutputPath")) {
      if (body["OutputPath"].is_null())
        out.output_discard = true;
      else
        out.output_path = path_field(body, "OutputPath", pointer);
    }
    if (body.contains("Parameters"))
      out.parameters =
          PayloadTemplate::compile(body["Parameters"], pointer_child(pointer, "Parameters"));
    if (body.contains("ItemSelector")) {
      if (body.contains("Parameters"))
        throw InvalidInput("ItemSelector and Parameters are mutually exclusive");
      out.parameters =
          PayloadTemplate::compile(body["ItemSelector"], pointer_child(pointer, "ItemSelector"));
    }
    if (body.contains("ResultSelector"))
      out.result_selector = PayloadTemplate::compile(body["ResultSelector"],
                                                     pointer_child(pointer, "ResultSelector"));
    out.result_path = result_path(body, pointer);
    if (body.contains("Assign")) {
      if (!body["Assign"].is_object()) throw InvalidInput("Assign must be an object");
      out.assign = PayloadTemplate::compile(body["Assign"], pointer_child(pointer, "Assign"));
    }
    if (body.contains("Result")) out.result = body["Result"];

    // Errors.
    if (body.contains("Retry")) {
      if (!body["Retry"].is_array()) throw InvalidInput("Retry must be an array");
      for (size_t i = 0; i < body["Retry"].size(); ++i) {
        const Json& r = body["Retry"][i];
        const std::string where = pointer_child(pointer, "Retry") + "/" + std::to_string(i);
        if (!r.is_object()) throw InvalidInput("a retrier must be an object (at " + where + ")");
        Retrier retrier;
        retrier.errors = error_list(r, where);
        for (const auto& [key, value] : r.items()) {
          static const std::set<std::string> fields = {
              "ErrorEquals",     "IntervalSeconds", "MaxAttempts", "BackoffRate",
              "MaxDelaySeconds", "JitterStrategy",  "Comment"};
          if (!fields.contains(key))
            throw InvalidInput("field '" + key + "' is not allowed in a retrier (at " + where +
                               ")");
        }
        if (r.contains("IntervalSeconds")) {
          if (!r["IntervalSeconds"].is_number_integer() ||
              r["IntervalSeconds"].get<long long>() < 1)
            throw InvalidInput("IntervalSeconds must be a positive integer (at " + where + ")");
          retrier.interval_seconds = r["IntervalSeconds"].get<double>();
        }
        if (r.contains("MaxAttempts")) {
          if (!r["MaxAttempts"].is_number_integer() || r["MaxAttempts"].get<long long>() < 0)
            throw InvalidInput("MaxAttempts must be a non-negative integer (at " + where + ")");
          retrier.max_attempts = r["MaxAttempts"].get<int>();
        }
        if (r.contains("BackoffRate")) {
          if (!r["BackoffRate"].is_number() || r["BackoffRate"].get<double>() < 1.0)
            throw InvalidInput("BackoffRate must be a number >= 1.0 (at " + where + ")");
          retrier.backoff_rate = r["BackoffRate"].get<double>();
        }
        if (r.contains("MaxDelaySeconds")) {
          if (!r["MaxDelaySeconds"].is_number_integer() ||
              r["MaxDelaySeconds"].get<long long>() < 1)
            throw InvalidInput("MaxDelaySeconds must be a positive integer (at " + where + ")");
          retrier.max_delay_seconds = r["MaxDelaySeconds"].get<double>();
        }
        if (r.contains("JitterStrategy")) {
          if (r["JitterStrategy"] != "FULL" && r["JitterStrategy"] != "NONE")
            throw InvalidInput("JitterStrategy must be FULL or NONE (at " + where + ")");
          retrier.full_jitter = r["JitterStrategy"] == "FULL";
        }
        out.retry.push_back(std::move(retrier));
      }
    }
    if (body.contains("Catch")) {
      if (!body["Catch"].is_array()) throw InvalidInput("Catch must be an array");
      for (size_t i = 0; i < body["Catch"].size(); ++i) {
        const Json& c = body["Catch"][i];
        const std::string where = pointer_child(pointer, "Catch") + "/" + std::to_string(i);
        if (!c.is_object()) throw InvalidInput("a catcher must be an object (at " + where + ")");
        Catcher catcher;
        catcher.errors = error_list(c, where);
        if (!c.contains("Next") || !c["Next"].is_string())
          throw InvalidInput("a catcher needs Next (at " + where + ")");
        catcher.next = c["Next"].get<std::string>();
        catcher.result_path = result_path(c, where);
        if (c.contains("Assign"))
          catcher.assign = PayloadTemplate::compile(c["Assign"], pointer_child(where, "Assign"));
        out.catchers.push_back(std::move(catcher));
      }
    }

    switch (out.type) {
      case StateType::kTask:
        if (!body.contains("Resource") || !body["Resource"].is_string())
          throw InvalidInput("a Task state needs a Resource string");
        out.resource = body["Resource"].get<std::string>();
        out.timeout_seconds = number_or_path(body, "TimeoutSeconds", pointer, true, 1, kMaxSeconds);
        out.heartbeat_seconds =
            number_or_path(body, "HeartbeatSeconds", pointer, true, 1, kMaxSeconds);
        break;
      case StateType::kChoice: {
        if (!body.contains("Choices") || !body["Choices"].is_array() || body["Choices"].empty())
          throw InvalidInput("a Choice state needs a non-empty Choices array");
        for (size_t i = 0; i < body["Choices"].size(); ++i) {
          out.choices.push_back(
              ChoiceRule::parse(body["Choices"][i],
                                pointer_child(pointer, "Choices") + "/" + std::to_string(i), true));
        }
        if (body.contains("Default")) {
          if (!body["Default"].is_string()) throw InvalidInput("Default must be a string");
          out.default_next = body["Default"].get<std::string>();
        }
        break;
      }
      case StateType::kWait: {
        int count = 0;
        if (body.contains("Seconds") || body.contains("SecondsPath")) {
          out.seconds = number_or_path(body, "Seconds", pointer, true, 0, kMaxSeconds);
          ++count;
        }
        if (body.contains("Timestamp")) {
          if (!body["Timestamp"].is_string() ||
              !parse_asl_timestamp(body["Timestamp"].get<std::string>()))
            throw InvalidInput("Timestamp must be an ISO-8601 date-time with an offset");
          out.timestamp = body["Timestamp"].get<std::string>();
          ++count;
        }
        if (body.contains("TimestampPath")) {
          out.timestamp_path = reference_path(body, "TimestampPath", pointer);
          ++count;
        }
        if (count != 1)
          throw InvalidInput(
              "a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        break;
      }
      case StateType::kFail:
        for (const char* key : {"Error", "Cause"}) {
          const std::string path_key = std::string(key) + "Path";
          if (body.contains(key) && body.contains(path_key))
            throw InvalidInput(std::string(key) + " and " + path_key + " are mutually exclusive");
          if (body.contains(key)) {
            if (!body[key].is_string()) throw InvalidInput(std::string(key) + " must be a string");
            (std::string(key) == "Error" ? out.error : out.cause) = body[key].get<std::string>();
          }
          if (body.contains(path_key)) {
            if (!body[path_key].is_string())
              throw InvalidInput(path_key + " must be a path or an intrinsic function");
            (std::string(key) == "Error" ? out.error_path : out.cause_path) = DynamicValue::compile(
                body[path_key].get<std::string>(), path_key, pointer_child(pointer, path_key));
          }
        }
        break;
      case StateType::kParallel: {
        if (!body.contains("Branches") || !body["Branches"].is_array() || body["Branches"].empty())
          throw InvalidInput("a Parallel state needs a non-empty Branches array");
        for (size_t i = 0; i < body["Branches"].size(); ++i) {
          out.branches.push_back(machine(
              body["Branches"][i], pointer_child(pointer, "Branches") + "/" + std::to_string(i)));
        }
        break;
      }
      case StateType::kMap: {
        const bool legacy = body.contains("Iterator");
        if (legacy == body.contains("ItemProcessor"))
          throw InvalidInput("a Map state needs exactly one of ItemProcessor or Iterator");
        const char* key = legacy ? "Iterator" : "ItemProcessor";
        out.processor = machine(body[key], pointer_child(pointer, key));
        if (body.contains("ItemReader"))
          throw InvalidInput("ItemReader (distributed Map over S3) is not supported");
        if (body.contains("ItemsPath")) out.items_path = path_field(body, "ItemsPath", pointer);
        out.max_concurrency = number_or_path(body, "MaxConcurrency", pointer, true, 0);
        out.tolerated_failure_count =
            number_or_path(body, "ToleratedFailureCount", pointer, true, 0);
        out.tolerated_failure_percentage =
            number_or_path(body, "ToleratedFailurePercentage", pointer, false, 0);
        if (out.tolerated_failure_percentage.value && *out.tolerated_failure_percentage.value > 100)
          throw InvalidInput("ToleratedFailurePercentage must be between 0 and 100");
        if (body.contains("ItemBatcher")) {
          const Json& b = body["ItemBatcher"];
          const std::string where = pointer_child(pointer, "ItemBatcher");
          if (!b.is_object()) throw InvalidInput("ItemBatcher must be an object");
          ItemBatcher batcher;
          batcher.max_items_per_batch = number_or_path(b, "MaxItemsPerBatch", where, true, 1);
          batcher.max_input_bytes_per_batch =
              number_or_path(b, "MaxInputBytesPerBatch", where, true, 1);
          if (b.contains("BatchInput"))
            batcher.batch_input =
                PayloadTemplate::compile(b["BatchInput"], pointer_child(where, "BatchInput"));
          out.item_batcher = std::move(batcher);
        }
        break;
      }
      default:
        break;
    }
    return out;
  }
};

}  // namespace

DefinitionError::DefinitionError(std::vector<std::string> problems)
    : core::InvalidInput(join(problems)), problems_(std::move(problems)) {}

std::vector<std::string> validate_definition(const Json& definition) {
  Builder builder;
  builder.machine(definition, "");
  return builder.problems;
}

std::shared_ptr<const StateMachine> parse_definition(const Json& definition) {
  Builder builder;
  auto machine = builder.machine(definition, "");
  if (!builder.problems.empty()) throw DefinitionError(builder.problems);
  return machine;
}

std::shared_ptr<const StateMachine> parse_definition_text(const std::string& text) {
  Json json;
  try {
    json = core::parse_json<Json>(text);
  } catch (const Json::exception& e) {
    throw DefinitionError({std::string("/: not valid JSON: ") + e.what()});
  } catch (const core::JsonTooDeep& e) {
    throw DefinitionError({std::string("/: ") + e.what()});
  }
  return parse_definition(json);
}

}  // namespace ae::states
