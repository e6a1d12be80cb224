// FIX benchmarks: the FIX broker against the exchange's venue,
// both in this process and both QuickFIX, over a real session on loopback.
//   - round trip: a market NewOrderSingle until its fill ExecutionReport has
//     landed in the broker's book (submit + wait_done), p50 and p99 over
//     2,000 orders (target: p50 < 1 ms);
//   - burst: 1,000 orders sent back to back, until the last one is filled
//     (target: < 2 s on 2 cores).
// Every order is written to the broker's orders.db (synchronous=FULL) before
// it is sent and every report is applied in its own transaction; QuickFIX
// keeps both sides' file stores. Each runs with that state under /dev/shm
// (the session's own cost) and on the real disk (/var/tmp: the fsyncs too).
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <vector>

#include "exchange/exchange.h"
#include "executor/broker/fix/fix_broker.h"
#include "executor/risk_config.h"

namespace ae::executor {
namespace {

const core::Timestamp kOpen = core::parse_timestamp("2026-04-20T13:31:00Z");
constexpr auto kDeadline = std::chrono::seconds(60);

std::filesystem::path scratch(const std::string& name, bool on_disk) {
  const std::filesystem::path base = !on_disk && std::filesystem::exists("/dev/shm")
                                         ? std::filesystem::path("/dev/shm")
                                         : std::filesystem::path("/var/tmp");
  auto dir = base / ("ae-fix-bench-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// One ticker at a fixed price with ample volume: every order fills whole.
class FixedPrices final : public MinutePriceSource {
 public:
  std::optional<MinuteState> at(const std::string& ticker, core::Timestamp) override {
    if (ticker != "AAA") return std::nullopt;
    return MinuteState{100, 101, 99, 100, 1e7, 0};
  }
};

// The exchange and a logged-on FIX broker over loopback, state in `dir`.
struct Loopback {
  std::filesystem::path dir;
  core::VirtualClock clock{kOpen};
  FixedPrices prices;
  FixSessionConfig config;
  std::unique_ptr<exchange::Exchange> venue;
  std::unique_ptr<FixBroker> broker;

  explicit Loopback(std::filesystem::path folder) : dir(std::move(folder)) {
    config.host = "127.0.0.1";
    config.port = free_port();
    config.sender_comp_id = "AE";
    config.target_comp_id = "EXCHANGE";
    config.reconnect_seconds = 1;
    config.order_timeout = kDeadline;
    RiskConfig models;
    venue = std::make_unique<exchange::Exchange>(config, dir / "exchange", prices,
                                                 default_execution_models(models),
                                                 exchange::ExchangeFaults{});
    venue->start();
    broker = std::make_unique<FixBroker>(config, dir / "fix", 1e12, clock, prices);
    broker->start();
  }
  ~Loopback() {
    broker.reset();
    venue.reset();
    std::filesystem::remove_all(dir);
  }
};

OrderRequest buy(const std::string& id) { return {id, "AAA", Side::kBuy, 1, std::nullopt}; }

void round_trips(benchmark::State& state, bool on_disk) {
  Loopback loop(scratch(on_disk ? "round-trip-disk" : "round-trip", on_disk));
  std::vector<double> micros;
  int n = 0;
  for (auto _ : state) {
    const auto id = fmt::format("rt{}", n++);
    const auto started = std::chrono::steady_clock::now();
    loop.broker->submit(buy(id));
    const auto done = loop.broker->wait_done(id, kDeadline);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started)
            .count());
    if (done.status != core::OrderStatus::kFilled) state.SkipWithError("an order did not fill");
  }
  std::sort(micros.begin(), micros.end());
  const auto percentile = [&](double p) {
    return micros[std::min(micros.size() - 1, static_cast<std::size_t>(p * micros.size()))];
  };
  state.counters["p50_us"] = percentile(0.50);
  state.counters["p99_us"] = percentile(0.99);
  state.counters["max_us"] = micros.back();
}

void burst(benchmark::State& state, bool on_disk) {
  Loopback loop(scratch(on_disk ? "burst-disk" : "burst", on_disk));
  constexpr int kOrders = 1000;
  int round = 0;
  for (auto _ : state) {
    std::vector<std::string> ids;
    for (int i = 0; i < kOrders; ++i) ids.push_back(fmt::format("b{}-{}", round, i));
    ++round;
    for (const auto& id : ids) loop.broker->submit(buy(id));
    for (const auto& id : ids)
      if (loop.broker->wait_done(id, kDeadline).status != core::OrderStatus::kFilled)
        state.SkipWithError("an order did not fill");
  }
  state.counters["orders/s"] =
      benchmark::Counter(kOrders, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_FixRoundTrip(benchmark::State& state) { round_trips(state, false); }
void BM_FixRoundTripOnDisk(benchmark::State& state) { round_trips(state, true); }
void BM_FixBurst1000(benchmark::State& state) { burst(state, false); }
void BM_FixBurst1000OnDisk(benchmark::State& state) { burst(state, true); }

BENCHMARK(BM_FixRoundTrip)->Unit(benchmark::kMicrosecond)->UseRealTime()->Iterations(2000);
BENCHMARK(BM_FixRoundTripOnDisk)->Unit(benchmark::kMicrosecond)->UseRealTime()->Iterations(500);
BENCHMARK(BM_FixBurst1000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FixBurst1000OnDisk)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace ae::executor
