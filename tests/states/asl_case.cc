#include "states/asl_case.h"

#include <regex>

#include "core/atomic_file.h"
#include "core/clock.h"
#include "states/parse/parser.h"
#include "states/run/failure.h"
#include "states/run/interpreter.h"

namespace ae::test {
namespace {

using json = nlohmann::ordered_json;

const std::regex& token_pattern() {
  static const std::regex pattern("<[A-Za-z0-9_:\\-]+>");
  return pattern;
}

bool string_matches_template(const std::string& expected, const std::string& actual) {
  if (expected.find('<') == std::string::npos) return expected == actual;
  std::string pattern;
  auto begin = std::sregex_iterator(expected.begin(), expected.end(), token_pattern());
  size_t last = 0;
  auto escape = [](const std::string& text) {
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(text, special, R"(\$&)");
  };
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    pattern += escape(expected.substr(last, static_cast<size_t>(it->position()) - last));
    pattern += "[\\s\\S]+";
    last = static_cast<size_t>(it->position() + it->length());
  }
  pattern += escape(expected.substr(last));
  return std::regex_match(actual, std::regex(pattern));
}

class EnteredStates final : public states::HistorySink {
 public:
  std::vector<std::string> names;
  void record(states::HistoryEvent event) override {
    if (event.type.ends_with("StateEntered")) names.push_back(event.state);
  }
  void checkpoint(const states::Checkpoint&, bool) override {}
};

// The Lambda stand-ins: "echo" returns the event; {"returns": V} returns V.
// Our corpus adds, combinable in one object: "sleeps": seconds on the clock
// first; "fails": {"error","cause"} (for the first "times" calls, else always);
// "completes_token": true sends task success with the event for $$.Task.Token.
states::TaskHandler stand_in(const json& behaviour, states::InMemoryTaskTokens& tokens) {
  auto calls = std::make_shared<int>(0);
  return [behaviour, calls, &tokens](const states::TaskRequest& request) -> json {
    ++*calls;
    if (behaviour.is_object()) {
      if (behaviour.contains("sleeps"))
        request.clock->sleep_for(std::chrono::seconds(behaviour["sleeps"].get<long long>()));
      if (behaviour.contains("fails") &&
          (!behaviour.contains("times") || *calls <= behaviour["times"].get<int>())) {
        const json& failure = behaviour["fails"];
        throw states::StateFailure(failure.value("error", ""), failure.value("cause", ""));
      }
      if (behaviour.value("completes_token", false) && request.task_token)
        tokens.send_success(*request.task_token, request.input);
      if (behaviour.contains("returns")) return behaviour["returns"];
    }
    return request.input;
  };
}

}  // namespace

bool json_matches(const json& expected, const json& actual) {
  if (expected.is_string()) {
    const auto& text = expected.get_ref<const std::string&>();
    if (std::regex_match(text, token_pattern())) return true;
    return actual.is_string() && string_matches_template(text, actual.get<std::string>());
  }
  if (expected.is_number() && actual.is_number())
    return expected.get<double>() == actual.get<double>();
  if (expected.is_object()) {
    if (!actual.is_object() || actual.size() != expected.size()) return false;
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key) || !json_matches(value, actual[key])) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) return false;
    for (size_t i = 0; i < expected.size(); ++i) {
      if (!json_matches(expected[i], actual[i])) return false;
    }
    return true;
  }
  return expected == actual;
}

namespace {

std::string member_names(const json& object) {
  std::string names;
  for (const auto& [key, value] : object.items()) names += (names.empty() ? "" : ",") + key;
  return "[" + names + "]";
}

std::string member_order_difference_at(const json& expected, const json& actual,
                                       const std::string& pointer) {
  if (expected.is_object() && actual.is_object() && expected.size() == actual.size()) {
    auto want = expected.begin();
    for (auto got = actual.begin(); got != actual.end(); ++got, ++want) {
      if (!expected.contains(got.key())) return "";  // other members: not an order question
      if (got.key() != want.key())
        return pointer + "/: members " + member_names(actual) + ", recorded " +
               member_names(expected);
    }
    for (const auto& [key, value] : expected.items()) {
      auto difference = member_order_difference_at(value, actual[key], pointer + "/" + key);
      if (!difference.empty()) return difference;
    }
  }
  if (expected.is_array() && actual.is_array() && expected.size() == actual.size()) {
    for (size_t i = 0; i < expected.size(); ++i) {
      auto difference =
          member_order_difference_at(expected[i], actual[i], pointer + "/" + std::to_string(i));
      if (!difference.empty()) return difference;
    }
  }
  return "";
}

}  // namespace

std::string member_order_difference(const json& expected, const json& actual) {
  return member_order_difference_at(expected, actual, "");
}

CaseVerdict run_asl_case(const std::filesystem::path& folder, ExpectedOrder order) {
  CaseVerdict verdict;
  try {
    const json definition = json::parse(core::read_file(folder / "definition.json"));
    const json input = json::parse(core::read_file(folder / "input.json"));
    const json expected = json::parse(core::read_file(folder / "expected.json"));

    core::VirtualClock clock(core::parse_timestamp("2026-01-05T14:30:00Z"));
    states::InMemoryTaskTokens tokens;
    states::ResourceRegistry registry;
    if (expected.contains("lambda")) {
      for (const auto& [name, behaviour] : expected["lambda"].items())
        registry.add_function(name, stand_in(behaviour, tokens));
    }
    EnteredStates history;
    std::shared_ptr<const states::StateMachine> machine;
    try {
      machine = states::parse_definition(definition);
    } catch (const states::DefinitionError& e) {
      if (expected.value("status", "") == "INVALID") {
        verdict.passed = true;
        return verdict;
      }
      verdict.why = std::string("definition rejected: ") + e.what();
      return verdict;
    }
    if (expected.value("status", "") == "INVALID") {
      verdict.why = "definition accepted but expected INVALID";
      return verdict;
    }
    states::Interpreter interpreter(machine, registry, clock, &history, &tokens);
    states::ExecutionInfo info;
    info.name = "conformance-" + folder.filename().string();
    info.state_machine_name = "machine-" + folder.filename().string();
    info.state_machine_id =
        "arn:aws:states:us-east-1:000000000000:stateMachine:" + info.state_machine_name;
    info.id = "arn:aws:states:us-east-1:000000000000:execution:" + info.state_machine_name + ":" +
              info.name;
    info.input = input;
    const bool express = expected.value("state_machine_type", "") == "EXPRESS";
    info.synchronous_express =
        express && expected.value("execution", "").starts_with("StartSyncExecution");
    if (express) {
      info.id = "arn:aws:states:us-east-1:000000000000:express:" + info.state_machine_name + ":" +
                info.name + ":0b5c3d2e-0000-4000-8000-000000000000";
    }
    info.start_time = clock.now();
    const auto result = interpreter.run(info);
    return judge_outcome(
        expected,
        CaseOutcome{states::status_name(result.status), result.output,
                    result.error ? json(*result.error) : json(),
                    result.cause ? json(*result.cause) : json(), json(history.names)},
        order);
  } catch (const std::exception& e) {
    verdict.why = std::string("exception: ") + e.what();
  }
  return verdict;
}

CaseVerdict judge_outcome(const json& expected, const CaseOutcome& outcome, ExpectedOrder order) {
  CaseVerdict verdict;
  const std::string& status = outcome.status;
  if (status != expected.value("status", "")) {
    verdict.why = "status " + status + " (error " + outcome.error.dump() + ", cause " +
                  outcome.cause.dump() + ", output " + outcome.output.dump() + "), expected " +
                  expected.value("status", "");
    return verdict;
  }
  if (status == "SUCCEEDED") {
    if (!json_matches(expected["output"], outcome.output)) {
      verdict.why = "output " + outcome.output.dump() + ", expected " + expected["output"].dump();
      return verdict;
    }
    const std::string difference = order == ExpectedOrder::kRecordedByAws
                                       ? member_order_difference(expected["output"], outcome.output)
                                       : "";
    if (!difference.empty()) {
      verdict.why =
          "output " + outcome.output.dump() + " orders members as AWS did not: " + difference;
      return verdict;
    }
  } else if (status != "INVALID") {
    const json expected_error = expected.value("error", json());
    const json expected_cause = expected.value("cause", json());
    if (!json_matches(expected_error, outcome.error) ||
        !json_matches(expected_cause, outcome.cause)) {
      verdict.why = "error " + outcome.error.dump() + " cause " + outcome.cause.dump() +
                    ", expected " + expected_error.dump() + " / " + expected_cause.dump();
      return verdict;
    }
  }
  if (expected.contains("states_entered") && !outcome.states_entered.is_null() &&
      expected["states_entered"] != outcome.states_entered) {
    verdict.why = "states entered " + outcome.states_entered.dump() + ", expected " +
                  expected["states_entered"].dump();
    return verdict;
  }
  verdict.passed = true;
  return verdict;
}

}  // namespace ae::test
