// The daemon's journal of one trading day: every change it makes to the
// order book (an entry or urgent exit done, a stop placed, moved or removed,
// a record added to executed_today), kept as rows of the ledger's daemon_day
// table. The order-book file stays the planner's contract: the daemon reads
// it once, works on an in-memory copy, and writes it back (journal applied)
// at the end of its day, so during the day the file may lag the journal.
// apply() brings any copy of the day's book up to date; it is idempotent.
// Changes are staged, then commit() writes them - together with the trade
// that caused them, if any - in ONE ledger transaction and only then applies
// them to the caller's in-memory book. A crash therefore leaves either the
// trade and its book change, or neither. A fill the broker made just before
// a crash reaches the ledger on restart without the daemon's transaction
// (sync_ledger_with_broker); record_ledger_trades() then gives it its
// executed_today record, so the book never misses a trade the ledger has.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/contracts/order_book.h"
#include "executor/ledger/ledger.h"

namespace ae::executor {

// An executed_today record: ticker, action, shares, fill_price,
// client_order_id, trigger_reason, executed_at.
nlohmann::json executed_record(const std::string& ticker, const std::string& action, int shares,
                               double fill_price, const std::string& client_order_id,
                               const std::string& reason, core::Timestamp at);

class DayJournal {
 public:
  DayJournal(Ledger& ledger, core::Date date);

  // Staging. The approved entry for `ticker` is done (filled or rejected).
  void entry_done(const std::string& ticker);
  // The urgent exit (`ticker`, `signal`) is done.
  void exit_done(const std::string& ticker, core::ExitAction signal);
  // Places or replaces the stop for stop.ticker.
  void put_stop(const core::ActiveStop& stop);
  void remove_stop(const std::string& ticker);
  // Appends `record` (with "ticker" and a unique "client_order_id"; a
  // second record with the same id is ignored) to executed_today.
  void executed(const nlohmann::json& record);

  // Stages executed() for every trade of the journal's date in the ledger
  // that `book` (brought up to date by apply()) has no record of.
  void record_ledger_trades(const core::OrderBook& book);

  bool has_staged() const { return !staged_.empty(); }
  // Writes `trade` (if any) and the staged changes in one transaction, then
  // applies the changes to `book`. Nothing staged and no trade: no write.
  void commit(core::OrderBook& book, const std::optional<TradeRecord>& trade = std::nullopt);

  // Brings `book` up to date with every committed change of the journal's
  // date (a book of another date is left alone).
  void apply(core::OrderBook& book) const;

  // Deletes the journals of earlier days.
  void prune_older();

 private:
  struct Row {
    std::string kind;
    std::string key;
    std::optional<core::ActiveStop> stop;  // kind "stop": absent = removed
    std::optional<nlohmann::json> record;  // kind "executed"
  };
  static void apply_row(core::OrderBook& book, const Row& row);

  Ledger& ledger_;
  core::Date date_;
  std::string day_;
  std::vector<Row> staged_;
};

}  // namespace ae::executor
