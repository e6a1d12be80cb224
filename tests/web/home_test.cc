// web::HomeReader: contract reads are remembered only while the object's file is
// unchanged, and reading never creates anything.
#include <gtest/gtest.h>

#include "core/contracts/contract.h"
#include "core/error.h"
#include "support/test_support.h"
#include "web/home_reader.h"
#include "web_fixture.h"

namespace ae::web {
namespace {

Json health(const std::string& status, const std::string& error) {
  Json record{{"module", "executor"},
              {"status", status},
              {"last_success", nullptr},
              {"run_date", "2026-04-27"},
              {"summary", Json::object()},
              {"warnings", Json::array()},
              {"written_at", "2026-04-27T13:06:00Z"}};
  record["error"] = error.empty() ? Json() : Json(error);
  return record;
}

TEST(WebHome, ContractReadsFollowTheFile) {
  ae::test::TempDir dir;
  const HomeReader home(dir.path());
  EXPECT_THROW(home.contract(core::Contract::kHealth, "health/executor.json"), core::NotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "store"));

  core::FileSystemStore store(dir.path() / "store");
  core::write_contract(store, core::Contract::kHealth, "health/executor.json", health("ok", ""));
  EXPECT_EQ(home.contract(core::Contract::kHealth, "health/executor.json")["status"], "ok");
  EXPECT_EQ(home.contract(core::Contract::kHealth, "health/executor.json")["status"], "ok");
  core::write_contract(store, core::Contract::kHealth, "health/executor.json",
                       health("failed", "upstream health gate: research is stale"));
  const Json again = home.contract(core::Contract::kHealth, "health/executor.json");
  EXPECT_EQ(again["status"], "failed");
  EXPECT_EQ(again["error"], "upstream health gate: research is stale");
  // A file that breaks its contract is refused every time, not remembered.
  store.put("health/research.json", R"({"module": "research"})");
  EXPECT_THROW(home.contract(core::Contract::kHealth, "health/research.json"),
               core::ContractViolation);
  EXPECT_THROW(home.contract(core::Contract::kHealth, "health/research.json"),
               core::ContractViolation);
  EXPECT_THROW(home.contract(core::Contract::kHealth, "../state/ops.db"), core::InvalidInput);
}

TEST(WebHome, AnApiAnswerChangesAsSoonAsTheHomeDoes) {
  ae::test::TempDir dir;
  core::FileSystemStore store(dir.path() / "store");
  core::write_contract(store, core::Contract::kHealth, "health/executor.json", health("ok", ""));
  const test::RunningServer server(dir.path());
  const auto status = [&] {
    const auto overview = server.get_json("/api/overview");
    for (const auto& module : overview["health"]["modules"])
      if (module["module"] == "executor") return module["status"].get<std::string>();
    return "absent from " + overview.dump();
  };
  EXPECT_EQ(status(), "ok");
  EXPECT_EQ(status(), "ok");  // the cached answer
  core::write_contract(store, core::Contract::kHealth, "health/executor.json",
                       health("failed", "upstream health gate: research is stale"));
  EXPECT_EQ(status(), "failed");  // well within the cache's 2 s: the change invalidated it
}

}  // namespace
}  // namespace ae::web
