// Signals whose text is not UTF-8 (a broken producer, a hand-edited file):
// the planner refuses them, and its failed health record is written all the
// same, with the offending bytes replaced, so the failure is always recorded.
#include <gtest/gtest.h>

#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/contracts/health.h"
#include "executor_fixture.h"

namespace ae::executor::testing {
namespace {

TEST(InvalidUtf8, SignalsWithInvalidUtf8FailThePlanAndTheFailureIsRecorded) {
  Ready w;
  const std::string key = "signals/" + core::format_date(trading_day()) + "/signals.json";
  auto document = nlohmann::json::parse(w.store.get(key));
  document["buy_candidates"][0]["thesis_summary"] = "MARKER";
  std::string text = document.dump(2);
  text.replace(text.find("MARKER"), 6, "caf\xC3 \xFF\xFE");
  w.store.put(key, text);  // raw bytes, past the contract's write check

  EXPECT_THROW(w.plan(trading_day()), core::ContractViolation);
  const auto health =
      core::read_contract(w.store, core::Contract::kHealth, core::health_key("executor"))
          .get<core::HealthRecord>();
  EXPECT_EQ(health.status, core::HealthStatus::kFailed);
  ASSERT_TRUE(health.error);
  EXPECT_NE(health.error->find(key), std::string::npos) << *health.error;
  EXPECT_NE(health.error->find("UTF-8"), std::string::npos) << *health.error;
}

}  // namespace
}  // namespace ae::executor::testing
