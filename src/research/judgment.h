// The judgment seam. Three steps of the reference were LLM agents: macro,
// the sector teams' review and the CIO. Here each step's default is a
// deterministic rule; an operator may plug an external agent into any step
// (`--agent macro=CMD`, `agents.macro: CMD` in config). The protocol:
//   - the agent gets one JSON request on stdin: {"step", "date", ...inputs,
//     "rule": <what the rule decided>} (docs/research.md has every shape);
//   - it prints one JSON answer on stdout and exits 0;
//   - the answer is checked against the step's JSON Schema, then against
//     the request (only offered tickers, one decision per candidate), and
//     numbers are clamped into range (scores 0-100, modifiers 0.70-1.30);
//   - a failing (non-zero exit, cannot start), slow (timeout) or invalid
//     agent is ignored: the rule's result stands, the fallback is logged
//     and recorded, and records() ends up in signals.json's metadata.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ae::research {

// The steps an agent can be plugged into.
inline constexpr std::string_view kMacroStep = "macro";
inline constexpr std::string_view kTeamReviewStep = "team_review";
inline constexpr std::string_view kCioStep = "cio";

// "macro" | "team_review" | "cio"; InvalidInput otherwise.
void check_agent_step(std::string_view step);

struct JudgmentRecord {
  std::string step;    // e.g. "macro", "team_review:technology"
  std::string source;  // "rule" or "agent"
  std::string command;
  std::optional<std::string> fallback_reason;  // set when an agent was ignored
};

class Judgment {
 public:
  // commands: step -> shell command (empty or absent: the rule).
  Judgment(std::map<std::string, std::string> commands, std::chrono::milliseconds timeout);

  bool has_agent(std::string_view step) const;

  // Runs `step`'s agent (instance names the record, e.g. "team_review:x")
  // and returns its schema-valid answer; nullopt (recorded as a fallback)
  // when it fails, times out or answers invalid JSON. Without an agent,
  // records the rule and returns nullopt.
  std::optional<nlohmann::json> ask(std::string_view step, const std::string& instance,
                                    const nlohmann::json& request);

  // The answer passed its schema but not the checks against the request:
  // turns the instance's record into a fallback with `reason`.
  void reject(const std::string& instance, const std::string& reason);

  const std::vector<JudgmentRecord>& records() const { return records_; }
  nlohmann::json records_json() const;

 private:
  std::map<std::string, std::string> commands_;
  std::chrono::milliseconds timeout_;
  std::vector<JudgmentRecord> records_;
};

// The schema the answers of `step` must satisfy (for docs and tests).
const nlohmann::json& agent_answer_schema(std::string_view step);

}  // namespace ae::research
