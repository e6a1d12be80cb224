// Executor benchmarks: the planner for 30 candidates and 30
// holdings after data load (target < 10 ms), one simulated trading day of the
// daemon over 60 tickers at one-minute resolution (target < 50 ms), and EOD
// reconcile (target < 20 ms). The daemon day runs three ways: state under
// /dev/shm with the heartbeat in memory (the daemon's own cost), the same
// with the heartbeat in an ops metric store (what `ae trade` does), and state
// on the real disk (/var/tmp) with the ops metric store. The simulated market
// (60 tickers, 2 years) is generated once.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "core/market_time.h"
#include "core/nyse_calendar.h"
#include "executor/broker/paper_broker.h"
#include "executor/intraday/daemon.h"
#include "executor/intraday/minute_prices.h"
#include "executor/ledger/eod.h"
#include "executor/ledger/ledger.h"
#include "executor/planning/market_data.h"
#include "executor/planning/order_book_store.h"
#include "executor/planning/planner.h"
#include "market/synth/synthetic_market.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"

namespace ae::executor {
namespace {

const core::Date kDay = core::parse_date("2025-06-04");

std::filesystem::path scratch(const std::string& name, bool on_disk = false) {
  const std::filesystem::path base = !on_disk && std::filesystem::exists("/dev/shm")
                                         ? std::filesystem::path("/dev/shm")
                                         : std::filesystem::path("/var/tmp");
  auto dir = base / ("ae-executor-bench-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

const market::BarStore& market_store() {
  static const auto dir = scratch("market");
  static market::BarStore bars(dir);
  static bool done = [] {
    market::synth::SynthOptions o;
    o.tickers = 60;
    o.years = 2;
    o.seed = 3;
    o.end = core::parse_date("2025-06-06");
    market::synth::write_market(bars, market::synth::generate_market(o, bars.calendar()), o);
    return true;
  }();
  (void)done;
  return bars;
}

std::vector<std::string> tickers(std::size_t n) {
  std::vector<std::string> out;
  const auto& bars = market_store();
  for (const auto& c : bars.read_universe().constituents) {
    const auto view = bars.read(c.ticker);
    const auto row = view.row_of(kDay);
    if (row && *row > 300 && !view.bar(*row).missing() && !view.bar(*row - 1).missing())
      out.push_back(c.ticker);
    if (out.size() == n) break;
  }
  return out;
}

void BM_Planner30x30(benchmark::State& state) {
  const auto& bars = market_store();
  const auto names = tickers(60);
  const auto as_of = core::parse_date("2025-06-03");
  const auto histories = load_histories(bars, names, as_of);
  core::Signals signals;
  signals.date = kDay;
  PlanInput in;
  in.run_date = kDay;
  in.signals = &signals;
  in.histories = &histories;
  in.portfolio.nav = 2e6;
  in.portfolio.cash = 5e5;
  in.peak_nav = 2e6;
  PredictionsByTicker predictions;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto& t = names[i];
    const auto& h = histories.at(t);
    in.prices.set(t, h.close.back());
    in.atr_pct.set(t, *atr_pct_as_of(h, as_of));
    in.sector_of.set(t, "Technology");
    core::SignalEntry e;
    e.ticker = t;
    e.score = 60 + static_cast<double>(i % 30);
    e.sector = i % 2 ? "Technology" : "Energy";
    if (i < 30) {
      e.signal = core::SignalAction::kEnter;
      signals.buy_candidates.push_back(e);
      core::Prediction p;
      p.ticker = t;
      p.prediction_confidence = 0.5;
      p.gbm_veto = i % 7 == 0;
      predictions[t] = p;
      in.vwap.set(t, h.vwap.back());
    } else {
      e.signal = core::SignalAction::kHold;
      signals.universe.push_back(e);
      in.portfolio.positions.push_back({t, 100, h.close.back() * 0.97, 100 * h.close.back(),
                                        core::add_days(kDay, -10), e.sector, e.score,
                                        std::nullopt});
      in.sector_etf[t] = i % 2 ? "XLK" : "XLE";
    }
  }
  in.predictions = std::make_shared<const PredictionsByTicker>(std::move(predictions));
  RiskConfig config;
  for (auto _ : state) benchmark::DoNotOptimize(plan_day(in, config));
}
BENCHMARK(BM_Planner30x30)->Unit(benchmark::kMillisecond);

struct DayWorld {
  std::filesystem::path dir;
  core::NyseCalendar calendar;
  RiskConfig config;
  std::unique_ptr<SimulatedMinutePrices> prices;
  std::unique_ptr<Ledger> ledger;
  std::unique_ptr<OrderBookStore> books;

  explicit DayWorld(const std::string& name, bool on_disk = false) : dir(scratch(name, on_disk)) {
    config.initial_cash = 1e8;
    prices = std::make_unique<SimulatedMinutePrices>(market_store(), calendar);
    ledger = std::make_unique<Ledger>(dir / "ledger.db");
    ledger->ensure_opening_cash(config.initial_cash);
    books = std::make_unique<OrderBookStore>(dir);
    core::OrderBook book;
    book.date = kDay;
    for (const auto& t : tickers(60)) {
      const auto h = load_histories(market_store(), {t}, core::parse_date("2025-06-03")).at(t);
      core::ApprovedEntry e;
      e.ticker = t;
      e.current_price = h.close.back();
      e.shares = static_cast<int>(50'000 / e.current_price) + 1;
      e.dollar_size = e.shares * e.current_price;
      e.position_pct = 0.0005;
      e.atr_pct = *atr_pct_as_of(h, core::parse_date("2025-06-03"));
      e.atr_value = e.atr_pct * e.current_price;
      e.triggers = {{"pullback_pct", e.atr_pct}, {"vwap", h.vwap.back()}, {"vwap_discount", 0.005}};
      book.approved_entries.push_back(e);
    }
    books->save(book);
  }
};

enum class Heartbeats { kInMemory, kOpsStore };

void daemon_day(benchmark::State& state, Heartbeats heartbeats, bool on_disk) {
  for (auto _ : state) {
    state.PauseTiming();
    auto w = std::make_unique<DayWorld>("daemon", on_disk);
    core::VirtualClock clock(
        core::new_york_instant(kDay, std::chrono::hours(9) + std::chrono::minutes(30)));
    PaperBroker broker(w->dir / "broker.db", w->config.initial_cash, clock, *w->prices,
                       default_execution_models(w->config));
    core::FileSystemStore store(w->dir / "store");
    core::RecordingMetricSink recording;
    auto ops_database = ops::open_ops_database(w->dir / "ops.db");
    ops_database->execute("PRAGMA synchronous=NORMAL");  // as `ae trade` opens it
    ops::MetricStore ops_store(*ops_database);
    core::MetricSink& metrics =
        heartbeats == Heartbeats::kOpsStore ? static_cast<core::MetricSink&>(ops_store) : recording;
    state.ResumeTiming();
    const auto summary = run_daemon(
        kDay, {store, broker, *w->ledger, *w->books, clock, metrics, w->config, w->calendar});
    benchmark::DoNotOptimize(summary);
    state.counters["entries"] = summary.entries;
    state.counters["exits"] = summary.exits + summary.broker_fills;
    state.counters["minutes"] = summary.minutes;
  }
}

void BM_DaemonDay60Tickers(benchmark::State& state) {
  daemon_day(state, Heartbeats::kInMemory, false);
}
BENCHMARK(BM_DaemonDay60Tickers)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_DaemonDay60TickersOpsHeartbeat(benchmark::State& state) {
  daemon_day(state, Heartbeats::kOpsStore, false);
}
BENCHMARK(BM_DaemonDay60TickersOpsHeartbeat)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_DaemonDay60TickersOnDisk(benchmark::State& state) {
  daemon_day(state, Heartbeats::kOpsStore, true);
}
BENCHMARK(BM_DaemonDay60TickersOnDisk)->Unit(benchmark::kMillisecond)->Iterations(5);

// EOD after a traded day: ~50 positions to value and reconcile, the CSV
// exports and the health file written (atomically) each time.
void eod(benchmark::State& state, bool on_disk) {
  DayWorld w("eod", on_disk);
  core::FileSystemStore store(w.dir / "store");
  {
    core::VirtualClock day_clock(
        core::new_york_instant(kDay, std::chrono::hours(9) + std::chrono::minutes(30)));
    PaperBroker trading(w.dir / "broker.db", w.config.initial_cash, day_clock, *w.prices,
                        default_execution_models(w.config));
    core::RecordingMetricSink metrics;
    run_daemon(kDay,
               {store, trading, *w.ledger, *w.books, day_clock, metrics, w.config, w.calendar});
  }
  core::VirtualClock clock(
      core::new_york_instant(kDay, std::chrono::hours(16) + std::chrono::minutes(30)));
  PaperBroker broker(w.dir / "broker.db", w.config.initial_cash, clock, *w.prices,
                     default_execution_models(w.config));
  for (auto _ : state)
    benchmark::DoNotOptimize(run_eod(kDay, {store, market_store(), broker, *w.ledger, clock}));
  state.counters["positions"] = static_cast<double>(broker.positions().size());
}

void BM_Eod(benchmark::State& state) { eod(state, false); }
BENCHMARK(BM_Eod)->Unit(benchmark::kMillisecond);

void BM_EodOnDisk(benchmark::State& state) { eod(state, true); }
BENCHMARK(BM_EodOnDisk)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ae::executor
