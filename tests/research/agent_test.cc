// The judgment seam with test agent scripts: a valid answer is used (after
// clamping); invalid JSON, a schema violation, a non-zero exit, a timeout or
// an answer that does not fit the request all fall back to the rule, and the
// fallback is recorded.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "research/judgment_steps.h"
#include "research/research_parameters.h"
#include "support/test_support.h"

namespace ae::research {
namespace {

using core::parse_date;

class AgentTest : public ::testing::Test {
 protected:
  // An agent that swallows its request and prints `answer`.
  std::string agent(const std::string& name, const std::string& body) {
    const auto file = dir_.path() / name;
    std::ofstream(file) << "#!/bin/bash\ncat > " << (dir_.path() / (name + ".request")).string()
                        << "\n"
                        << body << "\n";
    std::filesystem::permissions(file, std::filesystem::perms::owner_all);
    return file.string();
  }
  std::string request_of(const std::string& name) {
    std::ifstream in(dir_.path() / (name + ".request"));
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  Judgment judgment(const std::string& step, const std::string& command,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return Judgment({{step, command}}, timeout);
  }

  ae::test::TempDir dir_;
  core::ParameterSet params_ = research_parameters();
  core::Date date_ = parse_date("2026-06-26");
};

MacroInputs inputs() {
  MacroInputs in;
  in.spy_price = 500;
  in.spy_vs_ma200 = 0.05;
  in.spy_return_30d = 0.01;
  in.spy_drawdown = 0.03;
  in.vix = 18;
  in.breadth_above_ma200 = 0.55;
  return in;
}

TEST_F(AgentTest, NoAgentMeansTheRuleAndARecord) {
  Judgment j({}, std::chrono::seconds(1));
  const auto rule = macro_rule(inputs(), params_);
  const auto view = judge_macro(j, date_, inputs(), rule, params_);
  EXPECT_EQ(view.regime, rule.regime);
  ASSERT_EQ(j.records().size(), 1u);
  EXPECT_EQ(j.records()[0].source, "rule");
  EXPECT_FALSE(j.records()[0].fallback_reason);
}

TEST_F(AgentTest, ValidMacroAnswerIsUsedAndClamped) {
  auto j = judgment("macro", agent("macro", R"(echo '{"market_regime": "bear",
      "sector_modifiers": {"Information Technology": 5.0, "Health Care": 0.5, "Energy": 1.1},
      "sector_ratings": {"Financials": {"rating": "overweight", "rationale": "agent"}}}')"));
  const auto view = judge_macro(j, date_, inputs(), macro_rule(inputs(), params_), params_);
  EXPECT_EQ(view.regime, core::MarketRegime::kBear);
  EXPECT_DOUBLE_EQ(view.sectors[static_cast<int>(market::Sector::kTechnology)].modifier, 1.30);
  EXPECT_DOUBLE_EQ(view.sectors[static_cast<int>(market::Sector::kHealthcare)].modifier, 0.70);
  EXPECT_EQ(view.sectors[static_cast<int>(market::Sector::kEnergy)].rating,
            core::SectorRating::kOverweight);  // 1.10 >= 1.08
  EXPECT_EQ(view.sectors[static_cast<int>(market::Sector::kFinancial)].rationale, "agent");
  EXPECT_EQ(j.records()[0].source, "agent");
  // The agent saw the inputs and the rule's answer.
  const auto request = nlohmann::json::parse(request_of("macro"));
  EXPECT_EQ(request["step"], "macro");
  EXPECT_EQ(request["inputs"]["vix"], 18);
  EXPECT_TRUE(request["rule"].contains("sector_modifiers"));
}

TEST_F(AgentTest, AgentCannotTalkTheGuardrailDown) {
  auto in = inputs();
  in.vix = 35;
  in.spy_return_30d = -0.15;
  auto j = judgment("macro", agent("macro", R"(echo '{"market_regime": "bull"}')"));
  const auto view = judge_macro(j, date_, in, macro_rule(in, params_), params_);
  EXPECT_EQ(view.regime, core::MarketRegime::kBear);
  EXPECT_TRUE(view.guardrail_fired);
}

struct BadAgent {
  const char* name;
  const char* body;
  const char* reason;  // substring of the recorded fallback reason
};

class BadAgentTest : public AgentTest, public ::testing::WithParamInterface<BadAgent> {};

TEST_P(BadAgentTest, FallsBackToTheRuleAndRecordsWhy) {
  const auto& bad = GetParam();
  auto j = judgment("macro", agent(bad.name, bad.body), std::chrono::milliseconds(300));
  auto in = inputs();
  const auto rule = macro_rule(in, params_);
  const auto view = judge_macro(j, date_, in, rule, params_);
  EXPECT_EQ(view.regime, rule.regime);
  EXPECT_EQ(view.sectors[0].modifier, rule.sectors[0].modifier);
  ASSERT_EQ(j.records().size(), 1u);
  EXPECT_EQ(j.records()[0].source, "rule");
  ASSERT_TRUE(j.records()[0].fallback_reason);
  EXPECT_NE(j.records()[0].fallback_reason->find(bad.reason), std::string::npos)
      << *j.records()[0].fallback_reason;
  EXPECT_EQ(j.records_json()[0]["fallback_reason"], *j.records()[0].fallback_reason);
}

INSTANTIATE_TEST_SUITE_P(
    Agents, BadAgentTest,
    ::testing::Values(
        BadAgent{"invalid_json", "echo 'regime: bull'", "not valid JSON"},
        BadAgent{"schema", R"(echo '{"market_regime": "euphoric"}')", "schema"},
        BadAgent{"wrong_type", R"(echo '{"market_regime": "bull",
                               "sector_modifiers": {"Energy": "high"}}')",
                 "schema"},
        BadAgent{"exit", "echo oops >&2; exit 3", "status 3: oops"},
        BadAgent{"timeout", "sleep 5; echo '{\"market_regime\": \"bull\"}'", "timed out"},
        BadAgent{"unknown_sector",
                 R"(echo '{"market_regime": "bull", "sector_modifiers": {"Crypto": 1.2}}')",
                 "unknown sector 'Crypto'"}),
    [](const ::testing::TestParamInfo<BadAgent>& param_info) {
      return std::string(param_info.param.name);
    });

TeamSlate slate_of(const std::vector<ScoredName>& names) {
  TeamSlate slate{"technology", {}};
  for (const auto& n : names) slate.names.push_back(&n);
  return slate;
}

std::vector<ScoredName> tech_names() {
  std::vector<ScoredName> out;
  for (auto [t, score] : {std::pair{"AAA", 80.0}, {"BBB", 70.0}, {"CCC", 60.0}, {"DDD", 50.0}}) {
    ScoredName s;
    s.ticker = t;
    s.quant_score = score;
    s.composite.final_score = score;
    out.push_back(s);
  }
  return out;
}

TEST_F(AgentTest, TeamAgentPicksAreClampedAndLimitedToTheSlate) {
  const auto names = tech_names();
  const auto slate = slate_of(names);
  auto j = judgment("team_review", agent("team", R"(echo '{"picks": [
      {"ticker": "DDD", "qual_score": 140, "conviction": -5, "thesis_summary": "agent view"},
      {"ticker": "BBB"}]}')"));
  const auto picks = judge_team(j, date_, slate, core::MarketRegime::kNeutral, 3);
  ASSERT_EQ(picks.size(), 2u);
  EXPECT_EQ(picks[0].ticker, "DDD");
  EXPECT_EQ(*picks[0].qual_score, 100);
  EXPECT_EQ(*picks[0].conviction, 0);
  EXPECT_EQ(*picks[0].thesis_summary, "agent view");
  EXPECT_EQ(j.records()[0].step, "team_review:technology");

  auto stranger =
      judgment("team_review", agent("team2", R"(echo '{"picks": [{"ticker": "ZZZ"}]}')"));
  const auto rule = judge_team(stranger, date_, slate, core::MarketRegime::kNeutral, 3);
  EXPECT_EQ(rule.size(), 3u);  // the rule's top 3
  EXPECT_EQ(rule[0].ticker, "AAA");
  EXPECT_TRUE(stranger.records()[0].fallback_reason);

  auto greedy = judgment("team_review", agent("team3", R"(echo '{"picks": [{"ticker": "AAA"},
      {"ticker": "BBB"}, {"ticker": "CCC"}, {"ticker": "DDD"}]}')"));
  EXPECT_EQ(judge_team(greedy, date_, slate, core::MarketRegime::kNeutral, 3).size(), 3u);
  EXPECT_TRUE(greedy.records()[0].fallback_reason);
}

std::vector<CioCandidate> cio_candidates() {
  return {{"AAA", 80, std::nullopt, 80, core::SectorRating::kMarketWeight, false},
          {"BBB", 75, std::nullopt, 70, core::SectorRating::kMarketWeight, false},
          {"CCC", 45, std::nullopt, 66, core::SectorRating::kMarketWeight, false}};
}

TEST_F(AgentTest, CioAgentDecisionsGoThroughPostProcessing) {
  auto j = judgment("cio", agent("cio", R"(echo '{"decisions": [
      {"ticker": "AAA", "decision": "REJECT", "conviction": 90},
      {"ticker": "BBB", "decision": "REJECT", "conviction": 300},
      {"ticker": "CCC", "decision": "ADVANCE", "conviction": 50}]}')"));
  const auto out = judge_cio(j, date_, cio_candidates(), core::MarketRegime::kNeutral, {},
                             cio_params(params_), "rule");
  // CCC advanced by the agent; the floor of 2 force-fills BBB (conviction
  // clamped to 100) ahead of AAA (90).
  EXPECT_EQ(out.advanced, (std::vector<std::string>{"BBB", "CCC"}));
  EXPECT_EQ(out.decisions[1].verdict, CioVerdict::kAdvanceForced);
  EXPECT_EQ(j.records()[0].source, "agent");
}

TEST_F(AgentTest, CioAgentMissingACandidateFallsBackToTheRuleOrTop2) {
  const std::string body =
      R"(echo '{"decisions": [{"ticker": "AAA", "decision": "ADVANCE", "conviction": 90}]}')";
  auto j = judgment("cio", agent("cio", body));
  const auto rule = judge_cio(j, date_, cio_candidates(), core::MarketRegime::kNeutral, {},
                              cio_params(params_), "rule");
  EXPECT_EQ(rule.advanced, (std::vector<std::string>{"AAA", "BBB"}));  // CCC: quant veto
  ASSERT_TRUE(j.records()[0].fallback_reason);
  EXPECT_NE(j.records()[0].fallback_reason->find("no decision for candidate BBB"),
            std::string::npos);

  auto k = judgment("cio", agent("cio2", "exit 1"));
  const auto top2 = judge_cio(k, date_, cio_candidates(), core::MarketRegime::kNeutral, {},
                              cio_params(params_), "top2");
  EXPECT_EQ(top2.advanced, (std::vector<std::string>{"AAA", "BBB"}));
  EXPECT_EQ(top2.decisions[0].rationale, "lax fallback");
}

TEST_F(AgentTest, UnknownStepIsRejected) {
  EXPECT_THROW(Judgment({{"oracle", "true"}}, std::chrono::seconds(1)), core::InvalidInput);
}

}  // namespace
}  // namespace ae::research
