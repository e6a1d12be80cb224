// The dashboard tests' home: a small simulated run made once per build of
// `ae` and shared (read-only) by every test process (ctest runs each test in
// its own process; the home is built under <build>/tests/web-fixture behind a
// file lock, and rebuilt when the ae binary changes):
//   - 40 tickers x 3 years to 2026-04-28, seed 7 (a seed whose planner buys);
//   - ae simulate 2026-04-11 .. 2026-04-26 (three saturdays, ten trading days);
//   - 2026-04-27: weekday with omit-first=<first buy candidate> (the coverage
//     self-heal fires and heals), then eod;
//   - 2026-04-28: weekday with omit-always=<same ticker> (the gap survives
//     the re-score: FinalCoverageGate -> HandleFailure -> FailExecution);
//   - ae backtest run and sweep (8 trials) over 2026-01-02 .. 2026-04-24.
// DashboardOnFixture serves it on a loopback port chosen by the OS.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "web/server.h"

namespace ae::web::test {

struct FixtureHome {
  std::filesystem::path home;
  std::string healed_ticker;  // the buy candidate the faults removed
};

// Builds (or reuses) the shared home; fails the calling test on error.
const FixtureHome& fixture_home();

// A DashboardServer on 127.0.0.1:<any port> over `home`, run on a thread.
class RunningServer {
 public:
  explicit RunningServer(const std::filesystem::path& home,
                         std::optional<std::string> token = std::nullopt);
  ~RunningServer();
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  httplib::Client client() const;
  // GET `path`, expecting `status`; returns the body parsed as JSON.
  nlohmann::json get_json(const std::string& path, int status = 200) const;

 private:
  std::unique_ptr<DashboardServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace ae::web::test
