// Read-only queries on the executor's ledger (ledger.db: eod_pnl, trades,
// executor_shadow_book) for readers that never write (the dashboard). The
// database is opened read-only and never created: open() returns nullopt
// when the file does not exist, and a missing table reads as no rows. Each
// query returns the rows dated within [from, to] (an absent end is
// unbounded), at most `limit` of them, newest first, as JSON objects keyed by
// the columns named below (NULL -> null).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/date.h"
#include "core/read_only_database.h"

namespace ae::executor {

struct LedgerWindow {
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  int limit = 0;
};

class LedgerReader {
 public:
  static std::optional<LedgerReader> open(const std::filesystem::path& ledger);

  // eod_pnl by date: date, portfolio_nav, daily_return_pct, spy_return_pct,
  // daily_alpha_pct, spy_close, total_cash, unrealized_pnl, realized_pnl,
  // positions_snapshot (JSON text).
  nlohmann::json eod_rows(const LedgerWindow& window) const;
  // trades by created_at, then trade_id: trade_id, date, created_at, ticker,
  // action, shares, fill_price, signal_price, commission, trigger_type,
  // realized_pnl, realized_return_pct, realized_alpha_pct, days_held,
  // exit_reason.
  nlohmann::json trades(const LedgerWindow& window) const;
  // executor_shadow_book by date, then ticker ascending: date, ticker,
  // block_reason, research_score, conviction, sector, predicted_direction,
  // prediction_confidence, intended_position_pct, intended_dollars,
  // market_regime.
  nlohmann::json shadow_book(const LedgerWindow& window) const;

 private:
  explicit LedgerReader(core::ReadOnlyDatabase database) : database_(std::move(database)) {}
  nlohmann::json select(const char* table, const char* sql, const LedgerWindow& window) const;

  core::ReadOnlyDatabase database_;
};

}  // namespace ae::executor
