// Runs every AWS truth-table case in tests/ops/alarm_truth_tables/*.json
// through evaluate_datapoints, once per TreatMissingData mode. "retain" means
// the state before evaluation is kept (checked from both OK and ALARM).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "ops/alarm_evaluator.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

TEST(AlarmTruthTable, EveryPublishedRow) {
  const auto directory = test::source_path("tests/ops/alarm_truth_tables");
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const auto table = nlohmann::json::parse(core::read_file(entry.path()));
    const int n = table["evaluation_periods"];
    const int m = table["datapoints_to_alarm"];
    for (const auto& row : table["cases"]) {
      const auto points = parse_datapoints(row["points"]);
      ASSERT_EQ(static_cast<int>(points.size()), evaluation_range_size(n)) << row.dump();
      for (const auto* mode_name : {"missing", "ignore", "breaching", "notBreaching"}) {
        const auto mode = parse_treat_missing_data(mode_name);
        const std::string expected = row[mode_name];
        for (auto before : {AlarmState::kOk, AlarmState::kAlarm, AlarmState::kInsufficientData}) {
          const auto result = evaluate_datapoints(points, n, m, mode, before);
          const auto want = expected == "retain" ? before : parse_alarm_state(expected);
          EXPECT_EQ(alarm_state_name(result.state), alarm_state_name(want))
              << entry.path().filename() << " " << row["points"] << " " << mode_name << " from "
              << alarm_state_name(before) << ": " << result.reason;
          ++checked;
        }
      }
    }
  }
  EXPECT_GE(checked, 17 * 4 * 3);
}

TEST(AlarmEvaluator, NRealPointsIgnoreTheMissingPolicy) {
  // 3 real points among 5: the policy never applies.
  for (auto mode : {TreatMissingData::kMissing, TreatMissingData::kBreaching,
                    TreatMissingData::kNotBreaching, TreatMissingData::kIgnore}) {
    EXPECT_EQ(evaluate_datapoints(parse_datapoints("X-0-0"), 3, 1, mode, AlarmState::kOk).state,
              AlarmState::kAlarm);
    EXPECT_EQ(evaluate_datapoints(parse_datapoints("X00-0"), 3, 1, mode, AlarmState::kOk).state,
              AlarmState::kOk);  // the X is the 4th most recent real point
  }
}

TEST(AlarmEvaluator, MissingSpecialCaseNeedsAgeAtLeastM) {
  // N=3, M=3: one breach three periods old with nothing newer -> ALARM; two old -> not.
  EXPECT_EQ(evaluate_datapoints(parse_datapoints("--X--"), 3, 3, TreatMissingData::kMissing,
                                AlarmState::kOk)
                .state,
            AlarmState::kAlarm);
  EXPECT_EQ(evaluate_datapoints(parse_datapoints("---X-"), 3, 3, TreatMissingData::kMissing,
                                AlarmState::kOk)
                .state,
            AlarmState::kInsufficientData);
}

TEST(AlarmEvaluator, PatternParsingRejectsUnknownSymbols) {
  EXPECT_THROW(parse_datapoints("0?X"), core::InvalidInput);
  EXPECT_EQ(format_datapoints(parse_datapoints("0 - X")), "0-X");
}

}  // namespace
}  // namespace ae::ops
