#include "executor/ledger/corporate_action_booking.h"

#include <spdlog/spdlog.h>

#include <map>

namespace ae::executor {
namespace {

void book_leg(const CorporateActionLeg& leg, Broker& broker, Ledger& ledger, core::Clock& clock) {
  if (!broker.order_status(leg.client_order_id)) broker.book_corporate_action(leg);
  if (ledger.has_trade(leg.client_order_id)) return;
  TradeRecord trade;
  trade.trade_id = leg.client_order_id;
  trade.date = leg.date;
  trade.ticker = leg.ticker;
  trade.action = leg.side == Side::kBuy ? "ENTER" : "EXIT";
  trade.shares = leg.shares;
  trade.fill_price = leg.price;
  trade.created_at = clock.now();
  trade.source = "corporate_action";
  if (leg.side == Side::kBuy)
    trade.trigger_type = leg.reason;
  else
    trade.exit_reason = leg.reason;
  ledger.record_trade(trade);
}

}  // namespace

std::vector<Settlement> book_corporate_actions(core::Date session, Broker& broker, Ledger& ledger,
                                               const market::BarStore& bars, core::Clock& clock) {
  std::map<std::string, int> held;
  for (const auto& [ticker, position] : ledger.positions()) held[ticker] = position.shares;
  for (const auto& p : broker.positions()) held[p.ticker] = p.shares;
  const auto actions = bars.read_corporate_actions();
  const auto universe = bars.has_universe() ? bars.read_universe() : market::Universe{};
  const CorporateActionSources sources{
      actions, bars.has_universe() ? &universe : nullptr, bars.calendar(),
      [&bars](const std::string& symbol) -> std::optional<market::SeriesView> {
        if (!bars.contains(symbol)) return std::nullopt;
        return bars.read(symbol);
      }};
  const auto due = settlements_due(held, session, sources);
  for (const auto& s : due) {
    spdlog::warn("corporate action: {} {} shares of {} at {:.4f} ({}, effective {})", s.intent,
                 s.shares, s.ticker, s.price, s.reason, core::format_date(s.effective));
    if (s.acquired)
      book_leg({s.purchase_id(), s.effective, s.acquired->ticker, Side::kBuy, s.acquired->shares,
                s.acquired->price, "stock merger from " + s.ticker},
               broker, ledger, clock);
    book_leg({s.sale_id(), s.effective, s.ticker, Side::kSell, s.shares, s.price, s.reason}, broker,
             ledger, clock);
  }
  return due;
}

}  // namespace ae::executor
