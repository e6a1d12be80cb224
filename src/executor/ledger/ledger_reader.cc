#include "executor/ledger/ledger_reader.h"

namespace ae::executor {

std::optional<LedgerReader> LedgerReader::open(const std::filesystem::path& ledger) {
  auto database = core::ReadOnlyDatabase::open(ledger);
  if (!database) return std::nullopt;
  return LedgerReader(std::move(*database));
}

// `sql` selects from `table` with three parameters: from, to (ISO dates,
// inclusive) and the row limit.
nlohmann::json LedgerReader::select(const char* table, const char* sql,
                                    const LedgerWindow& window) const {
  if (!database_.has_table(table)) return nlohmann::json::array();
  const std::string from = window.from ? core::format_date(*window.from) : "0000-00-00";
  const std::string to = window.to ? core::format_date(*window.to) : "9999-99-99";
  return database_.rows(sql, {from, to, static_cast<std::int64_t>(window.limit)});
}

nlohmann::json LedgerReader::eod_rows(const LedgerWindow& window) const {
  return select("eod_pnl",
                "SELECT date, portfolio_nav, daily_return_pct, spy_return_pct, daily_alpha_pct, "
                "spy_close, total_cash, unrealized_pnl, realized_pnl, positions_snapshot FROM "
                "eod_pnl WHERE date >= ? AND date <= ? ORDER BY date DESC LIMIT ?",
                window);
}

nlohmann::json LedgerReader::trades(const LedgerWindow& window) const {
  return select("trades",
                "SELECT trade_id, date, created_at, ticker, action, shares, fill_price, "
                "signal_price, commission, trigger_type, realized_pnl, realized_return_pct, "
                "realized_alpha_pct, days_held, exit_reason FROM trades WHERE date >= ? AND "
                "date <= ? ORDER BY created_at DESC, trade_id DESC LIMIT ?",
                window);
}

nlohmann::json LedgerReader::shadow_book(const LedgerWindow& window) const {
  return select("executor_shadow_book",
                "SELECT date, ticker, block_reason, research_score, conviction, sector, "
                "predicted_direction, prediction_confidence, intended_position_pct, "
                "intended_dollars, market_regime FROM executor_shadow_book WHERE date >= ? AND "
                "date <= ? ORDER BY date DESC, ticker LIMIT ?",
                window);
}

}  // namespace ae::executor
