// The FIX broker against `ae exchange`'s venue over real QuickFIX sessions on
// loopback: both ends are QuickFIX, nothing is mocked. Waits are on
// conditions with generous deadlines; nothing asserts speed. The session's
// problems land in a recording metric sink.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "exchange/exchange.h"
#include "executor/broker/fix/fix_broker.h"
#include "executor/broker/fix/quickfix.h"
#include "executor/broker/fix/session_metrics.h"
#include "executor/intraday/daemon.h"
#include "executor/ledger/ledger.h"
#include "support/broker_fixtures.h"
#include "support/exchange_process.h"
#include "support/test_support.h"

namespace ae::exchange {
namespace {

using namespace executor;
using std::chrono::seconds;

constexpr auto kDeadline = std::chrono::seconds(60);

using test::FixedPrices;

struct Loopback {
  test::TempDir dir;
  core::VirtualClock clock{test::kBrokerTestOpen};
  FixedPrices prices;
  FixSessionConfig config;
  core::RecordingMetricSink metrics;
  std::unique_ptr<Exchange> exchange;
  std::unique_ptr<FixBroker> broker;

  explicit Loopback(ExchangeFaults faults = {}) {
    prices.states["AAA"] = {100, 101, 99, 100, 1'000'000};
    config.host = "127.0.0.1";
    config.port = test::free_port();
    config.sender_comp_id = "AE";
    config.target_comp_id = "EXCHANGE";
    config.heartbeat_seconds = 1;
    config.reconnect_seconds = 1;
    config.logon_timeout_seconds = 10;
    config.order_timeout = kDeadline;
    config.reconcile_timeout = kDeadline;
    exchange =
        std::make_unique<Exchange>(config, dir.path() / "exchange", prices,
                                   default_execution_models(test::fixed_cost_models()), faults);
    exchange->start();
    connect();
  }
  void connect() {
    broker =
        std::make_unique<FixBroker>(config, dir.path() / "fix", 100'000, clock, prices, &metrics);
    broker->start();
  }
  OrderResult trade(const OrderRequest& request) {
    return place_and_wait(*broker, request, kDeadline);
  }
};

OrderRequest buy(const std::string& id, int shares) {
  return {id, "AAA", Side::kBuy, shares, std::nullopt};
}

// How many datums of `problem` the sink holds.
int count(const core::RecordingMetricSink& metrics, SessionProblem problem) {
  int n = 0;
  for (const auto& datum : metrics.data())
    if (datum.name_space == kSessionMetricNamespace && datum.name == metric_name(problem)) ++n;
  return n;
}

TEST(FixSession, LogonOrderFillsLandInTheLedgerOnce) {
  Loopback w;
  const auto fill = w.trade(buy("2026-04-20:AAA:ENTER", 100));
  EXPECT_EQ(fill.status, core::OrderStatus::kFilled);
  EXPECT_EQ(fill.filled_shares, 100);
  EXPECT_DOUBLE_EQ(fill.avg_price, 100.1);  // the paper broker's price: 10 bps
  EXPECT_DOUBLE_EQ(fill.commission, 1.0);
  EXPECT_NEAR(w.broker->cash(), 100'000 - 10'010 - 1, 1e-9);
  ASSERT_EQ(w.broker->positions().size(), 1u);
  EXPECT_EQ(w.broker->positions()[0].shares, 100);
  EXPECT_THROW(w.broker->submit(buy("2026-04-20:AAA:ENTER", 100)), DuplicateOrderError);

  Ledger ledger(w.dir.path() / "ledger.db");
  ledger.ensure_opening_cash(100'000);
  const auto date = core::parse_date("2026-04-20");
  EXPECT_EQ(sync_ledger_with_broker(date, *w.broker, ledger), 1);
  EXPECT_EQ(sync_ledger_with_broker(date, *w.broker, ledger), 0);
  EXPECT_EQ(ledger.positions().at("AAA").shares, 100);
  EXPECT_EQ(w.exchange->orders_received(), 1);
  w.broker->stop();  // a logout asked for is no problem
  EXPECT_TRUE(w.metrics.data().empty());
}

TEST(FixSession, PartialFillsAddUpToTheOrder) {
  Loopback w({std::chrono::milliseconds(0), 4, 0, 0});
  const auto fill = w.trade(buy("p1", 100));
  EXPECT_EQ(fill.status, core::OrderStatus::kFilled);
  EXPECT_EQ(fill.filled_shares, 100);
  EXPECT_DOUBLE_EQ(fill.avg_price, 100.1);
  EXPECT_NEAR(fill.commission, 1.0, 1e-9);
  EXPECT_EQ(w.broker->executions(), 1 + 4);  // New + four partial fills
  EXPECT_EQ(w.exchange->fills_sent(), 4);
}

TEST(FixSession, VolumeCappedFillIsPartialAndTheRestCanceled) {
  Loopback w;
  w.prices.states["AAA"].bar_volume = 5'000;  // 1% = 50 shares
  const auto fill = w.trade(buy("cap", 80));
  EXPECT_EQ(fill.filled_shares, 50);
  EXPECT_EQ(fill.leaves_shares, 0);
  EXPECT_EQ(w.broker->positions()[0].shares, 50);
}

TEST(FixSession, RestingLimitIsReplacedThenCanceled) {
  Loopback w;
  OrderRequest limit = buy("lim", 100);
  limit.type = OrderType::kLimit;
  limit.limit_price = 95;  // under the market: rests
  auto order = w.broker->submit(limit);
  order = w.broker->wait_done("lim", std::chrono::milliseconds(200));  // still working
  // Wait for the venue's acknowledgement (New) before replacing.
  for (int i = 0; i < 600 && w.broker->executions() < 1; ++i)
    w.broker->wait_done("lim", std::chrono::milliseconds(100));
  ASSERT_TRUE(is_working(*w.broker->order_status("lim")));
  OrderRequest higher = limit;
  higher.client_order_id = "lim#2";
  higher.limit_price = 96;
  w.broker->replace("lim", higher);
  for (int i = 0; i < 600 && w.broker->order_status("lim")->status != core::OrderStatus::kCanceled;
       ++i)
    w.broker->wait_done("lim#2", std::chrono::milliseconds(100));
  EXPECT_EQ(w.broker->order_status("lim")->status, core::OrderStatus::kCanceled);
  ASSERT_TRUE(is_working(*w.broker->order_status("lim#2")));
  w.broker->cancel("lim#2");
  const auto done = w.broker->wait_done("lim#2", kDeadline);
  EXPECT_EQ(done.status, core::OrderStatus::kCanceled);
  EXPECT_EQ(done.filled_shares, 0);
  EXPECT_TRUE(w.broker->positions().empty());

  // A replace that makes the order marketable fills it.
  OrderRequest again = buy("lim2", 10);
  again.type = OrderType::kLimit;
  again.limit_price = 95;
  w.broker->submit(again);
  for (int i = 0; i < 600 && w.broker->executions() < 4; ++i)
    w.broker->wait_done("lim2", std::chrono::milliseconds(100));
  OrderRequest marketable = again;
  marketable.client_order_id = "lim2#2";
  marketable.limit_price = 101;
  w.broker->replace("lim2", marketable);
  const auto filled = w.broker->wait_done("lim2#2", kDeadline);
  EXPECT_EQ(filled.status, core::OrderStatus::kFilled);
  EXPECT_EQ(filled.filled_shares, 10);
}

TEST(FixSession, RejectsAreReportedAndChangeNothing) {
  Loopback w({std::chrono::milliseconds(0), 1, 2, 0});  // every 2nd order rejected
  EXPECT_EQ(w.trade(buy("r1", 10)).status, core::OrderStatus::kFilled);
  const auto rejected = w.trade(buy("r2", 10));
  EXPECT_EQ(rejected.status, core::OrderStatus::kRejected);
  EXPECT_EQ(rejected.filled_shares, 0);
  EXPECT_FALSE(rejected.reason.empty());
  const auto unknown = w.trade({"r3", "ZZZ", Side::kBuy, 1, std::nullopt});
  EXPECT_EQ(unknown.status, core::OrderStatus::kRejected);
  EXPECT_NE(unknown.reason.find("no price"), std::string::npos);
  const auto short_sell = w.trade({"r4", "AAA", Side::kSell, 50, std::nullopt});
  EXPECT_EQ(short_sell.status, core::OrderStatus::kRejected);
  const auto nothing = w.trade(buy("r5", 0));
  EXPECT_EQ(nothing.status, core::OrderStatus::kRejected);
  EXPECT_EQ(nothing.reason, "non-positive quantity");
  EXPECT_EQ(w.exchange->orders_received(), 3);  // the short sell and r5 were never sent
  EXPECT_EQ(w.broker->positions()[0].shares, 10);
  // Order rejects are the venue's answers, not session problems.
  EXPECT_TRUE(w.metrics.data().empty());
}

TEST(FixSession, BusinessRejectIsAMetric) {
  Loopback w;
  // A message type the venue does not support (an order list, 35=E): it
  // answers with a BusinessMessageReject (35=j).
  FIX::Message unsupported;
  unsupported.getHeader().setField(FIX::MsgType("E"));
  ASSERT_TRUE(FIX::Session::sendToTarget(unsupported, FIX::SessionID("FIX.4.4", "AE", "EXCHANGE")));
  for (int i = 0; i < 600 && w.metrics.data().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(count(w.metrics, SessionProblem::kBusinessReject), 1);
  ASSERT_FALSE(w.metrics.data().empty());
  const auto datum = w.metrics.data().front();
  EXPECT_EQ(datum.value, 1);
  EXPECT_EQ(datum.unit, "Count");
  EXPECT_EQ(datum.timestamp, test::kBrokerTestOpen);  // the broker's clock
  // The session goes on.
  EXPECT_EQ(w.trade(buy("after", 10)).status, core::OrderStatus::kFilled);
}

TEST(FixSession, SessionRejectIsAMetric) {
  Loopback w;
  // A tag without a value: the venue's session layer rejects the message (35=3).
  FIX::Message malformed;
  malformed.getHeader().setField(FIX::MsgType(FIX::MsgType_NewOrderSingle));
  malformed.setField(FIX::FIELD::ClOrdID, "");
  ASSERT_TRUE(FIX::Session::sendToTarget(malformed, FIX::SessionID("FIX.4.4", "AE", "EXCHANGE")));
  for (int i = 0; i < 600 && w.metrics.data().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(count(w.metrics, SessionProblem::kSessionReject), 1);
  EXPECT_EQ(w.trade(buy("after", 10)).status, core::OrderStatus::kFilled);
  EXPECT_EQ(w.exchange->orders_received(), 1);
}

TEST(FixSession, DroppedConnectionMidOrderRecoversWithNoDuplicateAndNoLostFill) {
  Loopback w({std::chrono::milliseconds(0), 1, 0, 1});  // drop after the 1st order's ack
  const auto fill = w.trade(buy("drop", 100));
  EXPECT_EQ(fill.status, core::OrderStatus::kFilled);
  EXPECT_EQ(fill.filled_shares, 100);
  EXPECT_EQ(w.exchange->orders_received(), 1);
  EXPECT_EQ(w.broker->positions()[0].shares, 100);
  EXPECT_EQ(w.trade(buy("after", 10)).status, core::OrderStatus::kFilled);
  EXPECT_EQ(w.broker->positions()[0].shares, 110);
  EXPECT_EQ(count(w.metrics, SessionProblem::kDisconnect), 1);
}

TEST(FixSession, RestartReconcilesOpenOrdersAndSequenceNumbersContinue) {
  Loopback w;
  OrderRequest limit = buy("open", 100);
  limit.type = OrderType::kLimit;
  limit.limit_price = 90;
  limit.time_in_force = TimeInForce::kGtc;
  w.broker->submit(limit);
  for (int i = 0; i < 600 && w.broker->executions() < 1; ++i)
    w.broker->wait_done("open", std::chrono::milliseconds(100));
  w.broker.reset();  // the process ends; the book and the session store stay
  EXPECT_EQ(count(w.metrics, SessionProblem::kDisconnect), 0);
  w.connect();  // logon with the stored sequence numbers, then OrderStatusRequest
  ASSERT_TRUE(w.broker->order_status("open"));
  EXPECT_TRUE(is_working(*w.broker->order_status("open")));
  EXPECT_EQ(w.trade(buy("next", 10)).status, core::OrderStatus::kFilled);
  EXPECT_EQ(w.exchange->orders_received(), 2);
}

TEST(FixSession, SequenceResetOnLogonStartsBothSidesAtOne) {
  Loopback w;
  EXPECT_EQ(w.trade(buy("s1", 10)).status, core::OrderStatus::kFilled);
  w.broker.reset();
  w.config.reset_on_logon = true;
  w.connect();
  EXPECT_EQ(w.trade(buy("s2", 10)).status, core::OrderStatus::kFilled);
  EXPECT_EQ(w.broker->positions()[0].shares, 20);
}

TEST(FixSession, LogonFailureIsAnErrorNamingTheSessionAndAMetric) {
  test::TempDir dir;
  core::VirtualClock clock{test::kBrokerTestOpen};
  FixedPrices prices;
  FixSessionConfig config;
  config.host = "127.0.0.1";
  config.port = test::free_port();  // nobody listens
  config.sender_comp_id = "AE";
  config.target_comp_id = "EXCHANGE";
  config.reconnect_seconds = 1;
  config.logon_timeout_seconds = 1;
  core::RecordingMetricSink metrics;
  FixBroker broker(config, dir.path() / "fix", 100'000, clock, prices, &metrics);
  try {
    broker.start();
    FAIL() << "logged on to nobody";
  } catch (const core::IoError& error) {
    EXPECT_NE(std::string(error.what()).find("fix: no logon to FIX.4.4:AE->EXCHANGE at 127.0.0.1:"),
              std::string::npos)
        << error.what();
  }
  ASSERT_EQ(metrics.data().size(), 1u);
  EXPECT_EQ(metrics.data()[0].name, "fix_logon_failures_count");
  EXPECT_EQ(metrics.data()[0].timestamp, test::kBrokerTestOpen);
  EXPECT_THROW(broker.submit(buy("never", 1)), core::IoError);  // not sent
}

TEST(FixSession, Burst200OrdersAllFillOnce) {
  Loopback w;
  w.prices.states["AAA"].bar_volume = 1e9;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) w.broker->submit(buy(fmt::format("b{}", i), 1));
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(w.broker->wait_done(fmt::format("b{}", i), kDeadline).filled_shares, 1);
  const auto took =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  std::printf("200-order burst on loopback: %.1f ms\n", took.count());  // information only
  EXPECT_EQ(w.broker->positions()[0].shares, 200);
  EXPECT_EQ(w.exchange->orders_received(), 200);
}

}  // namespace
}  // namespace ae::exchange
