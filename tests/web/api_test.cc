// The dashboard's JSON API over HTTP against a server on loopback, on the
// shared simulated home (web_fixture.h): the numbers agree with what the
// other layers wrote, and the access rules hold on the wire.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/error.h"
#include "support/test_support.h"
#include "web/web_fixture.h"

namespace ae::web::test {
namespace {

using Json = nlohmann::json;

class DashboardApi : public ::testing::Test {
 protected:
  // A failure to build the home or start the server fails every test (an
  // exception escaping SetUpTestSuite would only mark them skipped).
  static void SetUpTestSuite() {
    try {
      server_ = new RunningServer(fixture_home().home);
    } catch (const std::exception& error) {
      setup_error_ = new std::string(error.what());
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete setup_error_;
    setup_error_ = nullptr;
  }
  void SetUp() override {
    if (setup_error_ != nullptr) FAIL() << "dashboard fixture: " << *setup_error_;
    ASSERT_NE(server_, nullptr);
  }
  static RunningServer* server_;
  static std::string* setup_error_;
};
RunningServer* DashboardApi::server_ = nullptr;
std::string* DashboardApi::setup_error_ = nullptr;

TEST_F(DashboardApi, ExecutionsListEveryExecutionNewestFirst) {
  const Json list = server_->get_json("/api/executions?limit=500");
  // 3 saturdays + 10 trading days x (weekday + eod) + 04-27 (weekday, eod) + 04-28 weekday.
  EXPECT_EQ(list["total"], 26);
  ASSERT_EQ(list["executions"].size(), 26u);
  EXPECT_EQ(list["executions"][0]["name"], "weekday-2026-04-28");
  EXPECT_EQ(list["executions"][0]["status"], "FAILED");
  const Json weekday = server_->get_json("/api/executions?pipeline=weekday&from=2026-04-20");
  EXPECT_EQ(weekday["total"], 7);  // 04-20..24, 27, 28
  for (const auto& execution : weekday["executions"]) EXPECT_EQ(execution["pipeline"], "weekday");
  const Json limited = server_->get_json("/api/executions?limit=3");
  EXPECT_EQ(limited["executions"].size(), 3u);
  EXPECT_EQ(limited["total"], 26);
}

TEST_F(DashboardApi, HealedExecutionShowsTheSelfHealPath) {
  const Json detail = server_->get_json("/api/executions/weekday-2026-04-27");
  EXPECT_EQ(detail["status"], "SUCCEEDED");
  EXPECT_EQ(detail["self_heal"]["fired"], true);
  EXPECT_EQ(detail["self_heal"]["outcome"], "healed");
  std::vector<std::string> path = detail["path"];
  const auto at = std::find(path.begin(), path.end(), "CheckPredictorCoverage");
  ASSERT_NE(at, path.end());
  const std::vector<std::string> heal(at, at + 5);
  EXPECT_EQ(heal, (std::vector<std::string>{"CheckPredictorCoverage", "CoverageGapChoice",
                                            "ReinvokePredictor", "RecheckCoverage",
                                            "FinalCoverageGate"}));
  for (const auto& state : detail["states"]) {
    EXPECT_FALSE(state["entered"].get<std::string>().empty());
    if (state["name"] == "ReinvokePredictor") {
      EXPECT_EQ(state["attempts"], 1);
      EXPECT_TRUE(state["duration_seconds"].is_number());
    }
  }
  const auto graph = server_->client().Get("/api/executions/weekday-2026-04-27/graph.svg");
  ASSERT_TRUE(graph);
  EXPECT_EQ(graph->status, 200);
  EXPECT_EQ(graph->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_NE(graph->body.find("class=\"ae-state ae-visited\" data-state=\"ReinvokePredictor\""),
            std::string::npos);
}

TEST_F(DashboardApi, PersistentGapFailsWithItsCause) {
  const Json detail = server_->get_json("/api/executions/weekday-2026-04-28");
  EXPECT_EQ(detail["status"], "FAILED");
  EXPECT_EQ(detail["error"], "DailyPipelineFailure");
  EXPECT_EQ(detail["failed_state"], "FailExecution");
  EXPECT_EQ(detail["self_heal"]["outcome"], "failed");
  const auto graph = server_->client().Get("/api/executions/weekday-2026-04-28/graph.svg");
  ASSERT_TRUE(graph);
  EXPECT_NE(graph->body.find("ae-failed\" data-state=\"FailExecution\""), std::string::npos);
}

TEST_F(DashboardApi, CoveragePerDay) {
  const Json coverage = server_->get_json("/api/coverage?from=2026-04-27&to=2026-04-28");
  ASSERT_EQ(coverage["days"].size(), 2u);
  const Json& failed = coverage["days"][0];
  const Json& healed = coverage["days"][1];
  const std::string ticker = fixture_home().healed_ticker;
  EXPECT_EQ(healed["date"], "2026-04-27");
  EXPECT_EQ(healed["self_heal"], "healed");
  EXPECT_EQ(healed["first_check_missing"], Json::array({ticker}));
  EXPECT_EQ(healed["has_gap"], false);
  EXPECT_EQ(failed["date"], "2026-04-28");
  EXPECT_EQ(failed["self_heal"], "failed");
  EXPECT_EQ(failed["has_gap"], true);
  EXPECT_EQ(failed["missing_tickers"], Json::array({ticker}));
  EXPECT_EQ(coverage["alarm_name"], "alpha-engine-predictor-unscored-buy-candidates");

  // Every day whose weekday run found no gap has none as stored (judged
  // against the signals in force that morning, not today's latest).
  const Json all = server_->get_json("/api/coverage");
  int quiet_days = 0;
  for (const auto& day : all["days"])
    if (day["self_heal"] == "not needed") {
      ++quiet_days;
      EXPECT_EQ(day["has_gap"], false) << day.dump();
      EXPECT_EQ(day["execution_status"], "SUCCEEDED") << day.dump();
    }
  EXPECT_EQ(quiet_days, 10);
}

TEST_F(DashboardApi, SignalsJoinResearchAndPredictions) {
  const Json day = server_->get_json("/api/signals?date=2026-04-27");
  EXPECT_EQ(day["date"], "2026-04-27");
  EXPECT_EQ(day["signals_key"], "signals/2026-04-24/signals.json");
  ASSERT_FALSE(day["rows"].empty());
  const std::string ticker = fixture_home().healed_ticker;
  bool found = false;
  for (const auto& row : day["rows"])
    if (row["ticker"] == ticker) {
      found = true;
      EXPECT_EQ(row["buy_candidate"], true);
      EXPECT_EQ(row["predicted"], true);  // healed: the re-score wrote its row
      EXPECT_TRUE(row["p_up"].is_number());
    }
  EXPECT_TRUE(found);
  const Json detail = server_->get_json("/api/tickers/" + ticker + "?days=60");
  EXPECT_EQ(detail["prices"].size(), 60u);
  EXPECT_NE(detail["chart"].get<std::string>().find("<svg"), std::string::npos);
  EXPECT_FALSE(detail["history"].empty());
}

TEST_F(DashboardApi, PortfolioMatchesTheLedgerExport) {
  const Json book = server_->get_json("/api/portfolio");
  // trades/eod_pnl.csv is the ledger's export: one row per reconciled day.
  std::ifstream csv(fixture_home().home / "store" / "trades" / "eod_pnl.csv");
  std::string line, last;
  int rows = -1;
  while (std::getline(csv, line))
    if (!line.empty()) ++rows, last = line;
  ASSERT_GT(rows, 5);
  EXPECT_EQ(static_cast<int>(book["eod"].size()), rows);
  const double nav = std::stod(last.substr(11, last.find(',', 11) - 11));
  EXPECT_NEAR(book["kpis"]["nav"].get<double>(), nav, 0.01);
  const Json& first = book["eod"][0];
  EXPECT_DOUBLE_EQ(first["cumulative_alpha"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(first["drawdown"].get<double>(), 0.0);
  for (const auto& row : book["eod"]) EXPECT_LE(row["drawdown"].get<double>(), 0.0);
  EXPECT_FALSE(book["trades"].empty());
  EXPECT_GT(book["circuit_breaker"].get<double>(), 0.0);
  for (const char* chart : {"nav", "alpha", "drawdown"})
    EXPECT_EQ(book["charts"][chart].get<std::string>().rfind("<svg", 0), 0u) << chart;
}

TEST_F(DashboardApi, ModelHealthAndOverview) {
  const Json model = server_->get_json("/api/model");
  EXPECT_TRUE(model["champion"].is_string());
  EXPECT_FALSE(model["folds"].empty());
  EXPECT_FALSE(model["versions"].empty());
  const Json health = server_->get_json("/api/health");
  std::set<std::string> modules;
  for (const auto& module : health["modules"]) modules.insert(module["module"]);
  EXPECT_TRUE(modules.count("executor"));
  EXPECT_TRUE(modules.count("predictor_inference"));
  // Badges are `ae health`'s verdicts as of the newest record: after the
  // fixture's span every module with a rule is fresh, and says by when.
  for (const auto& module : health["modules"]) {
    if (module["fresh_by"].is_null()) continue;
    EXPECT_EQ(module["badge"], "ok") << module.dump();
  }
  EXPECT_EQ(health["modules"][0]["module"], "daily_data");
  EXPECT_EQ(health["modules"][0]["fresh_by"], "each session by close+90m");
  EXPECT_FALSE(health["alarms"].empty());
  EXPECT_FALSE(health["notifications"].empty());
  const Json overview = server_->get_json("/api/overview");
  EXPECT_EQ(overview["date"], "2026-04-28");
  EXPECT_EQ(overview["empty"], false);
  EXPECT_EQ(overview["executions"].size(), 1u);
  EXPECT_EQ(overview["coverage"]["self_heal"], "failed");
  EXPECT_TRUE(overview["kpis"]["nav"].is_number());
}

TEST_F(DashboardApi, BacktestRunsAndTheirFiles) {
  const Json backtests = server_->get_json("/api/backtests");
  ASSERT_EQ(backtests["runs"].size(), 1u);
  const Json& run = backtests["runs"][0];
  EXPECT_EQ(run["date"], "2026-04-24");
  std::set<std::string> files(run["files"].begin(), run["files"].end());
  for (const char* file : {"report.md", "metrics.json", "sweep.csv", "sweep_heatmap.svg"})
    EXPECT_TRUE(files.count(file)) << file;
  EXPECT_TRUE(run["metrics"].is_object());
  auto client = server_->client();
  const auto heat_map = client.Get("/api/backtests/2026-04-24/sweep_heatmap.svg");
  ASSERT_TRUE(heat_map);
  EXPECT_EQ(heat_map->status, 200);
  EXPECT_EQ(heat_map->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(
      heat_map->body,
      ae::test::run_ae("store get backtest/2026-04-24/sweep_heatmap.svg", fixture_home().home).out);
}

TEST_F(DashboardApi, BadParametersAre400AndUnknownNames404) {
  EXPECT_EQ(server_->get_json("/api/executions?limit=100000", 400)["error"],
            "query parameter limit must be in [1, 5000], got 100000");
  server_->get_json("/api/executions?from=2026-05-01&to=2026-04-01", 400);
  server_->get_json("/api/executions?from=1990-01-01&to=2026-04-01", 400);
  server_->get_json("/api/signals?date=yesterday", 400);
  server_->get_json("/api/tickers/NOPE?days=99999", 400);
  server_->get_json("/api/executions/no-such-execution", 404);
  server_->get_json("/api/backtests/2026-04-24/nothing.md", 404);
  server_->get_json("/api/nothing", 404);
}

TEST_F(DashboardApi, ReadOnlyAndNoTraversal) {
  auto client = server_->client();
  for (const auto& response :
       {client.Post("/api/executions", "{}", "application/json"),
        client.Put("/", "x", "text/plain"), client.Delete("/api/executions/weekday-2026-04-27"),
        client.Patch("/", "x", "text/plain"), client.Options("/")}) {
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 405);
    EXPECT_EQ(response->get_header_value("Allow"), "GET, HEAD");
  }
  for (const char* target : {"/assets/../index.html", "/assets/%2e%2e/%2e%2e/state/ops.db",
                             "/api/backtests/..%2f..%2fstate/ops.db", "/../etc/passwd"}) {
    const auto response = client.Get(target);
    ASSERT_TRUE(response) << target;
    EXPECT_EQ(response->status, 404) << target;
  }
  const auto head = client.Head("/");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  const auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("/assets/app.js"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  const auto script = client.Get("/assets/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(client.Get("/assets/missing.js")->status, 404);
}

TEST(DashboardToken, EveryRequestNeedsTheToken) {
  ae::test::TempDir home;
  RunningServer server(home.path(), std::string("correct-horse-battery"));
  auto client = server.client();
  EXPECT_EQ(client.Get("/")->status, 401);
  EXPECT_EQ(client.Get("/api/overview")->status, 401);
  EXPECT_EQ(client.Get("/api/overview?token=wrong")->status, 401);
  EXPECT_EQ(client.Get("/api/overview?token=correct-horse-battery")->status, 200);
  EXPECT_EQ(
      client.Get("/api/overview", {{"Authorization", "Bearer correct-horse-battery"}})->status,
      200);
  EXPECT_EQ(client.Get("/api/overview", {{"Authorization", "Bearer correct-horsE"}})->status, 401);
  EXPECT_EQ(client.Get("/", {{"Authorization", "Bearer correct-horse-battery"}})->status, 200);
  // Traversal is refused whatever the token.
  EXPECT_EQ(client.Get("/assets/../x?token=correct-horse-battery")->status, 404);
}

TEST(DashboardPaths, APathThatCannotNameAFileIsNotFoundWithAJsonError) {
  ae::test::TempDir home;
  RunningServer server(home.path());
  auto client = server.client();
  for (const std::string path :
       {"/api/backtests/%c0%ae%c0%ae/report.md", "/api/backtests/2026-01-02/%ff%fe",
        "/api/backtests/2026-01-02/no-such.md"}) {
    const auto response = client.Get(path);
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 404) << path;
    EXPECT_TRUE(nlohmann::json::accept(response->body)) << path << ": " << response->body;
  }
}

TEST(DashboardServerPort, ASecondServerOnTheSamePortFails) {
  ae::test::TempDir home;
  RunningServer first(home.path());
  ServerOptions options;
  options.home = home.path();
  options.port = first.port();
  DashboardServer second(options);
  EXPECT_THROW(second.bind(), core::IoError);
}

TEST(DashboardToken, BeyondLoopbackWithoutATokenRefusesToStart) {
  ae::test::TempDir home;
  ServerOptions options;
  options.home = home.path();
  options.bind = "0.0.0.0";
  options.port = 0;
  EXPECT_THROW(DashboardServer{options}, core::InvalidInput);
  options.token = "";
  EXPECT_THROW(DashboardServer{options}, core::InvalidInput);
  options.token = "t";  // too short to resist guessing
  EXPECT_THROW(DashboardServer{options}, core::InvalidInput);
  options.token = std::string(16, ' ');
  EXPECT_THROW(DashboardServer{options}, core::InvalidInput);
  options.token = "0123456789abcdef";
  EXPECT_NO_THROW(DashboardServer{options});

  const auto refused = ae::test::run_ae("serve --bind 0.0.0.0 --port 0", home.path());
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("needs a token"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace ae::web::test
