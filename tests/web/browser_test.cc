// The dashboard in a real browser: Debian's chromium, headless, driven by
// playwright-core (pinned in tests/web/browser/package-lock.json, installed
// into <build>/tests/web-browser by scripts/install-test-peers.sh; the test
// never runs npm). Every page loads without console errors or failed requests
// and shows the numbers of the simulated run; screenshots go to
// <build>/test-artifacts/web/. Skips, with the reason, when /usr/bin/chromium
// (or $AE_CHROMIUM) is absent or playwright-core is not installed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/node_packages.h"
#include "support/test_support.h"
#include "web/web_fixture.h"

namespace ae::web::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path chromium() {
  const char* env = std::getenv("AE_CHROMIUM");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path("/usr/bin/chromium");
}

ae::test::NodePackagesLookup find_playwright() {
  return ae::test::find_node_packages("web-browser", "tests/web/browser");
}

// dashboard.mjs over the pages of `pages_file` against `base_url`, screenshots
// into `shots`; one JSON line per page on `out`. Returns node's exit code.
int run_dashboard(const ae::test::NodePackages& playwright, const std::string& base_url,
                  const fs::path& shots, const fs::path& pages_file, const fs::path& out,
                  const fs::path& err) {
  ::setenv("AE_CHROMIUM", chromium().c_str(), 1);
  return ae::test::run_node(
      playwright, "dashboard.mjs",
      "'" + base_url + "' '" + shots.string() + "' '" + pages_file.string() + "'", "/dev/null", out,
      err);
}

// "$986,961" as the page prints a NAV.
std::string money(double value) {
  std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return "$" + digits;
}

TEST(DashboardBrowser, EveryPageRendersWithoutErrors) {
  if (!fs::exists(chromium()))
    GTEST_SKIP() << "no chromium at " << chromium() << " (run scripts/install-deps.sh)";
  const auto playwright = find_playwright();
  if (!playwright.packages) GTEST_SKIP() << playwright.missing;
  const auto& fixture = fixture_home();
  RunningServer server(fixture.home);

  const Json book = server.get_json("/api/portfolio");
  const Json executions = server.get_json("/api/executions?limit=1");
  const std::string ticker = fixture.healed_ticker;
  const std::string nav = money(book["kpis"]["nav"].get<double>());
  const Json pages = Json::array({
      {{"hash", "#/"},
       {"expect", {"What happened on 2026-04-28", nav, "weekday-2026-04-28"}},
       {"screenshot", "today.png"}},
      {{"hash", "#/executions"},
       {"expect",
        {std::to_string(executions["total"].get<int>()) + " executions", "weekday-2026-04-27",
         "eod-2026-04-27"}},
       {"screenshot", "executions.png"}},
      {{"hash", "#/executions/weekday-2026-04-27"},
       {"expect", {"Coverage self-heal: fired, healed", "ReinvokePredictor", "RecheckCoverage"}},
       {"click", "[data-state=ReinvokePredictor]"},
       {"screenshot", "execution-graph.png"}},
      {{"hash", "#/executions/weekday-2026-04-28"},
       {"expect", {"Coverage self-heal: fired, failed", "DailyPipelineFailure"}},
       {"screenshot", "execution-failed.png"}},
      {{"hash", "#/coverage"},
       {"expect", {"2026-04-27", ticker, "healed", "failed"}},
       {"screenshot", "coverage.png"}},
      {{"hash", "#/signals/2026-04-27"}, {"expect", {ticker}}, {"screenshot", "signals.png"}},
      {{"hash", "#/ticker/" + ticker},
       {"expect", {"History of scores and predictions"}},
       {"screenshot", "ticker.png"}},
      {{"hash", "#/portfolio"},
       {"expect", {nav, "NAV vs SPY", "Shadow book"}},
       {"screenshot", "portfolio.png"}},
      {{"hash", "#/model"},
       {"expect", {"Walk-forward folds", "Calibration"}},
       {"screenshot", "model.png"}},
      {{"hash", "#/backtests"},
       {"expect", {"Backtest 2026-04-24", "sweep_heatmap.svg", "report.md", "risk rule", "active"}},
       {"screenshot", "backtests.png"}},
      {{"hash", "#/health"},
       {"expect", {"executor", "Alarms", "Notifications sent"}},
       {"screenshot", "health.png"}},
  });
  const fs::path shots = fs::path(AE_BINARY).parent_path() / "test-artifacts" / "web";
  fs::create_directories(shots);
  ae::test::TempDir scratch;
  std::ofstream(scratch.path() / "pages.json") << pages.dump();
  const fs::path out = scratch.path() / "out.jsonl";
  const fs::path err = scratch.path() / "err.txt";
  const int code = run_dashboard(*playwright.packages, server.base_url(), shots,
                                 scratch.path() / "pages.json", out, err);
  ASSERT_EQ(code, 0) << slurp(err).substr(0, 3000);
  std::istringstream lines(slurp(out));
  size_t checked = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const Json result = Json::parse(line);
    ++checked;
    const std::string hash = result["hash"];
    EXPECT_EQ(result["state"], "ready") << hash;
    EXPECT_TRUE(result["console_errors"].empty())
        << hash << ": " << result["console_errors"].dump();
    EXPECT_TRUE(result["missing"].empty()) << hash << " lacks " << result["missing"].dump();
    EXPECT_TRUE(fs::file_size(result["screenshot"].get<std::string>()) > 10000) << hash;
  }
  EXPECT_EQ(checked, pages.size());
}

TEST(DashboardBrowser, EmptyHomeSaysSo) {
  if (!fs::exists(chromium())) GTEST_SKIP() << "no chromium at " << chromium();
  const auto playwright = find_playwright();
  if (!playwright.packages) GTEST_SKIP() << playwright.missing;
  ae::test::TempDir home;
  RunningServer server(home.path());
  const Json pages = Json::array({
      {{"hash", "#/"}, {"expect", {"No executions yet"}}},
      {{"hash", "#/executions"}, {"expect", {"No executions yet"}}},
      {{"hash", "#/portfolio"}, {"expect", {"No open positions"}}},
      {{"hash", "#/model"}, {"expect", {"No champion model yet"}}},
      {{"hash", "#/health"}, {"expect", {"No health records yet"}}},
  });
  ae::test::TempDir scratch;
  std::ofstream(scratch.path() / "pages.json") << pages.dump();
  const fs::path out = scratch.path() / "out.jsonl";
  const fs::path err = scratch.path() / "err.txt";
  const int code = run_dashboard(*playwright.packages, server.base_url(), scratch.path(),
                                 scratch.path() / "pages.json", out, err);
  ASSERT_EQ(code, 0) << slurp(err).substr(0, 3000);
  std::istringstream lines(slurp(out));
  size_t checked = 0;
  for (std::string line; std::getline(lines, line);) {
    const Json result = Json::parse(line);
    ++checked;
    EXPECT_EQ(result["state"], "ready") << result["hash"];
    EXPECT_TRUE(result["console_errors"].empty()) << result.dump();
    EXPECT_TRUE(result["missing"].empty()) << result.dump();
  }
  EXPECT_EQ(checked, pages.size());
}

}  // namespace
}  // namespace ae::web::test
