// The executor's domain values shared by planner, sizing, risk, exits, broker
// and ledger: a held Position, the Portfolio (NAV, cash, positions) and a
// ticker's daily PriceHistory as of the planning date (bars strictly before
// the trading day, so planning never sees the day it plans for).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ticker_order.h"

namespace ae::executor {

struct Position {
  std::string ticker;
  int shares = 0;  // negative = short
  double avg_cost = 0;
  double market_value = 0;
  std::optional<core::Date> entry_date;
  std::string sector;  // canonical sector name, "" when unknown
  std::optional<double> research_score;
  // The date of the close it is valued at, when that is older than the
  // session planned from (a gap in its bars, or a delisting): the position is
  // then never traded (no price to trade at).
  std::optional<core::Date> stale_since;
};

struct Portfolio {
  double nav = 0;
  double cash = 0;
  std::vector<Position> positions;

  const Position* find(const std::string& ticker) const;
  double invested() const;  // sum of market values
  double sector_exposure(const std::string& sector) const;
};

// A history's own columns (one built by hand, or rows cut around a gap): a
// date per close; each other column as long, or empty where nothing reads it.
struct PriceColumns {
  std::vector<core::Date> dates;
  std::vector<double> high, low, close, volume, vwap;
};

// A ticker's daily bars, oldest first: columns as long as the closes (a
// hand-built history's may be empty where nothing reads them). They are
// views into storage every copy shares (`owner`): the bar store's mapping for
// a history cut from it without a gap (history_as_of), else columns of its
// own (own_columns).
struct PriceHistory {
  std::span<const core::Date> dates;
  std::span<const double> high, low, close, volume, vwap;
  // Wilder ATR(14) of the last bar, computed once when the history is cut
  // from the bar store (history_as_of) so that the many books of a sweep
  // share it; absent for a history built by hand (it is then computed when
  // asked, by the same function: market_data.h).
  std::optional<double> last_atr;
  std::shared_ptr<const void> owner;

  // A history viewing `columns`, which it keeps; InvalidInput when their
  // lengths do not fit.
  static PriceHistory own_columns(PriceColumns columns);

  std::size_t size() const { return close.size(); }
  bool empty() const { return close.empty(); }
};

using PriceHistories = core::TickerMap<PriceHistory>;

}  // namespace ae::executor
