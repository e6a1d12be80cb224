// The executor's ledger: one SQLite database (WAL, synchronous=NORMAL: a
// committed transaction survives a crash of the process) under
// $AE_HOME/state/executor/ledger.db with the reference's tables and columns -
// trades (entries and exits linked by entry_trade_id, realized P&L and alpha),
// eod_pnl (one row per date, re-runnable), executor_shadow_book (blocked
// entries, replaced per date so a re-plan does not duplicate), the account's
// opening cash, and daemon_day (the daemon's journal of the day's order-book
// changes, day_journal.h). trade_id is the order's client order id, so a trade
// can be recorded once only. Peak NAV for the drawdown tiers is the maximum
// recorded daily NAV (eod_pnl), not the reference's always-NULL per-order NAV.
// Writes join a transaction the caller already holds on database() (the daemon
// records a trade and its order-book change in one), else run in one of their
// own.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/sqlite.h"
#include "executor/planning/planner.h"
#include "executor/statement_cache.h"

namespace ae::executor {

struct TradeRecord {
  std::string trade_id;  // = client order id
  core::Date date;
  std::string ticker;
  std::string action;  // ENTER, EXIT, REDUCE, COVER
  int shares = 0;
  double fill_price = 0;
  double commission = 0;
  core::Timestamp created_at;
  std::optional<double> signal_price;
  std::optional<std::string> trigger_type;
  std::optional<double> portfolio_nav_at_order;
  std::optional<double> spy_price_at_order;
  std::optional<std::string> entry_trade_id;
  std::optional<double> realized_pnl;
  std::optional<double> realized_return_pct;
  std::optional<double> spy_return_during_hold;
  std::optional<double> realized_alpha_pct;
  std::optional<int> days_held;
  std::optional<std::string> exit_reason;
  // Where the fill came from: the broker's source() ("paper", "fix"), or
  // "corporate_action" for a leg booked from a corporate action.
  std::string source = "paper";
};

struct EodRow {
  core::Date date;
  double portfolio_nav = 0;
  std::optional<double> daily_return_pct;
  std::optional<double> spy_return_pct;
  std::optional<double> daily_alpha_pct;
  std::string positions_snapshot;  // JSON
  double spy_close = 0;
  double total_cash = 0;
  double unrealized_pnl = 0;
  double realized_pnl = 0;
};

struct LedgerPosition {
  int shares = 0;
  double cost = 0;  // cost basis of the open shares
  std::optional<core::Date> entry_date;
};

class Ledger {
 public:
  explicit Ledger(const std::filesystem::path& path);
  // A reader's ledger (core::Database's kReadOnly: writes nothing, works on a
  // full disk; a missing file reads as an empty ledger). Every write fails.
  Ledger(const std::filesystem::path& path, core::ReadOnly);

  core::Database& database() { return db_; }
  StatementCache& statements() { return statements_; }

  // The account's opening cash; set once (the first call wins).
  void ensure_opening_cash(double cash);
  double opening_cash();

  bool has_trade(const std::string& trade_id);
  // Inserts; for an exit, links it to the open entry (most recent ENTER with
  // unmatched shares) and fills realized P&L and alpha. A duplicate trade_id
  // is ignored (returns false). Joins the caller's open transaction.
  bool record_trade(TradeRecord trade);
  // Every trade, or the trades dated `on`; by date, time and id.
  std::vector<TradeRecord> trades(std::optional<core::Date> on = std::nullopt);

  // Positions and cash implied by the trades (for reconciliation).
  std::map<std::string, LedgerPosition> positions();
  double cash();
  double realized_pnl_on(core::Date date);

  std::optional<core::Date> latest_entry_date(const std::string& ticker);
  // The highest recorded end-of-day NAV, of the rows dated on or after
  // `since` when given.
  std::optional<double> peak_nav(std::optional<core::Date> since = std::nullopt);
  std::optional<EodRow> eod_before(core::Date date);
  void upsert_eod(const EodRow& row);
  std::vector<EodRow> eod_rows();

  void replace_shadow_book(core::Date date, const std::vector<ShadowEntry>& blocked);
  int shadow_count(core::Date date);

 private:
  core::Database db_;
  StatementCache statements_{db_};
};

}  // namespace ae::executor
