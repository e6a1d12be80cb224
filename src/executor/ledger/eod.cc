#include "executor/ledger/eod.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/contracts/health_writer.h"
#include "executor/errors.h"
#include "executor/intraday/daemon.h"
#include "executor/ledger/corporate_action_booking.h"

namespace ae::executor {
namespace {

double close_on(const market::BarStore& bars, const std::string& symbol, core::Date date) {
  if (!bars.contains(symbol)) return NAN;
  return bars.read(symbol).value_on(market::Field::kClose, date);
}

// The last close on or before `date`, NaN without one.
double last_close_by(const market::BarStore& bars, const std::string& symbol, core::Date date) {
  if (!bars.contains(symbol)) return NAN;
  const auto series = bars.read(symbol);
  const auto row = series.last_present_row_before(core::add_days(date, 1));
  return row ? series.field(market::Field::kClose)[*row] : NAN;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

template <typename T>
std::string opt(const std::optional<T>& value) {
  if (!value) return "";
  if constexpr (std::is_same_v<T, std::string>) {
    return csv_field(*value);
  } else {
    return fmt::format("{}", *value);
  }
}

EodResult reconcile(core::Date date, const EodDeps& d) {
  EodResult result;
  result.broker_fills_recorded = sync_ledger_with_broker(date, d.broker, d.ledger);
  book_corporate_actions(date, d.broker, d.ledger, d.bars, d.clock);
  const double spy = close_on(d.bars, "SPY", date);
  if (!std::isfinite(spy) || spy <= 0)
    throw PipelineHardFail(fmt::format("eod: no SPY close on {}", core::format_date(date)));
  const double cash = d.broker.cash();
  if (!std::isfinite(cash) || cash < 0)
    throw PipelineHardFail(fmt::format("eod: broker cash {:.2f} is negative or not finite", cash));

  const auto positions = d.broker.positions();
  std::vector<std::string> missing;
  double invested = 0, unrealized = 0;
  nlohmann::json snapshot = nlohmann::json::array();
  for (const auto& p : positions) {
    double close = close_on(d.bars, p.ticker, date);
    if ((!std::isfinite(close) || close <= 0) && !d.held_data_gate) {
      close = last_close_by(d.bars, p.ticker, date);
      if (std::isfinite(close))
        spdlog::warn("eod: held {} has no close on {}; valued at its last close {:.2f}", p.ticker,
                     core::format_date(date), close);
    }
    if (!std::isfinite(close) || close <= 0) {
      missing.push_back(p.ticker);
      continue;
    }
    invested += p.shares * close;
    unrealized += (close - p.avg_cost) * p.shares;
    snapshot.push_back({{"ticker", p.ticker},
                        {"shares", p.shares},
                        {"avg_cost", p.avg_cost},
                        {"closing_price", close},
                        {"market_value", p.shares * close}});
  }
  if (!missing.empty())
    throw PipelineHardFail(fmt::format("eod: no close on {} for held {}", core::format_date(date),
                                       fmt::join(missing, ", ")));
  const double nav = cash + invested;

  // Reconciliation: broker against ledger.
  const auto ledger_positions = d.ledger.positions();
  std::vector<std::string> mismatched;
  for (const auto& p : positions) {
    const auto it = ledger_positions.find(p.ticker);
    const int ledger_shares = it == ledger_positions.end() ? 0 : it->second.shares;
    if (ledger_shares != p.shares)
      mismatched.push_back(
          fmt::format("{} broker {} ledger {}", p.ticker, p.shares, ledger_shares));
  }
  for (const auto& [ticker, lp] : ledger_positions) {
    if (std::none_of(positions.begin(), positions.end(),
                     [&](const BrokerPosition& p) { return p.ticker == ticker; }))
      mismatched.push_back(fmt::format("{} broker 0 ledger {}", ticker, lp.shares));
  }
  if (!mismatched.empty())
    throw PipelineHardFail("eod: positions do not reconcile: " +
                           fmt::format("{}", fmt::join(mismatched, "; ")));
  result.cash_difference = cash - d.ledger.cash();
  const double tolerance = std::max(100.0, 0.0005 * nav);
  if (std::abs(result.cash_difference) > tolerance)
    throw PipelineHardFail(
        fmt::format("eod: unexplained cash move {:.2f} between broker ({:.2f}) and ledger ({:.2f}) "
                    "exceeds {:.2f}",
                    result.cash_difference, cash, d.ledger.cash(), tolerance));

  EodRow& row = result.row;
  row.date = date;
  row.portfolio_nav = std::round(nav * 100) / 100;
  row.spy_close = spy;
  row.total_cash = std::round(cash * 100) / 100;
  row.unrealized_pnl = std::round(unrealized * 100) / 100;
  row.realized_pnl = std::round(d.ledger.realized_pnl_on(date) * 100) / 100;
  row.positions_snapshot = snapshot.dump();
  if (const auto prior = d.ledger.eod_before(date)) {
    row.daily_return_pct = (nav / prior->portfolio_nav - 1) * 100;
    row.spy_return_pct = (spy / prior->spy_close - 1) * 100;
    row.daily_alpha_pct = *row.daily_return_pct - *row.spy_return_pct;
  }
  d.ledger.upsert_eod(row);
  d.store.put("trades/trades_full.csv", trades_csv(d.ledger));
  d.store.put("trades/eod_pnl.csv", eod_pnl_csv(d.ledger));
  return result;
}

}  // namespace

std::string trades_csv(Ledger& ledger) {
  std::ostringstream out;
  out << "trade_id,date,ticker,action,shares,created_at,price_at_order,portfolio_nav_at_order,"
         "position_pct,fill_price,fill_time,ib_order_id,status,filled_shares,"
         "execution_latency_ms,source,research_score,research_conviction,research_rating,"
         "sector_rating,market_regime,price_target_upside,thesis_summary,predicted_direction,"
         "prediction_confidence,rationale_json,exit_reason,entry_trade_id,signal_price,"
         "trigger_price,trigger_type,spy_price_at_order,realized_pnl,realized_return_pct,"
         "spy_return_during_hold,realized_alpha_pct,days_held,slippage_vs_signal\n";
  for (const auto& t : ledger.trades()) {
    const auto time = core::format_timestamp(t.created_at);
    std::optional<double> slippage;
    if (t.signal_price && *t.signal_price > 0)
      slippage = (t.fill_price - *t.signal_price) / *t.signal_price;
    out << fmt::format(
        "{},{},{},{},{},{},{},{},,{},{},{},Filled,{},,{},,,,,,,,,,,{},{},{},{},{},{},{},{},{},{}"
        ",{},{}\n",
        csv_field(t.trade_id), core::format_date(t.date), t.ticker, t.action, t.shares, time,
        opt(t.signal_price), opt(t.portfolio_nav_at_order), t.fill_price, time,
        csv_field(t.trade_id), t.shares, csv_field(t.source), opt(t.exit_reason),
        opt(t.entry_trade_id), opt(t.signal_price), t.fill_price, opt(t.trigger_type),
        opt(t.spy_price_at_order), opt(t.realized_pnl), opt(t.realized_return_pct),
        opt(t.spy_return_during_hold), opt(t.realized_alpha_pct), opt(t.days_held), opt(slippage));
  }
  return out.str();
}

std::string eod_pnl_csv(Ledger& ledger) {
  std::ostringstream out;
  out << "date,portfolio_nav,daily_return_pct,spy_return_pct,daily_alpha_pct,positions_snapshot,"
         "spy_close,total_cash,accrued_interest,unrealized_pnl,realized_pnl,created_at\n";
  for (const auto& r : ledger.eod_rows()) {
    out << fmt::format("{},{},{},{},{},{},{},{},0,{},{},\n", core::format_date(r.date),
                       r.portfolio_nav, opt(r.daily_return_pct), opt(r.spy_return_pct),
                       opt(r.daily_alpha_pct), csv_field(r.positions_snapshot), r.spy_close,
                       r.total_cash, r.unrealized_pnl, r.realized_pnl);
  }
  return out.str();
}

EodResult run_eod(core::Date date, const EodDeps& d) {
  try {
    auto result = reconcile(date, d);
    core::write_health(d.store, "eod_reconcile", core::HealthStatus::kOk, date, d.clock.now(),
                       {{"nav", result.row.portfolio_nav},
                        {"cash_difference", result.cash_difference},
                        {"broker_fills_recorded", result.broker_fills_recorded}},
                       {}, std::nullopt);
    if (d.metrics != nullptr)
      d.metrics->put_metric(
          {"AlphaEngine", "Heartbeat", {{"Process", "executor-eod"}}, 1, "Count", d.clock.now()});
    spdlog::info("eod {}: NAV {:.2f}, cash {:.2f}", core::format_date(date),
                 result.row.portfolio_nav, result.row.total_cash);
    return result;
  } catch (const std::exception& error) {
    try {
      core::write_health(d.store, "eod_reconcile", core::HealthStatus::kFailed, date, d.clock.now(),
                         nlohmann::json::object(), {}, std::string(error.what()));
    } catch (const std::exception& health_error) {
      spdlog::error("eod: could not write health: {}", health_error.what());
    }
    throw;
  }
}

}  // namespace ae::executor
