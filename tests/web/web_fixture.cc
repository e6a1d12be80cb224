#include "web/web_fixture.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include "core/file_lock.h"
#include "support/test_support.h"

namespace ae::web::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRecipe =
    "web-fixture v3: synth 40x3y seed 7 to 2026-04-28; simulate "
    "2026-04-11..26; 04-27 omit-first; 04-28 omit-always; backtest run, sweep";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string stamp_text() {
  const auto binary = fs::path(AE_BINARY);
  return std::string(kRecipe) + "\n" +
         std::to_string(fs::last_write_time(binary).time_since_epoch().count()) + "\n" +
         std::to_string(fs::file_size(binary)) + "\n";
}

void run_or_throw(const std::string& arguments, const fs::path& home) {
  const auto result = ae::test::run_ae("--log-level warn " + arguments, home);
  if (result.exit_code != 0 &&
      arguments.rfind("run weekday --clock virtual --date 2026-04-28", 0) != 0)
    throw std::runtime_error("ae " + arguments + " failed (" + std::to_string(result.exit_code) +
                             "): " + result.err.substr(0, 2000));
}

FixtureHome build() {
  const fs::path dir = fs::path(AE_BINARY).parent_path() / "tests" / "web-fixture";
  fs::create_directories(dir);
  const core::FileLock lock(dir / ".lock");
  FixtureHome fixture{dir / "home", ""};
  const fs::path stamp = dir / ".stamp";
  const fs::path ticker_file = dir / "healed_ticker";
  if (slurp(stamp) != stamp_text() || !fs::exists(fixture.home)) {
    fs::remove_all(fixture.home);
    fs::create_directories(fixture.home);
    run_or_throw("data synth --tickers 40 --years 3 --seed 7 --end 2026-04-28", fixture.home);
    run_or_throw("simulate --from 2026-04-11 --to 2026-04-26", fixture.home);
    const auto signals = ae::test::run_ae("store get signals/latest.json", fixture.home);
    const auto document = nlohmann::json::parse(signals.out);
    const std::string ticker = document.at("buy_candidates").at(0).at("ticker");
    run_or_throw(
        "run weekday --clock virtual --date 2026-04-27 --name weekday-2026-04-27 "
        "--skip-drift-check "
        "--fault omit-first=" +
            ticker,
        fixture.home);
    run_or_throw(
        "run eod --clock virtual --date 2026-04-27 --name eod-2026-04-27 --skip-drift-check",
        fixture.home);
    run_or_throw(
        "run weekday --clock virtual --date 2026-04-28 --name weekday-2026-04-28 "
        "--skip-drift-check "
        "--fault omit-always=" +
            ticker,
        fixture.home);
    run_or_throw("backtest run --from 2026-01-02 --to 2026-04-24", fixture.home);
    run_or_throw("backtest sweep --from 2026-01-02 --to 2026-04-24 --trials 8 --seed 1",
                 fixture.home);
    std::ofstream(ticker_file) << ticker;
    std::ofstream(stamp) << stamp_text();
  }
  fixture.healed_ticker = slurp(ticker_file);
  return fixture;
}

}  // namespace

const FixtureHome& fixture_home() {
  static const FixtureHome fixture = build();
  return fixture;
}

RunningServer::RunningServer(const fs::path& home, std::optional<std::string> token) {
  ServerOptions options;
  options.home = home;
  options.port = 0;
  options.token = std::move(token);
  server_ = std::make_unique<DashboardServer>(options);
  port_ = server_->bind();
  thread_ = std::thread([this] { server_->run(); });
  for (int i = 0; i < 500 && !server_->running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

RunningServer::~RunningServer() {
  server_->stop();
  thread_.join();
}

httplib::Client RunningServer::client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(30, 0);
  return client;
}

nlohmann::json RunningServer::get_json(const std::string& path, int status) const {
  auto client = this->client();
  const auto response = client.Get(path.c_str());
  if (!response) throw std::runtime_error("GET " + path + ": no response");
  EXPECT_EQ(response->status, status) << "GET " << path << ": " << response->body.substr(0, 500);
  return nlohmann::json::parse(response->body);
}

}  // namespace ae::web::test
