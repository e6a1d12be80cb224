// The weekday and eod pipelines over FIX: `ae run weekday|eod --broker fix`
// against a child `ae exchange` on loopback (QuickFIX on both ends). The
// pipelines' command steps (`ae plan`, `ae trade`, `ae eod`) get the setting
// through AE_BROKER and leave the ledger that the same runs over the paper
// broker leave on a copy of the home: the same trades at the same prices
// (recorded with source "fix" instead of "paper"), the same end-of-day row.
#include <nlohmann/json.hpp>

#include "core/home.h"
#include "scenarios/scenario_fixture.h"
#include "support/exchange_process.h"

namespace ae::app {
namespace {

void run_day(const std::filesystem::path& home, const std::string& broker_option) {
  for (const auto* pipeline : {"weekday", "eod"}) {
    const auto run = ae::test::run_ae(std::string("--log-level warn run ") + pipeline +
                                          " --clock virtual --date 2026-04-20 --skip-drift-check" +
                                          broker_option,
                                      home);
    ASSERT_EQ(run.exit_code, 0) << pipeline << ": " << run.out << run.err;
  }
}

TEST_F(Scenario, WeekdayAndEodOverFixLeaveTheLedgerOfThePaperBroker) {
  ae::test::TempDir reference_dir;
  const auto reference = reference_dir.path() / "home";
  std::filesystem::copy(home(), reference, std::filesystem::copy_options::recursive);
  run_day(reference, "");
  const auto trades = ae::test::run_ae("ledger trades", reference).out;
  ASSERT_NE(trades.find("2026-04-20:"), std::string::npos) << "the paper day placed no order";

  const int port = ae::test::free_port();
  ae::test::write_fix_settings(home(), port);
  ae::test::ExchangeProcess exchange(home(), port);
  run_day(home(), " --broker fix");
  const auto counts = exchange.stop();

  // The same trades, each recorded as the FIX broker's.
  auto fix_trades =
      nlohmann::json::parse(ae::test::run_ae("--output json ledger trades", home()).out);
  const auto paper_trades =
      nlohmann::json::parse(ae::test::run_ae("--output json ledger trades", reference).out);
  ASSERT_FALSE(fix_trades.empty());
  for (auto& trade : fix_trades) {
    EXPECT_EQ(trade["source"], "fix") << trade.dump();
    trade["source"] = "paper";
  }
  for (const auto& trade : paper_trades) EXPECT_EQ(trade["source"], "paper") << trade.dump();
  EXPECT_EQ(fix_trades, paper_trades);
  EXPECT_EQ(ae::test::run_ae("ledger eod", home()).out,
            ae::test::run_ae("ledger eod", reference).out);
  EXPECT_FALSE(std::filesystem::exists(core::Home(home()).paper_broker()))
      << "a command step traded on the paper broker";
  EXPECT_GT(counts.orders_received, 0);
  EXPECT_EQ(counts.duplicates_refused, 0);
}

}  // namespace
}  // namespace ae::app
