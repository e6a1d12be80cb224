#include "executor/corporate_actions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/error.h"
#include "executor/broker/broker.h"

namespace ae::executor {
namespace {

using market::CorporateActionKind;

// The last close before `date`: its date and value.
std::optional<std::pair<core::Date, double>> last_close_before(const CorporateActionSources& s,
                                                               const std::string& ticker,
                                                               core::Date date) {
  const auto view = s.series(ticker);
  if (!view) return std::nullopt;
  const auto row = view->last_present_row_before(date);
  if (!row) return std::nullopt;
  return std::pair(view->date_at(*row), view->field(market::Field::kClose)[*row]);
}

bool has_bar_on(const CorporateActionSources& s, const std::string& ticker, core::Date session) {
  const auto view = s.series(ticker);
  return view && std::isfinite(view->value_on(market::Field::kClose, session));
}

Settlement settle(const market::CorporateAction& action, int shares,
                  const CorporateActionSources& s) {
  Settlement out;
  out.effective = action.date;
  out.ticker = action.ticker;
  out.shares = shares;
  const auto where = fmt::format("{}: {} of {} on {}", action.origin, to_string(action.kind),
                                 action.ticker, core::format_date(action.date));
  switch (action.kind) {
    case CorporateActionKind::kDelisting: {
      out.intent = "DELISTED";
      out.reason = "delisted";
      if (action.cash) {
        out.price = *action.cash;
      } else if (const auto last = last_close_before(s, action.ticker, action.date)) {
        out.price = last->second;
      } else {
        throw core::InvalidInput(where +
                                 ": no close before the date to cash out at; give the "
                                 "cash per share");
      }
      break;
    }
    case CorporateActionKind::kCashMerger:
      out.intent = "CASH_MERGER";
      out.reason = "cash merger";
      out.price = *action.cash;
      break;
    case CorporateActionKind::kStockMerger: {
      const auto acquirer = last_close_before(s, action.acquirer, action.date);
      if (!acquirer)
        throw core::InvalidInput(where + ": the acquirer " + action.acquirer +
                                 " has no close before the date");
      out.intent = "STOCK_MERGER";
      out.reason = "stock merger into " + action.acquirer;
      out.price = action.cash.value_or(0.0) + action.ratio * acquirer->second;
      const int acquired = static_cast<int>(std::floor(shares * action.ratio + 1e-9));
      if (acquired > 0) out.acquired = AcquiredShares{action.acquirer, acquired, acquirer->second};
      break;
    }
  }
  return out;
}

}  // namespace

std::string Settlement::sale_id() const { return client_order_id(effective, ticker, intent); }

std::string Settlement::purchase_id() const {
  return client_order_id(effective, acquired.value().ticker, "MERGER_FROM_" + ticker);
}

std::vector<Settlement> settlements_due(const std::map<std::string, int>& held, core::Date session,
                                        const CorporateActionSources& sources) {
  std::vector<Settlement> out;
  for (const auto& [ticker, shares] : held) {
    if (shares <= 0) continue;
    const auto action = std::find_if(sources.actions.begin(), sources.actions.end(),
                                     [&](const auto& a) { return a.ticker == ticker; });
    if (action != sources.actions.end()) {
      if (action->date <= session) out.push_back(settle(*action, shares, sources));
      continue;
    }
    const auto* constituent = sources.universe ? sources.universe->find(ticker) : nullptr;
    if (!constituent || constituent->member_on(session) || has_bar_on(sources, ticker, session))
      continue;
    const auto last = last_close_before(sources, ticker, core::add_days(session, 1));
    if (!last) continue;  // never traded: nothing to cash out at, it stays stale
    Settlement delisted;
    delisted.effective = sources.calendar.date_at(sources.calendar.index_of(last->first) + 1);
    delisted.ticker = ticker;
    delisted.shares = shares;
    delisted.price = last->second;
    delisted.intent = "DELISTED";
    delisted.reason =
        "delisted (left the universe; last close " + core::format_date(last->first) + ")";
    out.push_back(std::move(delisted));
  }
  std::sort(out.begin(), out.end(), [](const Settlement& a, const Settlement& b) {
    return std::tie(a.effective, a.ticker) < std::tie(b.effective, b.ticker);
  });
  return out;
}

}  // namespace ae::executor
