// The daemon's durability and restart rules: the day's journal (one ledger
// transaction per event, applied idempotently), the heartbeat every market
// minute, a crash between a broker fill and its ledger record, a re-plan
// after a crash, and bad order books.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/contracts/health.h"
#include "executor/errors.h"
#include "executor/intraday/day_journal.h"
#include "executor_fixture.h"
#include "support/captured_log.h"

namespace ae::executor::testing {
namespace {

core::OrderBook two_entry_book() {
  core::OrderBook book;
  book.date = trading_day();
  for (const auto* t : {"AAA", "BBB"}) {
    core::ApprovedEntry e;
    e.ticker = t;
    e.shares = 10;
    e.current_price = 50;
    e.dollar_size = 500;
    e.position_pct = 0.01;
    e.atr_pct = 0.02;
    book.approved_entries.push_back(e);
  }
  core::ActiveStop stop;
  stop.ticker = "CCC";
  stop.entry_price = 20;
  stop.current_stop = 18;
  stop.high_water = 20;
  stop.entry_date = core::parse_date("2025-05-01");
  stop.shares = 5;
  book.active_stops.push_back(stop);
  return book;
}

TEST(DayJournal, StagedChangesReachTheBookOnlyOnCommitAndReplayIdempotently) {
  World w;
  const auto original = two_entry_book();
  auto live = original;
  DayJournal journal(w.ledger, trading_day());
  journal.entry_done("AAA");
  auto moved = original.active_stops[0];
  moved.current_stop = 19;
  journal.put_stop(moved);
  journal.executed({{"ticker", "AAA"}, {"action", "ENTER"}, {"client_order_id", "id-AAA"}});
  EXPECT_TRUE(journal.has_staged());
  EXPECT_EQ(live, original);  // nothing applied before the commit
  journal.commit(live);
  EXPECT_FALSE(journal.has_staged());
  ASSERT_EQ(live.approved_entries.size(), 1u);
  EXPECT_EQ(live.approved_entries[0].ticker, "BBB");
  EXPECT_DOUBLE_EQ(live.active_stops.at(0).current_stop, 19);
  ASSERT_EQ(live.executed_today.size(), 1u);

  auto replayed = original;  // the book file as the planner wrote it
  DayJournal(w.ledger, trading_day()).apply(replayed);
  EXPECT_EQ(replayed, live);
  DayJournal(w.ledger, trading_day()).apply(replayed);
  EXPECT_EQ(replayed, live);  // idempotent: the executed record is not doubled

  journal.remove_stop("CCC");
  journal.commit(live);
  EXPECT_TRUE(live.active_stops.empty());
}

TEST(DayJournal, OtherDaysAreLeftAloneAndPruned) {
  World w;
  DayJournal journal(w.ledger, trading_day());
  auto book = two_entry_book();
  journal.entry_done("AAA");
  journal.commit(book);
  auto other = two_entry_book();
  other.date = core::add_days(trading_day(), 1);
  DayJournal(w.ledger, trading_day()).apply(other);
  EXPECT_EQ(other.approved_entries.size(), 2u);  // a book of another date is untouched
  DayJournal(w.ledger, core::add_days(trading_day(), 1)).prune_older();
  auto fresh = two_entry_book();
  DayJournal(w.ledger, trading_day()).apply(fresh);
  EXPECT_EQ(fresh.approved_entries.size(), 2u);  // the old day's rows are gone
}

TEST(DayJournal, NothingStagedAndNoTradeWritesNothing) {
  World w;
  auto book = two_entry_book();
  DayJournal journal(w.ledger, trading_day());
  journal.commit(book);
  auto s = w.ledger.database().prepare("SELECT COUNT(*) FROM daemon_day");
  s.step();
  EXPECT_EQ(s.column_int(0), 0);
}

TEST(Daemon, EmitsOneHeartbeatPerMarketMinute) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day());
  std::vector<core::Timestamp> beats;
  int morning_beats = 0;
  for (const auto& m : w.metrics.data())
    if (m.name == "Heartbeat") {
      EXPECT_EQ(m.name_space, "AlphaEngine");
      if (m.dimensions.at("Process") == "executor-morning") {
        ++morning_beats;  // the planner's
        continue;
      }
      EXPECT_EQ(m.dimensions.at("Process"), "executor-daemon");
      beats.push_back(m.timestamp);
    }
  EXPECT_EQ(morning_beats, 1);
  ASSERT_EQ(beats.size(), 390u);
  EXPECT_EQ(beats.front(), ny(trading_day(), 9, 30));
  for (std::size_t i = 1; i < beats.size(); ++i)
    EXPECT_EQ(beats[i] - beats[i - 1], std::chrono::minutes(1));
}

// Prices without one ticker (a halted or delisted stock).
class WithoutTicker final : public MinutePriceSource {
 public:
  WithoutTicker(MinutePriceSource& prices, std::string ticker)
      : prices_(prices), ticker_(std::move(ticker)) {}
  std::optional<MinuteState> at(const std::string& ticker, core::Timestamp instant) override {
    if (ticker == ticker_) return std::nullopt;
    return prices_.at(ticker, instant);
  }

 private:
  MinutePriceSource& prices_;
  std::string ticker_;
};

TEST(Daemon, AHeldTickerWithoutAQuoteIsWarnedOnceAndCountedAtTheClose) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day(), ny(trading_day(), 10, 0));  // the entries fill at the open
  core::VirtualClock clock(ny(trading_day(), 10, 0));
  const auto held = w.broker(clock)->positions();
  ASSERT_FALSE(held.empty());
  const std::string halted = held.front().ticker;
  WithoutTicker prices(w.prices, halted);
  PaperBroker paper(w.home.path() / "state" / "paper_broker.db", w.config.initial_cash, clock,
                    prices, default_execution_models(w.config));
  ae::test::CapturedLog log;
  run_daemon(trading_day(),
             {w.store, paper, w.ledger, w.order_books, clock, w.metrics, w.config, w.calendar});
  std::vector<std::string> about;
  for (const auto& line : log.lines("warning"))
    if (line.find("no quote for " + halted) != std::string::npos) about.push_back(line);
  ASSERT_EQ(about.size(), 2u) << "the first minute's warning and the count at the close";
  EXPECT_EQ(about[0].rfind("warning daemon: no quote for " + halted +
                               ": paper broker: no price for " + halted + " at ",
                           0),
            0u)
      << about[0];
  std::smatch count;
  ASSERT_TRUE(
      std::regex_search(about[1], count, std::regex(R"(: (\d+) more time\(s\) in this run)")))
      << about[1];
  EXPECT_GT(std::stoi(count[1]), 300) << "one per minute from 10:00 to the close";
}

TEST(Daemon, CrashBetweenTheBrokerFillAndTheLedgerIsRecordedOnceOnRestart) {
  Ready w;
  w.plan(trading_day());
  const auto ticker = w.candidates[0];
  const auto id = client_order_id(trading_day(), ticker, "ENTER");
  {
    // The daemon placed the entry and died before its ledger transaction.
    core::VirtualClock clock(ny(trading_day(), 10, 0));
    auto paper = w.broker(clock);
    ASSERT_GT(paper->submit({id, ticker, Side::kBuy, 5, 1.0}).filled_shares, 0);
  }
  EXPECT_FALSE(w.ledger.has_trade(id));
  w.trade(trading_day(), std::nullopt, ny(trading_day(), 10, 1));
  EXPECT_TRUE(w.ledger.has_trade(id));
  core::VirtualClock clock(ny(trading_day(), 16, 30));
  auto paper = w.broker(clock);
  int enters = 0;
  for (const auto& r : paper->orders(trading_day()))
    enters += r.ticker == ticker && r.side == Side::kBuy;
  EXPECT_EQ(enters, 1);
  const auto book = w.order_books.load(trading_day());
  for (const auto& e : book.approved_entries) EXPECT_NE(e.ticker, ticker);
  EXPECT_TRUE(std::any_of(book.executed_today.begin(), book.executed_today.end(),
                          [&](const auto& r) { return r["client_order_id"] == id; }));
  expect_ledger_equals_broker(w);
}

int enter_trades(World& w) {
  int n = 0;
  for (const auto& t : w.ledger.trades()) n += t.action == "ENTER";
  return n;
}

TEST(Daemon, ReplanAfterACrashKeepsWhatExecutedAndTheLiveStops) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day(), ny(trading_day(), 15, 57));  // killed after every entry filled
  const int n = static_cast<int>(w.candidates.size());
  ASSERT_EQ(enter_trades(w), n);
  const auto replanned = w.plan(trading_day()).book;
  EXPECT_TRUE(replanned.approved_entries.empty());
  int entered = 0;
  for (const auto& r : replanned.executed_today) entered += r["action"] == "ENTER";
  EXPECT_EQ(entered, n);
  // The daemon's live stops stand (ratcheted, with today's entries), one per
  // position still held.
  core::VirtualClock clock(ny(trading_day(), 15, 58));
  const auto held = w.broker(clock)->positions();
  ASSERT_EQ(replanned.active_stops.size(), held.size());
  for (const auto& stop : replanned.active_stops)
    EXPECT_TRUE(std::any_of(held.begin(), held.end(),
                            [&](const auto& p) { return p.ticker == stop.ticker; }));
  const auto rest = w.trade(trading_day(), std::nullopt, ny(trading_day(), 15, 57));
  EXPECT_EQ(rest.entries, 0);
  EXPECT_EQ(enter_trades(w), n);
  expect_ledger_equals_broker(w);
}

// The crash hook: a broker that dies (throws) right after it filled an order
// whose id carries `intent`, before the daemon can record the fill.
struct SimulatedCrash : std::runtime_error {
  SimulatedCrash() : std::runtime_error("simulated crash after a fill") {}
};

// A broker that passes every call to `inner`; the crash and venue doubles
// below change one or two of them.
class ForwardingBroker : public Broker {
 public:
  explicit ForwardingBroker(Broker& inner) : inner_(inner) {}
  std::string_view source() const override { return inner_.source(); }
  OrderResult submit(const OrderRequest& request) override { return inner_.submit(request); }
  void cancel(const std::string& id) override { inner_.cancel(id); }
  void replace(const std::string& id, const OrderRequest& r) override { inner_.replace(id, r); }
  std::optional<OrderResult> order_status(const std::string& id) override {
    return inner_.order_status(id);
  }
  OrderResult wait_done(const std::string& id, std::chrono::milliseconds timeout) override {
    return inner_.wait_done(id, timeout);
  }
  bool cancel_stop(const std::string& ticker) override { return inner_.cancel_stop(ticker); }
  std::vector<BrokerPosition> positions() override { return inner_.positions(); }
  double cash() override { return inner_.cash(); }
  Quote quote(const std::string& ticker) override { return inner_.quote(ticker); }
  std::vector<OrderResult> orders(core::Date date) override { return inner_.orders(date); }
  std::vector<ExecutionReport> poll() override { return inner_.poll(); }

 protected:
  Broker& inner_;
};

class CrashAfterFill final : public ForwardingBroker {
 public:
  CrashAfterFill(Broker& inner, std::string intent)
      : ForwardingBroker(inner), intent_(std::move(intent)) {}
  OrderResult submit(const OrderRequest& request) override {
    auto result = inner_.submit(request);
    if (request.client_order_id.find(intent_) != std::string::npos && result.filled_shares > 0)
      throw SimulatedCrash();
    return result;
  }

 private:
  std::string intent_;
};

TEST(Daemon, AStopFilledJustBeforeACrashIsInTheBooksExecutedTodayAfterRestart) {
  Ready w;
  const auto day = trading_day();
  w.plan(day);
  w.trade(day, ny(day, 15, 56));  // every entry filled, a stop on each
  const auto ticker = w.candidates[0];
  auto book = w.order_books.load(day);
  DayJournal journal(w.ledger, day);
  journal.apply(book);
  const auto held = std::find_if(book.active_stops.begin(), book.active_stops.end(),
                                 [&](const auto& s) { return s.ticker == ticker; });
  ASSERT_NE(held, book.active_stops.end());
  auto stop = *held;
  stop.current_stop = 1e6;  // the next quote is below it: the stop fires
  journal.put_stop(stop);
  journal.commit(book);

  {
    core::VirtualClock clock(ny(day, 15, 56));
    auto paper = w.broker(clock);
    CrashAfterFill crashing(*paper, "STOP_EXIT");
    EXPECT_THROW(run_daemon(day, {w.store, crashing, w.ledger, w.order_books, clock, w.metrics,
                                  w.config, w.calendar}),
                 SimulatedCrash);
  }
  const auto id = client_order_id(day, ticker, "STOP_EXIT");
  EXPECT_FALSE(w.ledger.has_trade(id));  // filled at the broker, not recorded

  w.trade(day, std::nullopt, ny(day, 15, 57));  // the restart
  EXPECT_TRUE(w.ledger.has_trade(id));
  const auto after = w.order_books.load(day);
  const auto records = std::count_if(after.executed_today.begin(), after.executed_today.end(),
                                     [&](const auto& r) { return r["client_order_id"] == id; });
  EXPECT_EQ(records, 1);
  for (const auto& s : after.active_stops) EXPECT_NE(s.ticker, ticker);
  expect_ledger_equals_broker(w);
}

// A venue's trailing stop on `ticker` whose partial fill and fill arrive in
// one poll: the daemon sees the same finished order twice.
class StopFilledInTwoReports final : public ForwardingBroker {
 public:
  StopFilledInTwoReports(Broker& inner, core::Date date, std::string ticker, int shares)
      : ForwardingBroker(inner) {
    stop_.client_order_id = client_order_id(date, ticker, "BROKER_TRAIL_STOP");
    stop_.date = date;
    stop_.ticker = std::move(ticker);
    stop_.side = Side::kSell;
    stop_.requested_shares = stop_.filled_shares = shares;
    stop_.avg_price = 100;
    stop_.status = core::OrderStatus::kFilled;
    stop_.time = ny(date, 15, 57);
  }
  std::optional<OrderResult> order_status(const std::string& id) override {
    if (id == stop_.client_order_id) return stop_;
    return inner_.order_status(id);
  }
  std::vector<ExecutionReport> poll() override {
    auto reports = inner_.poll();
    if (reported_) return reports;
    reported_ = true;
    for (const auto type : {ExecType::kPartialFill, ExecType::kFill}) {
      ExecutionReport report;
      report.client_order_id = stop_.client_order_id;
      report.type = type;
      report.ticker = stop_.ticker;
      reports.push_back(report);
    }
    return reports;
  }

 private:
  OrderResult stop_;
  bool reported_ = false;
};

TEST(Daemon, AStopFillReportedInPartsIsRecordedAndCountedOnce) {
  Ready w;
  const auto day = trading_day();
  w.plan(day);
  w.trade(day, ny(day, 15, 56));
  const auto ticker = w.candidates[0];
  const auto held = w.ledger.positions();
  ASSERT_TRUE(held.count(ticker));

  core::VirtualClock clock(ny(day, 15, 57));
  auto paper = w.broker(clock);
  StopFilledInTwoReports venue(*paper, day, ticker, held.at(ticker).shares);
  const auto summary = run_daemon(
      day, {w.store, venue, w.ledger, w.order_books, clock, w.metrics, w.config, w.calendar});
  EXPECT_EQ(summary.broker_fills, 1);
  const auto id = client_order_id(day, ticker, "BROKER_TRAIL_STOP");
  EXPECT_TRUE(w.ledger.has_trade(id));
  const auto book = w.order_books.load(day);
  EXPECT_EQ(std::count_if(book.executed_today.begin(), book.executed_today.end(),
                          [&](const auto& r) { return r["client_order_id"] == id; }),
            1);
}

TEST(Daemon, CorruptOrderBookIsAHardFailAndNothingTrades) {
  Ready w;
  w.plan(trading_day());
  core::write_file_atomically(w.order_books.path(), "{\"date\": \"2025-06-04\", \"approved_");
  EXPECT_THROW(w.trade(trading_day()), PipelineHardFail);
  EXPECT_TRUE(w.ledger.trades().empty());
  const auto health =
      core::read_contract(w.store, core::Contract::kHealth, core::health_key("executor_daemon"))
          .get<core::HealthRecord>();
  EXPECT_EQ(health.status, core::HealthStatus::kFailed);
  ASSERT_TRUE(health.error);
  EXPECT_NE(health.error->find("corrupt"), std::string::npos) << *health.error;
  core::VirtualClock clock(ny(trading_day(), 16, 30));
  EXPECT_TRUE(w.broker(clock)->orders(trading_day()).empty());
}

TEST(Daemon, SchemaViolatingOrderBookIsAHardFailAndNothingTrades) {
  Ready w;
  w.plan(trading_day());
  auto document = nlohmann::json::parse(core::read_file(w.order_books.path()));
  document["approved_entries"][0]["shares"] = -3;
  core::write_file_atomically(w.order_books.path(), document.dump());
  EXPECT_THROW(w.trade(trading_day()), PipelineHardFail);
  EXPECT_TRUE(w.ledger.trades().empty());
}

TEST(Planner, CorruptOrderBookIsAHardFailAndTheFileIsLeftAsItWas) {
  Ready w;
  const std::string corrupt = "not json at all";
  core::write_file_atomically(w.order_books.path(), corrupt);
  EXPECT_THROW(w.plan(trading_day()), PipelineHardFail);
  EXPECT_EQ(core::read_file(w.order_books.path()), corrupt);
  EXPECT_EQ(w.ledger.shadow_count(trading_day()), 0);
  EXPECT_FALSE(w.store.exists("trades/order_book/2025-06-04.json"));
  const auto health =
      core::read_contract(w.store, core::Contract::kHealth, core::health_key("executor"))
          .get<core::HealthRecord>();
  EXPECT_EQ(health.status, core::HealthStatus::kFailed);
}

TEST(Planner, NegativeBrokerCashIsAHardFailAndWritesNoBook) {
  Ready w;
  {
    core::VirtualClock clock(ny(trading_day(), 8, 0));
    w.broker(clock);  // creates the account
  }
  {
    core::Database db(w.home.path() / "state" / "paper_broker.db");
    db.execute("UPDATE account SET cash = -250");
  }
  try {
    w.plan(trading_day());
    FAIL() << "expected PipelineHardFail";
  } catch (const PipelineHardFail& e) {
    EXPECT_NE(std::string(e.what()).find("negative"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(w.order_books.exists());
}

}  // namespace
}  // namespace ae::executor::testing
