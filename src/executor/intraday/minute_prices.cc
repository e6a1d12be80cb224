#include "executor/intraday/minute_prices.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/fnv.h"
#include "core/market_time.h"
#include "executor/broker/execution_models.h"

namespace ae::executor {
namespace {

std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double uniform(std::uint64_t& state) { return (splitmix(state) >> 11) * 0x1.0p-53; }

double normal(std::uint64_t& state) {
  const double u1 = std::max(uniform(state), 1e-300), u2 = uniform(state);
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

std::uint64_t seed_of(const std::string& ticker, core::Date date) {
  return core::Fnv1a().add(ticker).value() ^
         static_cast<std::uint64_t>(std::chrono::sys_days(date).time_since_epoch().count());
}

// The cost model's volatility of the present closes before `row` (missing
// bars skipped, as the planner's histories skip them).
double volatility_before(const market::SeriesView& view, std::size_t row) {
  const auto closes = view.field(market::Field::kClose);
  std::vector<double> picked;  // newest first
  for (std::size_t r = row; r-- > 0 && picked.size() <= kVolatilityReturns;)
    if (std::isfinite(closes[r])) picked.push_back(closes[r]);
  std::reverse(picked.begin(), picked.end());
  return daily_volatility(picked);
}

}  // namespace

std::vector<double> minute_path(const market::Bar& bar, const std::string& ticker, core::Date date,
                                int minutes) {
  std::vector<double> path(static_cast<std::size_t>(minutes), bar.close);
  if (minutes < 4) return path;
  std::uint64_t state = seed_of(ticker, date);
  const int last = minutes - 1;
  int t_high = 1 + static_cast<int>(uniform(state) * (last - 1));
  int t_low = 1 + static_cast<int>(uniform(state) * (last - 1));
  if (t_low == t_high) t_low = t_high == 1 ? 2 : t_high - 1;
  std::vector<std::pair<int, double>> points = {
      {0, bar.open}, {t_high, bar.high}, {t_low, bar.low}, {last, bar.close}};
  std::sort(points.begin(), points.end());
  const double range = std::max(bar.high - bar.low, 0.0);
  for (std::size_t leg = 0; leg + 1 < points.size(); ++leg) {
    const auto [t0, p0] = points[leg];
    const auto [t1, p1] = points[leg + 1];
    const int n = t1 - t0;
    std::vector<double> walk(static_cast<std::size_t>(n) + 1, 0.0);
    for (int i = 1; i <= n; ++i) walk[i] = walk[i - 1] + normal(state);
    double peak = 0;
    for (int i = 0; i <= n; ++i) {
      walk[i] -= walk[n] * i / n;  // bridge: zero at both ends
      peak = std::max(peak, std::abs(walk[i]));
    }
    const double scale = peak > 0 ? 0.2 * range / peak : 0;
    for (int i = 0; i <= n; ++i) {
      const double linear = p0 + (p1 - p0) * i / n;
      path[t0 + i] = std::clamp(linear + walk[i] * scale, bar.low, bar.high);
    }
  }
  return path;
}

SimulatedMinutePrices::SimulatedMinutePrices(const market::BarStore& bars,
                                             const core::NyseCalendar& calendar)
    : bars_(bars), calendar_(calendar) {}

SimulatedMinutePrices::DayPaths& SimulatedMinutePrices::day_paths(core::Timestamp instant) {
  if (last_instant_ != instant) {
    last_date_ = core::new_york_date(instant);
    last_day_ = &cache_[std::chrono::sys_days(last_date_).time_since_epoch().count()];
    last_instant_ = instant;
  }
  return *last_day_;
}

const SimulatedMinutePrices::DayPath* SimulatedMinutePrices::path(DayPaths& paths,
                                                                  const std::string& ticker,
                                                                  core::Date date) {
  if (auto it = paths.find(ticker); it != paths.end()) return it->second ? &*it->second : nullptr;
  std::optional<DayPath> result;
  if (calendar_.is_trading_day(date) && bars_.contains(ticker)) {
    const auto view = bars_.read(ticker);
    if (const auto row = view.row_of(date)) {
      const auto bar = view.bar(*row);
      if (!bar.missing()) {
        const auto session = calendar_.session(date);
        const int minutes = static_cast<int>(
            std::chrono::duration_cast<std::chrono::minutes>(session.close - session.open).count());
        DayPath p;
        p.prices = minute_path(bar, ticker, date, minutes);
        p.running_high.resize(p.prices.size());
        p.running_low.resize(p.prices.size());
        double hi = p.prices[0], lo = p.prices[0];
        for (std::size_t i = 0; i < p.prices.size(); ++i) {
          hi = std::max(hi, p.prices[i]);
          lo = std::min(lo, p.prices[i]);
          p.running_high[i] = hi;
          p.running_low[i] = lo;
        }
        p.open = bar.open;
        p.volume = bar.volume;
        p.volatility = volatility_before(view, *row);
        p.session_open = session.open;
        result = std::move(p);
      }
    }
  }
  auto [it, inserted] = paths.emplace(ticker, std::move(result));
  return it->second ? &*it->second : nullptr;
}

std::optional<MinuteState> SimulatedMinutePrices::at(const std::string& ticker,
                                                     core::Timestamp instant) {
  std::lock_guard lock(mutex_);
  auto& paths = day_paths(instant);
  const auto* p = path(paths, ticker, last_date_);
  if (!p) return std::nullopt;
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(instant - p->session_open).count();
  const auto i = static_cast<std::size_t>(
      std::clamp<long long>(minutes, 0, static_cast<long long>(p->prices.size()) - 1));
  return MinuteState{p->prices[i], p->running_high[i], p->running_low[i],
                     p->open,      p->volume,          p->volatility};
}

}  // namespace ae::executor
