#include "core/parameters.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

// A slice of the reference executor's tuned-parameter table: dotted keys, ranges, tuned aliases.
ParameterSet executor_like() {
  return ParameterSet(
      "risk",
      {
          {"strategy.exit_manager.atr_multiplier", ParameterType::kDouble, 2.5, 0.5, 10, "ATR stop",
           "atr_multiplier"},
          {"strategy.exit_manager.time_decay_reduce_days", ParameterType::kInt, std::int64_t{5}, 1,
           30, "", "time_decay_reduce_days"},
          {"min_score_to_enter", ParameterType::kDouble, 70.0, 0, 100, "", "min_score"},
          {"max_position_pct", ParameterType::kDouble, 0.05, 0.01, 0.25, "", "max_position_pct"},
          {"use_p_up_sizing", ParameterType::kBool, false, 0, 0, "", "use_p_up_sizing"},
          {"intraday.entry_triggers.disabled_triggers", ParameterType::kStringList,
           std::vector<std::string>{}, 0, 0, "", "disabled_triggers"},
          {"broker", ParameterType::kString, std::string("paper"), 0, 0, "", ""},
      },
      {"updated_at", "best_sharpe"});
}

std::string write(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(Parameters, DefaultsComeFromTheSpecs) {
  auto set = executor_like();
  EXPECT_DOUBLE_EQ(set.get_double("strategy.exit_manager.atr_multiplier"), 2.5);
  EXPECT_EQ(set.get_int("strategy.exit_manager.time_decay_reduce_days"), 5);
  EXPECT_DOUBLE_EQ(set.get_double("strategy.exit_manager.time_decay_reduce_days"),
                   5.0);  // ints widen
  EXPECT_FALSE(set.get_bool("use_p_up_sizing"));
  EXPECT_EQ(set.get_string("broker"), "paper");
  EXPECT_EQ(set.source_of("max_position_pct"), "default");
}

TEST(Parameters, LayersApplyInOrderDefaultsThenFilesThenTuned) {
  test::TempDir dir;
  auto set = executor_like();
  set.apply_yaml_file(
      write(dir, "shipped.yaml", "max_position_pct: 0.04\nmin_score_to_enter: 60\n"));
  set.apply_yaml_file(
      write(dir, "user.yaml",
            "strategy:\n  exit_manager:\n    atr_multiplier: 3.0\nmax_position_pct: 0.03\n"));
  EXPECT_DOUBLE_EQ(set.get_double("max_position_pct"), 0.03);
  EXPECT_DOUBLE_EQ(set.get_double("min_score_to_enter"), 60);
  EXPECT_DOUBLE_EQ(set.get_double("strategy.exit_manager.atr_multiplier"), 3.0);
  EXPECT_EQ(set.source_of("min_score_to_enter"), (dir.path() / "shipped.yaml").string());
  EXPECT_EQ(set.source_of("max_position_pct"), (dir.path() / "user.yaml").string());

  auto skipped = set.apply_tuned(
      nlohmann::json{{"atr_multiplier", 4.0}, {"min_score", 65}, {"updated_at", "x"}},
      "store:config/executor_params.json");
  EXPECT_TRUE(skipped.empty());
  EXPECT_DOUBLE_EQ(set.get_double("strategy.exit_manager.atr_multiplier"), 4.0);
  EXPECT_DOUBLE_EQ(set.get_double("min_score_to_enter"), 65);
  EXPECT_DOUBLE_EQ(set.get_double("max_position_pct"), 0.03);  // untouched by tuning
  EXPECT_EQ(set.source_of("min_score_to_enter"), "store:config/executor_params.json");
}

TEST(Parameters, OutOfRangeTunedValuesAreSkippedWithAReason) {
  auto set = executor_like();
  auto skipped = set.apply_tuned(nlohmann::json{{"atr_multiplier", 12.0},
                                                {"time_decay_reduce_days", 2.5},
                                                {"max_position_pct", "big"},
                                                {"no_such_knob", 1},
                                                {"best_sharpe", 1.2},
                                                {"max_position_pct_ok", 0.1},
                                                {"min_score", 55}},
                                 "tuned");
  ASSERT_EQ(skipped.size(), 5u);
  std::map<std::string, std::string> reasons;
  for (const auto& s : skipped) reasons[s.key] = s.reason;
  EXPECT_NE(reasons["atr_multiplier"].find("outside the allowed range [0.5, 10.0]"),
            std::string::npos);
  EXPECT_NE(reasons["time_decay_reduce_days"].find("must be an integer"), std::string::npos);
  EXPECT_NE(reasons["max_position_pct"].find("must be a number"), std::string::npos);
  EXPECT_NE(reasons["no_such_knob"].find("unknown"), std::string::npos);
  EXPECT_TRUE(reasons.count("max_position_pct_ok"));
  EXPECT_DOUBLE_EQ(set.get_double("strategy.exit_manager.atr_multiplier"), 2.5);  // kept
  EXPECT_DOUBLE_EQ(set.get_double("min_score_to_enter"), 55);                     // applied
  EXPECT_EQ(set.apply_tuned(nlohmann::json::array(), "tuned").size(), 1u);
}

TEST(Parameters, OutOfRangeUserValueIsAnErrorNamingKeyValueAndRange) {
  test::TempDir dir;
  auto set = executor_like();
  const auto path = write(dir, "risk.yaml", "max_position_pct: 0.5\n");
  try {
    set.apply_yaml_file(path);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("max_position_pct"), std::string::npos) << message;
    EXPECT_NE(message.find("0.5"), std::string::npos) << message;
    EXPECT_NE(message.find("[0.01, 0.25]"), std::string::npos) << message;
  }
  EXPECT_DOUBLE_EQ(set.get_double("max_position_pct"), 0.05);
}

TEST(Parameters, UserFileErrorsLeaveTheSetUnchanged) {
  auto set = executor_like();
  // First key valid, second invalid: nothing may be applied.
  EXPECT_THROW(set.apply_yaml_text("min_score_to_enter: 50\nmax_position_pct: -1\n", "f.yaml"),
               InvalidInput);
  EXPECT_DOUBLE_EQ(set.get_double("min_score_to_enter"), 70);
  EXPECT_THROW(set.apply_yaml_text("max_postion_pct: 0.1\n", "f.yaml"),
               InvalidInput);  // typo: unknown key
  EXPECT_THROW(set.apply_yaml_text("use_p_up_sizing: maybe\n", "f.yaml"),
               InvalidInput);  // wrong type
  EXPECT_THROW(set.apply_yaml_text("strategy:\n  exit_manager:\n    time_decay_reduce_days: 2.5\n",
                                   "f.yaml"),
               InvalidInput);
  EXPECT_THROW(set.apply_yaml_text("min_score_to_enter: .nan\n", "f.yaml"), InvalidInput);  // NaN
  EXPECT_THROW(set.apply_yaml_text("[1, 2]\n", "f.yaml"), InvalidInput);        // not a map
  EXPECT_THROW(set.apply_yaml_text("a: [unclosed\n", "f.yaml"), InvalidInput);  // bad YAML
  EXPECT_THROW(set.apply_yaml_file("/nonexistent/risk.yaml"), NotFound);
  set.apply_yaml_text("", "empty.yaml");
  set.apply_yaml_text("intraday:\n  entry_triggers:\n    disabled_triggers: [vwap, support]\n",
                      "f.yaml");
  EXPECT_EQ(set.get_string_list("intraday.entry_triggers.disabled_triggers"),
            (std::vector<std::string>{"vwap", "support"}));
}

// A string that is not UTF-8 was accepted, and then every JSON view of the set
// (`ae config show`, the training's fingerprint) threw a JSON type_error.
TEST(Parameters, AUserStringThatIsNotUtf8IsAnErrorNamingTheKey) {
  auto set = executor_like();
  for (const char* text :
       {"broker: pap\xF5r\n", "intraday.entry_triggers.disabled_triggers: [vw\xE0p]\n"}) {
    try {
      set.apply_yaml_text(text, "f.yaml");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find("must be UTF-8 text"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(set.get_string("broker"), "paper");
  set.apply_yaml_text("broker: caf\xC3\xA9\n", "f.yaml");
  EXPECT_EQ(set.to_json()["broker"], "caf\xC3\xA9");
}

std::string refusal(ParameterSet& set, const std::string& text) {
  try {
    set.apply_yaml_text(text, "f.yaml");
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Parameters, ANameThatIsNotAPlainWordOrIsGivenTwiceIsAnError) {
  auto set = executor_like();
  // A map as a key: YAML::BadConversion escaped.
  EXPECT_EQ(refusal(set, "? {max_position_pct: 0.1}\n: 1\n"),
            "f.yaml: a parameter name must be a plain word, got '{max_position_pct: 0.1}'");
  EXPECT_EQ(refusal(set, "max_position_pct: 0.1\nmax_position_pct: 0.2\n"),
            "f.yaml: parameter 'max_position_pct' is given twice");
  EXPECT_EQ(refusal(set,
                    "strategy.exit_manager.atr_multiplier: 2\n"
                    "strategy: {exit_manager: {atr_multiplier: 3}}\n"),
            "f.yaml: parameter 'strategy.exit_manager.atr_multiplier' is given twice");
  EXPECT_EQ(refusal(set, "max_position_pct: {a: 1}\n"),
            "f.yaml: parameter 'max_position_pct' must be a number, got '{a: 1}'");
  EXPECT_EQ(refusal(set, "strategy: 5\n"), "f.yaml: unknown parameter 'strategy' for risk");
  EXPECT_DOUBLE_EQ(set.get_double("max_position_pct"), 0.05);
}

TEST(Parameters, AnUnknownNameNamesTheClosestKnownOnes) {
  auto set = executor_like();
  EXPECT_EQ(refusal(set, "max_positon_pct: 0.1\n"),
            "f.yaml: unknown parameter 'max_positon_pct' for risk; did you mean "
            "'max_position_pct'?");
  EXPECT_EQ(refusal(set, "atr_multiplier: 2\n"),
            "f.yaml: unknown parameter 'atr_multiplier' for risk; did you mean "
            "'strategy.exit_manager.atr_multiplier'?");
  EXPECT_EQ(refusal(set, "strategy: {exit_manager: {atr_multiplyer: 2}}\n"),
            "f.yaml: unknown parameter 'strategy.exit_manager.atr_multiplyer' for risk; did you "
            "mean 'strategy.exit_manager.atr_multiplier'?");
}

TEST(Parameters, AFileOfNestedAliasesIsRefusedAtItsFirstUnknownName) {
  // x_n holds x_(n-1) twice: every alias was expanded first (2^24 leaves from
  // a 700-byte file took 5 GB and 20 s), then the first leaf, x0.k, refused.
  std::string text = "x0: &a0 {k: 1, l: 1}\n";
  for (int i = 1; i < 20; ++i) {
    const std::string n = std::to_string(i), previous = std::to_string(i - 1);
    text += "x" + n + ": &a" + n + " {k: *a" + previous + ", l: *a" + previous + "}\n";
  }
  auto set = executor_like();
  EXPECT_EQ(refusal(set, text), "f.yaml: unknown parameter 'x0' for risk");
}

TEST(Parameters, MalformedSpecsAreRejected) {
  EXPECT_THROW(ParameterSet("x", {{"a", ParameterType::kDouble, 5.0, 0, 1, "", ""}}), InvalidInput);
  EXPECT_THROW(ParameterSet("x", {{"a", ParameterType::kDouble, 0.5, 0, 1, "", ""},
                                  {"a", ParameterType::kBool, true, 0, 0, "", ""}}),
               InvalidInput);
  EXPECT_THROW(ParameterSet("x", {{"a", ParameterType::kBool, 1.0, 0, 0, "", ""}}), InvalidInput);
}

TEST(Parameters, UnknownKeyOrWrongTypeOnGet) {
  auto set = executor_like();
  EXPECT_THROW(set.get_double("nope"), NotFound);
  EXPECT_THROW(set.get_int("max_position_pct"), InvalidInput);
  EXPECT_EQ(set.to_json()["broker"], "paper");
}

}  // namespace
}  // namespace ae::core
