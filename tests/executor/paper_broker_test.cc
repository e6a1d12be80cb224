#include "executor/broker/paper_broker.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/broker_fixtures.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

using test::FixedPrices;

struct Fixture {
  test::TempDir dir;
  core::VirtualClock clock{test::kBrokerTestOpen};
  FixedPrices prices;
  std::unique_ptr<PaperBroker> broker;
  Fixture() {
    prices.states["AAA"] = {100, 101, 99, 100, 1'000'000};
    open();
  }
  void open() {
    broker.reset();
    broker = std::make_unique<PaperBroker>(dir.path() / "broker.db", 100'000, clock, prices,
                                           default_execution_models(test::fixed_cost_models()));
  }
};

TEST(PaperBroker, MarketBuyFillsWithSlippageAndCommission) {
  Fixture f;
  const auto r = f.broker->submit({"2026-04-20:AAA:ENTER", "AAA", Side::kBuy, 100, std::nullopt});
  EXPECT_EQ(r.status, core::OrderStatus::kFilled);
  EXPECT_EQ(r.filled_shares, 100);
  EXPECT_DOUBLE_EQ(r.avg_price, 100.1);  // 10 bps against the buyer
  EXPECT_DOUBLE_EQ(r.commission, 1.0);   // 100 x 0.005 = 0.5 -> minimum 1
  EXPECT_NEAR(f.broker->cash(), 100'000 - 10'010 - 1, 1e-9);
  const auto positions = f.broker->positions();
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].shares, 100);
  EXPECT_DOUBLE_EQ(positions[0].avg_cost, 100.1);
}

TEST(PaperBroker, DuplicateClientOrderIdIsRefusedAndTradesOnce) {
  Fixture f;
  const OrderRequest request{"2026-04-20:AAA:ENTER", "AAA", Side::kBuy, 100, std::nullopt};
  f.broker->submit(request);
  EXPECT_THROW(f.broker->submit(request), DuplicateOrderError);
  f.open();  // a restarted process sees the same account
  EXPECT_THROW(f.broker->submit(request), DuplicateOrderError);
  EXPECT_EQ(f.broker->positions()[0].shares, 100);
  EXPECT_EQ(f.broker->orders(core::parse_date("2026-04-20")).size(), 1u);
}

TEST(PaperBroker, SellBeyondThePositionIsRejected) {
  Fixture f;
  const auto r = f.broker->submit({"id-1", "AAA", Side::kSell, 5, std::nullopt});
  EXPECT_EQ(r.status, core::OrderStatus::kRejected);
  EXPECT_EQ(r.filled_shares, 0);
  EXPECT_DOUBLE_EQ(f.broker->cash(), 100'000);
}

TEST(PaperBroker, FillsAreCappedByAShareOfTheBarVolume) {
  Fixture f;
  f.prices.states["AAA"].bar_volume = 5'000;  // 1% = 50 shares
  const auto r = f.broker->submit({"id-1", "AAA", Side::kBuy, 80, std::nullopt});
  EXPECT_EQ(r.status, core::OrderStatus::kPartiallyFilled);
  EXPECT_EQ(r.filled_shares, 50);
}

TEST(PaperBroker, InsufficientCashAndUnknownTickerAreRejected) {
  Fixture f;
  EXPECT_EQ(f.broker->submit({"id-1", "AAA", Side::kBuy, 2'000, std::nullopt}).status,
            core::OrderStatus::kRejected);
  EXPECT_EQ(f.broker->submit({"id-2", "ZZZ", Side::kBuy, 1, std::nullopt}).reason, "no price");
  EXPECT_THROW(f.broker->quote("ZZZ"), core::NotFound);
}

TEST(PaperBroker, BrokerSideTrailingStopSellsOnceAtTheTrail) {
  Fixture f;
  f.broker->submit({"2026-04-20:AAA:ENTER", "AAA", Side::kBuy, 100, 4.0});
  f.prices.states["AAA"].last = 110;  // new high: stop at 106
  EXPECT_TRUE(f.broker->poll().empty());
  f.prices.states["AAA"].last = 106.5;
  EXPECT_TRUE(f.broker->poll().empty());
  f.prices.states["AAA"].last = 105.9;
  const auto fills = f.broker->poll();
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].client_order_id, "2026-04-20:AAA:BROKER_TRAIL_STOP");
  EXPECT_EQ(fills[0].cum_shares, 100);
  EXPECT_TRUE(f.broker->positions().empty());
  EXPECT_TRUE(f.broker->poll().empty());
}

TEST(PaperBroker, CancelledStopDoesNotFire) {
  Fixture f;
  f.broker->submit({"id-1", "AAA", Side::kBuy, 100, 4.0});
  EXPECT_TRUE(f.broker->cancel_stop("AAA"));
  f.prices.states["AAA"].last = 50;
  EXPECT_TRUE(f.broker->poll().empty());
}

TEST(PaperBroker, NanPriceIsNoQuoteAndAnOrderAgainstItChangesNothing) {
  Fixture f;
  f.prices.states["AAA"].last = std::nan("");
  EXPECT_THROW(f.broker->quote("AAA"), core::NotFound);
  const auto r = f.broker->submit({"2026-04-20:AAA:ENTER", "AAA", Side::kBuy, 10, std::nullopt});
  EXPECT_EQ(r.status, core::OrderStatus::kRejected);
  EXPECT_EQ(r.reason, "no price");
  EXPECT_DOUBLE_EQ(f.broker->cash(), 100'000);
  EXPECT_TRUE(f.broker->positions().empty());
  f.open();
  EXPECT_DOUBLE_EQ(f.broker->cash(), 100'000);
  EXPECT_TRUE(f.broker->order_status("2026-04-20:AAA:ENTER"));  // the id stays used
}

TEST(PaperBroker, AccountAndRaisedStopSurviveAReopen) {
  Fixture f;
  f.broker->submit({"2026-04-20:AAA:ENTER", "AAA", Side::kBuy, 100, 4.0});
  f.prices.states["AAA"].last = 110;  // high water 110, stop at 106
  EXPECT_TRUE(f.broker->poll().empty());
  const double cash = f.broker->cash();
  f.prices.states["AAA"].last = 107;
  f.open();  // a crash and restart: memory rebuilt from the file
  EXPECT_DOUBLE_EQ(f.broker->cash(), cash);
  ASSERT_EQ(f.broker->positions().size(), 1u);
  EXPECT_EQ(f.broker->positions()[0].shares, 100);
  EXPECT_TRUE(f.broker->poll().empty());  // 107 > 110 - 4
  f.prices.states["AAA"].last = 105.5;    // below 106: fires only if the raise was kept
  ASSERT_EQ(f.broker->poll().size(), 1u);
  EXPECT_TRUE(f.broker->positions().empty());
}

// A corporate action's leg is an order filled at once at its price, with no
// market and no commission; a second booking of the id is refused.
TEST(PaperBroker, ACorporateActionLegIsBookedAtItsPriceOnce) {
  Fixture f;
  f.broker->submit({"2026-04-20:AAA:ENTER", "AAA", Side::kBuy, 100, 5.0});
  const double cash = f.broker->cash();
  const CorporateActionLeg sale{"2026-04-21:AAA:DELISTED",
                                core::parse_date("2026-04-21"),
                                "AAA",
                                Side::kSell,
                                100,
                                42.5,
                                "delisted"};
  const auto r = f.broker->book_corporate_action(sale);
  EXPECT_EQ(r.status, core::OrderStatus::kFilled);
  EXPECT_EQ(r.date, core::parse_date("2026-04-21"));
  EXPECT_DOUBLE_EQ(r.avg_price, 42.5);
  EXPECT_DOUBLE_EQ(r.commission, 0);
  EXPECT_EQ(r.reason, "delisted");
  EXPECT_NEAR(f.broker->cash(), cash + 4250, 1e-9);
  EXPECT_TRUE(f.broker->positions().empty());
  EXPECT_FALSE(f.broker->cancel_stop("AAA"));  // the stop went with the position
  EXPECT_THROW(f.broker->book_corporate_action(sale), DuplicateOrderError);
  EXPECT_THROW(f.broker->book_corporate_action({"x", sale.date, "AAA", Side::kSell, 1, 1, ""}),
               core::InvalidInput);  // nothing held
}

// The planner books a corporate action through a broker of its own while the
// daemon's broker is open: the daemon's next order starts from the file, so
// the booking is not overwritten.
TEST(PaperBroker, AChangeMadeThroughAnotherBrokerIsReadNotOverwritten) {
  Fixture daemon;
  daemon.broker->submit({"2026-04-20:AAA:ENTER", "AAA", Side::kBuy, 100, std::nullopt});
  ASSERT_EQ(daemon.broker->positions().size(), 1u);
  PaperBroker planner(daemon.dir.path() / "broker.db", 100'000, daemon.clock, daemon.prices,
                      default_execution_models(test::fixed_cost_models()));
  planner.book_corporate_action({"2026-04-20:AAA:CASH_MERGER", core::parse_date("2026-04-20"),
                                 "AAA", Side::kSell, 100, 120, "cash merger"});
  const double after_merger = planner.cash();
  daemon.prices.states["BBB"] = {50, 51, 49, 50, 1'000'000};
  const auto buy =
      daemon.broker->submit({"2026-04-20:BBB:ENTER", "BBB", Side::kBuy, 10, std::nullopt});
  ASSERT_EQ(buy.status, core::OrderStatus::kFilled);
  EXPECT_NEAR(daemon.broker->cash(), after_merger - 10 * buy.avg_price - buy.commission, 1e-9);
  const auto positions = daemon.broker->positions();
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].ticker, "BBB");
}

TEST(ExecutionModels, VolumeShareImpactAndCommissionParts) {
  EXPECT_DOUBLE_EQ(VolumeShareSlippage(0.1).slippage(100, Side::kBuy, 100, Liquidity{1000, 0}),
                   100 * 0.1 * 0.01);
  EXPECT_DOUBLE_EQ(PerShareCommission(0.005, 1).commission(1000, 50), 5);
  EXPECT_DOUBLE_EQ(BpsCommission(10).commission(100, 50), 5);
  EXPECT_EQ(VolumeCappedFill(0.025).fillable_shares(1000, 10'000), 250);
  EXPECT_EQ(VolumeCappedFill(0.025).fillable_shares(100, 0), 0);
}

}  // namespace
}  // namespace ae::executor
