#include "market/corporate_actions.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

#include "core/error.h"
#include "market/bar.h"
#include "market/import/csv_reader.h"
#include "market/universe.h"

namespace ae::market {
namespace {

CorporateActionKind parse_kind(const CsvReader& reader, const CsvRow& row, std::size_t column) {
  const std::string& text = row.fields[column];
  for (const auto kind : {CorporateActionKind::kDelisting, CorporateActionKind::kCashMerger,
                          CorporateActionKind::kStockMerger})
    if (text == to_string(kind)) return kind;
  throw core::InvalidInput(reader.where(row, "action") + "'" + text +
                           "' is not delisting, cash_merger or stock_merger");
}

// An optional non-negative amount no larger than a plausible share price.
std::optional<double> amount(const CsvReader& reader, const CsvRow& row, std::size_t column,
                             std::string_view field) {
  if (row.fields[column].empty()) return std::nullopt;
  const double value = parse_number(reader, row, column, field);
  if (value < 0 || value > kMaxPlausiblePrice)
    throw core::InvalidInput(reader.where(row, field) + row.fields[column] +
                             fmt::format(" is outside 0..{:g}", kMaxPlausiblePrice));
  return value;
}

CorporateAction parse_row(const CsvReader& reader, const CsvRow& row,
                          const TradingCalendar& calendar) {
  CorporateAction action;
  action.origin = reader.file() + ":" + std::to_string(row.line);
  const auto date_column = reader.require_column("date");
  try {
    action.date = core::parse_date(row.fields[date_column]);
  } catch (const core::InvalidInput&) {
    throw core::InvalidInput(reader.where(row, "date") + "'" + row.fields[date_column] +
                             "' is not a date (YYYY-MM-DD)");
  }
  if (!calendar.is_trading_day(action.date))
    throw core::InvalidInput(reader.where(row, "date") + core::format_date(action.date) +
                             " is not an NYSE trading day");
  action.ticker = row.fields[reader.require_column("ticker")];
  try {
    validate_symbol(action.ticker);
  } catch (const core::InvalidInput& e) {
    throw core::InvalidInput(reader.where(row, "ticker") + e.what());
  }
  action.kind = parse_kind(reader, row, reader.require_column("action"));
  action.cash = amount(reader, row, reader.require_column("cash"), "cash");
  const auto acquirer_column = reader.require_column("acquirer");
  const auto ratio_column = reader.require_column("ratio");
  const bool stock = action.kind == CorporateActionKind::kStockMerger;
  if (!stock) {
    if (!row.fields[acquirer_column].empty() || !row.fields[ratio_column].empty())
      throw core::InvalidInput(reader.where(row, "acquirer") + "only a stock_merger has an " +
                               "acquirer and a ratio");
    if (action.kind == CorporateActionKind::kCashMerger && !(action.cash > 0.0))
      throw core::InvalidInput(reader.where(row, "cash") +
                               "a cash_merger needs the cash paid per share (> 0)");
    return action;
  }
  action.acquirer = row.fields[acquirer_column];
  try {
    validate_symbol(action.acquirer);
  } catch (const core::InvalidInput& e) {
    throw core::InvalidInput(reader.where(row, "acquirer") +
                             "a stock_merger needs its acquirer: " + e.what());
  }
  if (action.acquirer == action.ticker)
    throw core::InvalidInput(reader.where(row, "acquirer") + "a ticker cannot acquire itself");
  const auto ratio = amount(reader, row, ratio_column, "ratio");
  if (!ratio || !(*ratio > 0))
    throw core::InvalidInput(reader.where(row, "ratio") +
                             "a stock_merger needs the acquirer shares per share (> 0)");
  action.ratio = *ratio;
  return action;
}

}  // namespace

std::string_view to_string(CorporateActionKind kind) {
  switch (kind) {
    case CorporateActionKind::kDelisting:
      return "delisting";
    case CorporateActionKind::kCashMerger:
      return "cash_merger";
    case CorporateActionKind::kStockMerger:
      return "stock_merger";
  }
  return "unknown";
}

std::vector<CorporateAction> read_corporate_actions(const std::string& path,
                                                    const TradingCalendar& calendar) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return {};
  CsvReader reader(path);
  std::vector<CorporateAction> actions;
  std::map<std::string, std::string> seen;  // ticker -> "FILE:LINE"
  for (CsvRow row; reader.next(row);) {
    auto action = parse_row(reader, row, calendar);
    const auto [it, inserted] = seen.emplace(action.ticker, action.origin);
    if (!inserted)
      throw core::InvalidInput(reader.where(row, "ticker") + action.ticker +
                               " already has an action (" + it->second + ")");
    actions.push_back(std::move(action));
  }
  std::sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.ticker) < std::tie(b.date, b.ticker);
  });
  return actions;
}

}  // namespace ae::market
