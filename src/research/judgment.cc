#include "research/judgment.h"

#include <spdlog/spdlog.h>

#include <memory>

#include "core/error.h"
#include "core/json_schema.h"
#include "core/subprocess.h"

namespace ae::research {
namespace {

const nlohmann::json kMacroSchema = nlohmann::json::parse(R"({
  "type": "object",
  "required": ["market_regime"],
  "properties": {
    "market_regime": {"enum": ["bull", "neutral", "bear"]},
    "sector_modifiers": {"type": "object", "additionalProperties": {"type": "number"}},
    "sector_ratings": {
      "type": "object",
      "additionalProperties": {
        "type": "object",
        "properties": {
          "rating": {"enum": ["overweight", "market_weight", "underweight"]},
          "rationale": {"type": "string"}
        }
      }
    },
    "key_theme": {"type": "string"}
  }
})");

const nlohmann::json kTeamSchema = nlohmann::json::parse(R"({
  "type": "object",
  "required": ["picks"],
  "properties": {
    "picks": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["ticker"],
        "properties": {
          "ticker": {"type": "string"},
          "qual_score": {"type": ["number", "null"]},
          "conviction": {"type": "number"},
          "thesis_summary": {"type": "string"},
          "catalysts": {"type": "array", "items": {"type": "string"}}
        }
      }
    }
  }
})");

const nlohmann::json kCioSchema = nlohmann::json::parse(R"({
  "type": "object",
  "required": ["decisions"],
  "properties": {
    "decisions": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["ticker", "decision", "conviction"],
        "properties": {
          "ticker": {"type": "string"},
          "decision": {"enum": ["ADVANCE", "REJECT", "NO_ADVANCE_DEADLOCK"]},
          "conviction": {"type": "number"},
          "rationale": {"type": "string"},
          "rule_tags": {"type": "array", "items": {"type": "string"}}
        }
      }
    }
  }
})");

const core::JsonSchema& compiled(std::string_view step) {
  static const core::JsonSchema macro(kMacroSchema), team(kTeamSchema), cio(kCioSchema);
  if (step == kMacroStep) return macro;
  if (step == kTeamReviewStep) return team;
  return cio;
}

std::optional<std::string> schema_problem(std::string_view step, const nlohmann::json& answer) {
  const auto problems = compiled(step).problems(answer);
  if (problems.empty()) return std::nullopt;
  return "answer violates its schema: " + problems.front();
}

}  // namespace

void check_agent_step(std::string_view step) {
  if (step != kMacroStep && step != kTeamReviewStep && step != kCioStep)
    throw core::InvalidInput("research: unknown agent step '" + std::string(step) +
                             "' (expected macro, team_review or cio)");
}

const nlohmann::json& agent_answer_schema(std::string_view step) {
  check_agent_step(step);
  if (step == kMacroStep) return kMacroSchema;
  if (step == kTeamReviewStep) return kTeamSchema;
  return kCioSchema;
}

Judgment::Judgment(std::map<std::string, std::string> commands, std::chrono::milliseconds timeout)
    : commands_(std::move(commands)), timeout_(timeout) {
  for (const auto& [step, command] : commands_) check_agent_step(step);
}

bool Judgment::has_agent(std::string_view step) const {
  auto it = commands_.find(std::string(step));
  return it != commands_.end() && !it->second.empty();
}

std::optional<nlohmann::json> Judgment::ask(std::string_view step, const std::string& instance,
                                            const nlohmann::json& request) {
  JudgmentRecord record{instance, "rule", "", std::nullopt};
  if (!has_agent(step)) {
    records_.push_back(record);
    return std::nullopt;
  }
  record.command = commands_.at(std::string(step));
  const auto fail = [&](const std::string& reason) -> std::optional<nlohmann::json> {
    spdlog::warn("research: agent for {} ignored, using the rule: {}", instance, reason);
    record.fallback_reason = reason;
    records_.push_back(record);
    return std::nullopt;
  };
  core::ProcessResult result;
  try {
    result = core::run_process(record.command, request.dump(), {}, timeout_);
  } catch (const core::Error& e) {
    return fail(e.what());
  }
  if (result.timed_out) return fail("timed out after " + std::to_string(timeout_.count()) + " ms");
  if (result.exit_code != 0) {
    std::string err = result.err.substr(0, 200);
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    return fail("exited with status " + std::to_string(result.exit_code) +
                (err.empty() ? "" : ": " + err));
  }
  const auto answer = nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded()) return fail("answer is not valid JSON");
  if (auto problem = schema_problem(step, answer)) return fail(*problem);
  record.source = "agent";
  records_.push_back(record);
  return answer;
}

void Judgment::reject(const std::string& instance, const std::string& reason) {
  for (auto& record : records_) {
    if (record.step == instance && record.source == "agent") {
      spdlog::warn("research: agent for {} ignored, using the rule: {}", instance, reason);
      record.source = "rule";
      record.fallback_reason = reason;
    }
  }
}

nlohmann::json Judgment::records_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : records_) {
    nlohmann::json j = {{"step", r.step}, {"source", r.source}};
    if (!r.command.empty()) j["command"] = r.command;
    if (r.fallback_reason) j["fallback_reason"] = *r.fallback_reason;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace ae::research
