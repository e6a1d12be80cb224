#include "executor_fixture.h"

#include <gtest/gtest.h>

#include "core/contracts/contract.h"
#include "core/contracts/health.h"
#include "core/market_time.h"
#include "executor/planning/inputs.h"
#include "market/synth/synthetic_market.h"

namespace ae::executor::testing {

namespace {

struct Market {
  test::TempDir dir;
  std::unique_ptr<market::BarStore> bars;
  Market() {
    bars = std::make_unique<market::BarStore>(dir.path());
    market::synth::SynthOptions options;
    options.tickers = 20;
    options.years = 2;
    options.seed = 11;
    options.end = core::parse_date("2025-06-06");
    market::synth::write_market(*bars, market::synth::generate_market(options, bars->calendar()),
                                options);
  }
};

}  // namespace

const market::BarStore& shared_market() {
  static Market market;
  return *market.bars;
}

core::Date trading_day() { return core::parse_date("2025-06-04"); }

std::vector<std::string> tradable_tickers(std::size_t count) {
  const auto& bars = shared_market();
  const core::NyseCalendar calendar;
  const auto day = trading_day();
  const auto before = calendar.previous_trading_day(day);
  std::vector<std::string> out;
  for (const auto& c : bars.read_universe().constituents) {
    if (out.size() == count) break;
    if (!bars.contains(c.ticker)) continue;
    const auto view = bars.read(c.ticker);
    const auto row = view.row_of(before);
    if (!row || *row < 250 || view.bar(*row).missing() || !view.row_of(day) ||
        view.bar(*view.row_of(day)).missing())
      continue;
    out.push_back(c.ticker);
  }
  return out;
}

core::Timestamp ny(core::Date date, int hour, int minute) {
  return core::new_york_instant(date, std::chrono::hours(hour) + std::chrono::minutes(minute));
}

World::World(std::size_t n_candidates)
    : store(home.path() / "store"),
      prices(shared_market(), calendar),
      ledger(home.path() / "state" / "ledger.db"),
      order_books(home.path() / "state" / "order_book.json"),
      candidates(tradable_tickers(n_candidates)) {
  config.momentum_gate_enabled = false;
  config.correlation_block_enabled = false;
  config.initial_cash = 1'000'000;
  ledger.ensure_opening_cash(config.initial_cash);
}

void World::write_inputs(core::Date date, const std::vector<std::string>& unscored) {
  const auto universe = shared_market().read_universe();
  core::Signals signals;
  signals.date = date;
  signals.market_regime = core::MarketRegime::kNeutral;
  core::Predictions predictions;
  predictions.date = date;
  predictions.model_version = "test";
  int rank = 1;
  for (const auto& t : candidates) {
    core::SignalEntry e;
    e.ticker = t;
    e.signal = core::SignalAction::kEnter;
    e.score = 80;
    e.rating = core::Rating::kBuy;
    const auto* constituent = universe.find(t);
    e.sector = constituent ? std::string(market::sector_name(constituent->sector)) : "Technology";
    signals.buy_candidates.push_back(e);
    if (std::find(unscored.begin(), unscored.end(), t) != unscored.end()) continue;
    core::Prediction p;
    p.ticker = t;
    p.prediction_confidence = 0.6;
    p.predicted_alpha = 0.01;
    p.combined_rank = rank++;
    predictions.predictions.push_back(p);
  }
  predictions.n_predictions = static_cast<int>(predictions.predictions.size());
  core::write_contract(store, core::Contract::kSignals, signals_key(date), nlohmann::json(signals));
  core::write_contract(store, core::Contract::kPredictions, predictions_key(date),
                       nlohmann::json(predictions));
}

void World::write_upstream_health(core::Timestamp now) {
  for (const auto* module : {"research", "predictor_inference", "daily_data"}) {
    core::HealthRecord h;
    h.module = module;
    h.status = core::HealthStatus::kOk;
    h.last_success = now - std::chrono::hours(1);
    h.run_date = core::new_york_date(now);
    core::write_contract(store, core::Contract::kHealth, core::health_key(module),
                         nlohmann::json(h));
  }
}

std::unique_ptr<PaperBroker> World::broker(core::Clock& clock) {
  return std::make_unique<PaperBroker>(home.path() / "state" / "paper_broker.db",
                                       config.initial_cash, clock, prices,
                                       default_execution_models(config));
}

PlannerRun World::plan(core::Date date) {
  core::VirtualClock clock(ny(date, 8, 0));
  auto paper = broker(clock);
  return run_morning_planner(
      date, {store, shared_market(), *paper, ledger, order_books, clock, metrics, config});
}

DaemonSummary World::trade(core::Date date, std::optional<core::Timestamp> stop_at,
                           std::optional<core::Timestamp> start) {
  core::VirtualClock clock(start.value_or(ny(date, 9, 25)));
  auto paper = broker(clock);
  return run_daemon(date, {store, *paper, ledger, order_books, clock, metrics, config, calendar},
                    stop_at);
}

EodResult World::eod(core::Date date) {
  core::VirtualClock clock(ny(date, 16, 30));
  auto paper = broker(clock);
  return run_eod(date, {store, shared_market(), *paper, ledger, clock, &metrics});
}

void expect_ledger_equals_broker(World& w) {
  core::VirtualClock clock(ny(trading_day(), 16, 30));
  auto paper = w.broker(clock);
  const auto ledger_positions = w.ledger.positions();
  const auto broker_positions = paper->positions();
  ASSERT_EQ(ledger_positions.size(), broker_positions.size());
  for (const auto& p : broker_positions) EXPECT_EQ(ledger_positions.at(p.ticker).shares, p.shares);
  EXPECT_NEAR(w.ledger.cash(), paper->cash(), 1e-6);
}

}  // namespace ae::executor::testing
