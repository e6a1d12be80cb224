#include "executor/intraday/day_journal.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/sqlite.h"
#include "executor/errors.h"

namespace ae::executor {
namespace {

constexpr const char* kEntryDone = "entry_done";
constexpr const char* kExitDone = "exit_done";
constexpr const char* kStop = "stop";
constexpr const char* kExecuted = "executed";

std::string exit_key(const std::string& ticker, core::ExitAction signal) {
  return ticker + ":" + nlohmann::json(signal).get<std::string>();
}

}  // namespace

nlohmann::json executed_record(const std::string& ticker, const std::string& action, int shares,
                               double fill_price, const std::string& client_order_id,
                               const std::string& reason, core::Timestamp at) {
  return {{"ticker", ticker},
          {"action", action},
          {"shares", shares},
          {"fill_price", fill_price},
          {"client_order_id", client_order_id},
          {"trigger_reason", reason},
          {"executed_at", core::format_timestamp(at)}};
}

DayJournal::DayJournal(Ledger& ledger, core::Date date)
    : ledger_(ledger), date_(date), day_(core::format_date(date)) {}

void DayJournal::entry_done(const std::string& ticker) {
  staged_.push_back({kEntryDone, ticker, std::nullopt, std::nullopt});
}

void DayJournal::exit_done(const std::string& ticker, core::ExitAction signal) {
  staged_.push_back({kExitDone, exit_key(ticker, signal), std::nullopt, std::nullopt});
}

void DayJournal::put_stop(const core::ActiveStop& stop) {
  staged_.push_back({kStop, stop.ticker, stop, std::nullopt});
}

void DayJournal::remove_stop(const std::string& ticker) {
  staged_.push_back({kStop, ticker, std::nullopt, std::nullopt});
}

void DayJournal::executed(const nlohmann::json& record) {
  staged_.push_back(
      {kExecuted, record.at("client_order_id").get<std::string>(), std::nullopt, record});
}

void DayJournal::record_ledger_trades(const core::OrderBook& book) {
  for (const auto& trade : ledger_.trades(date_)) {
    const bool recorded =
        std::any_of(book.executed_today.begin(), book.executed_today.end(), [&](const auto& r) {
          return r.contains("client_order_id") && r["client_order_id"] == trade.trade_id;
        });
    if (recorded) continue;
    executed(executed_record(
        trade.ticker, trade.action, trade.shares, trade.fill_price, trade.trade_id,
        trade.exit_reason.value_or(trade.trigger_type.value_or("")), trade.created_at));
  }
}

void DayJournal::commit(core::OrderBook& book, const std::optional<TradeRecord>& trade) {
  auto rows = std::move(staged_);
  staged_.clear();
  if (rows.empty() && !trade) return;
  core::Transaction tx(ledger_.database());
  if (trade) ledger_.record_trade(*trade);
  for (const auto& row : rows) {
    auto use = ledger_.statements().use(
        row.kind == kExecuted
            ? "INSERT OR IGNORE INTO daemon_day(date, kind, key, payload) VALUES(?, ?, ?, ?)"
            : "INSERT INTO daemon_day(date, kind, key, payload) VALUES(?, ?, ?, ?) "
              "ON CONFLICT(date, kind, key) DO UPDATE SET payload = excluded.payload");
    use->bind(1, day_).bind(2, row.kind).bind(3, row.key);
    if (row.stop)
      use->bind(4, nlohmann::json(*row.stop).dump());
    else if (row.record)
      use->bind(4, row.record->dump());
    else
      use->bind_null(4);
    use->run();
  }
  tx.commit();
  for (const auto& row : rows) apply_row(book, row);
}

void DayJournal::apply_row(core::OrderBook& book, const Row& row) {
  const auto& key = row.key;
  if (row.kind == kEntryDone) {
    std::erase_if(book.approved_entries, [&](const auto& e) { return e.ticker == key; });
  } else if (row.kind == kExitDone) {
    std::erase_if(book.urgent_exits,
                  [&](const auto& x) { return exit_key(x.ticker, x.signal) == key; });
  } else if (row.kind == kStop) {
    const auto it = std::find_if(book.active_stops.begin(), book.active_stops.end(),
                                 [&](const auto& stop) { return stop.ticker == key; });
    if (!row.stop) {
      if (it != book.active_stops.end()) book.active_stops.erase(it);
    } else if (it != book.active_stops.end()) {
      *it = *row.stop;
    } else {
      book.active_stops.push_back(*row.stop);
    }
  } else if (row.kind == kExecuted) {
    const bool present =
        std::any_of(book.executed_today.begin(), book.executed_today.end(), [&](const auto& r) {
          return r.contains("client_order_id") && r["client_order_id"] == key;
        });
    if (!present && row.record) book.executed_today.push_back(*row.record);
  }
}

void DayJournal::apply(core::OrderBook& book) const {
  if (book.date != date_) return;
  auto s = ledger_.database().prepare(
      "SELECT kind, key, payload FROM daemon_day WHERE date = ? ORDER BY seq");
  s.bind(1, day_);
  while (s.step()) {
    Row row{s.column_text(0), s.column_text(1), std::nullopt, std::nullopt};
    if (const auto payload = s.column_optional_text(2)) {
      try {
        auto document = nlohmann::json::parse(*payload);
        if (row.kind == kStop)
          row.stop = document.get<core::ActiveStop>();
        else
          row.record = std::move(document);
      } catch (const nlohmann::json::exception& error) {
        throw PipelineHardFail(fmt::format("daemon journal {} {} {} in {} is corrupt: {}", day_,
                                           row.kind, row.key, ledger_.database().path().string(),
                                           error.what()));
      }
    }
    apply_row(book, row);
  }
}

void DayJournal::prune_older() {
  ledger_.database().prepare("DELETE FROM daemon_day WHERE date < ?").bind(1, day_).run();
}

}  // namespace ae::executor
