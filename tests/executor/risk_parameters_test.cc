#include "executor/risk_parameters.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

TEST(RiskParameters, ShippedFileStatesEveryParameterAtItsBuiltInDefault) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path() / "store");
  const auto defaults = risk_parameters();
  const auto loaded = load_risk_parameters("", store, core::kDefaultProfile);
  EXPECT_EQ(loaded.to_json(), defaults.to_json());
  for (const auto& spec : loaded.specs()) {
    EXPECT_EQ(loaded.source_of(spec.key), "config/risk.yaml")
        << spec.key << " is missing from config/risk.yaml";
  }
}

TEST(RiskParameters, UserFileThenTunedValuesOverrideTheShippedOnes) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path() / "store");
  const auto user = dir.path() / "risk.yaml";
  std::ofstream(user)
      << "max_position_pct: 0.04\nstrategy:\n  exit_manager:\n    atr_multiplier: 3.0\n";
  store.put(kTunedParametersKey,
            R"({"atr_multiplier": 2.0, "max_position_pct": 0.9, "updated_at": "2026-04-18"})");
  const auto loaded = load_risk_parameters(user, store, core::kDefaultProfile);
  EXPECT_DOUBLE_EQ(loaded.get_double("strategy.exit_manager.atr_multiplier"), 2.0);  // tuned wins
  EXPECT_DOUBLE_EQ(loaded.get_double("max_position_pct"), 0.04);  // tuned 0.9 out of range: skipped
  EXPECT_EQ(loaded.source_of("max_position_pct"), user.string());
  EXPECT_EQ(loaded.source_of("strategy.exit_manager.atr_multiplier"),
            "store:config/executor_params.json");
}

TEST(RiskParameters, CorruptTunedObjectIsIgnored) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path() / "store");
  store.put(kTunedParametersKey, "{not json");
  EXPECT_EQ(load_risk_parameters("", store, core::kDefaultProfile).to_json(),
            risk_parameters().to_json());
}

TEST(RiskParameters, BadUserFileIsAnError) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path() / "store");
  const auto user = dir.path() / "risk.yaml";
  std::ofstream(user) << "correlation_block_threshold: 0.1\n";
  try {
    load_risk_parameters(user, store, core::kDefaultProfile);
    FAIL();
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "correlation_block_threshold' = 0.1 is outside the allowed range [0.3, 1.0]"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace ae::executor
