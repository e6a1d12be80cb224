// A home with nothing in it (no store, no databases) still serves every page
// and endpoint: empty lists and "no data" charts, never a 500.
#include <gtest/gtest.h>

#include "support/test_support.h"
#include "web/web_fixture.h"

namespace ae::web::test {
namespace {

TEST(DashboardEmptyHome, EveryEndpointAnswers) {
  ae::test::TempDir home;
  RunningServer server(home.path());
  const auto overview = server.get_json("/api/overview");
  EXPECT_EQ(overview["empty"], true);
  EXPECT_TRUE(overview["date"].is_null());
  EXPECT_EQ(server.get_json("/api/executions")["total"], 0);
  EXPECT_TRUE(server.get_json("/api/coverage")["days"].empty());
  EXPECT_TRUE(server.get_json("/api/signals")["rows"].empty());
  EXPECT_TRUE(server.get_json("/api/tickers/AAA")["prices"].empty());
  const auto portfolio = server.get_json("/api/portfolio");
  EXPECT_TRUE(portfolio["eod"].empty());
  EXPECT_NE(portfolio["charts"]["nav"].get<std::string>().find("<svg"), std::string::npos);
  EXPECT_TRUE(server.get_json("/api/model")["champion"].is_null());
  EXPECT_TRUE(server.get_json("/api/backtests")["runs"].empty());
  EXPECT_TRUE(server.get_json("/api/health")["modules"].empty());
  server.get_json("/api/executions/weekday-2026-04-27", 404);
  EXPECT_EQ(server.client().Get("/")->status, 200);
  // Reading never creates anything in the home.
  EXPECT_TRUE(std::filesystem::is_empty(home.path()));
}

}  // namespace
}  // namespace ae::web::test
