#include "research/indicators.h"

#include <algorithm>
#include <array>
#include <thread>

#include "core/error.h"
#include "market/features/feature_matrix.h"
#include "market/features/reference_features.h"

namespace ae::research {
namespace {

// Enough present bars for the 200-day average and the 252-day high.
constexpr std::size_t kWindow = 300;

double last(std::span<const double> column) { return column.empty() ? NAN : column.back(); }

MacdCross recent_cross(std::span<const double> macd, std::span<const double> signal) {
  const std::size_t n = macd.size();
  for (std::size_t back = 0; back < 3 && back + 1 < n; ++back) {
    const std::size_t i = n - 1 - back;
    const double now = macd[i] - signal[i], before = macd[i - 1] - signal[i - 1];
    if (std::isnan(now) || std::isnan(before)) break;
    if (before <= 0 && now > 0) return MacdCross::kBullish;
    if (before >= 0 && now < 0) return MacdCross::kBearish;
  }
  return MacdCross::kNone;
}

}  // namespace

std::optional<Indicators> compute_indicators(const market::BarStore& store, std::string_view ticker,
                                             market::Sector sector, core::Date date,
                                             int stale_after_days) {
  const auto view = store.read(ticker);
  const auto& calendar = store.calendar();
  const std::int32_t day = calendar.index_of(date);
  if (view.empty() || view.start_index() > day) return std::nullopt;
  const std::size_t end_row =
      static_cast<std::size_t>(std::min(day + 1, view.end_index()) - view.start_index());

  // Collect up to kWindow present rows ending at the run date, oldest first.
  const auto close_all = view.field(market::Field::kClose);
  std::vector<std::size_t> rows;
  for (std::size_t r = end_row; r-- > 0 && rows.size() < kWindow;) {
    if (!std::isnan(close_all[r])) rows.push_back(r);
  }
  if (rows.empty()) return std::nullopt;
  std::reverse(rows.begin(), rows.end());
  const std::int32_t last_index = view.start_index() + static_cast<std::int32_t>(rows.back());
  if (day - last_index > stale_after_days) return std::nullopt;

  using market::features::kTickerInputFields;
  std::array<std::vector<double>, kTickerInputFields.size()> columns;
  for (std::size_t f = 0; f < kTickerInputFields.size(); ++f) {
    const auto source = view.field(kTickerInputFields[f]);
    columns[f].reserve(rows.size());
    for (std::size_t r : rows) columns[f].push_back(source[r]);
  }
  const auto features = market::features::compute_reference_features(market::features::ticker_input(
      {columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]}));

  Indicators out;
  out.ticker = std::string(ticker);
  out.sector = sector;
  out.last_bar = calendar.date_at(last_index);
  const auto& close = columns[3];
  const std::size_t n = close.size();
  out.price = close.back();
  if (n >= 20) {
    double sum = 0;
    int count = 0;
    for (std::size_t i = n - 20; i < n; ++i) {
      if (!std::isnan(columns[4][i])) {
        sum += columns[4][i];
        ++count;
      }
    }
    if (count > 0) out.avg_volume_20d = sum / count;
  }
  out.rsi_14 = last(features.column("rsi_14"));
  out.macd = last(features.column("macd"));
  out.macd_cross = recent_cross(features.column("macd"), features.column("macd_signal"));
  out.price_vs_ma50 = last(features.column("price_vs_ma50"));
  out.price_vs_ma200 = last(features.column("price_vs_ma200"));
  out.momentum_5d = last(features.column("momentum_5d"));
  out.momentum_20d = last(features.column("momentum_20d"));
  out.return_60d = last(features.column("momentum_60d"));
  if (n > 120) out.return_120d = close[n - 1] / close[n - 121] - 1.0;
  out.dist_from_52w_high = last(features.column("dist_from_52w_high"));
  out.atr_14_pct = last(features.column("atr_14_pct"));
  out.realized_vol_20d = last(features.column("realized_vol_20d"));
  out.vol_ratio_10_60 = last(features.column("vol_ratio_10_60"));
  return out;
}

std::vector<std::optional<Indicators>> compute_all_indicators(
    const market::BarStore& store, const std::vector<TickerSector>& tickers, core::Date date,
    int stale_after_days, unsigned threads) {
  std::vector<std::optional<Indicators>> out(tickers.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, tickers.size()));
  std::vector<std::exception_ptr> errors(threads);
  const market::SymbolListing stored(store);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        for (std::size_t i = t; i < tickers.size(); i += threads) {
          if (!stored.contains(tickers[i].ticker)) continue;
          out[i] = compute_indicators(store, tickers[i].ticker, tickers[i].sector, date,
                                      stale_after_days);
        }
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (auto& worker : workers) worker.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return out;
}

}  // namespace ae::research
