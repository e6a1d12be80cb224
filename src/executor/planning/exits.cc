#include "executor/planning/exits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "executor/planning/indicators.h"
#include "executor/planning/market_data.h"

namespace ae::executor {
namespace {

using core::ExitAction;

double window_return(const PriceHistory& history, std::size_t bars) {
  const std::size_t n = std::min(bars, history.size() - 1);
  return history.close.back() / history.close[history.size() - 1 - n] - 1;
}

std::optional<ExitDecision> stop_rule(const Position& position, double price, const ExitInput& in,
                                      const RiskConfig& c) {
  const auto it = in.histories->find(position.ticker);
  double atr = NAN, highest = NAN;
  if (it != in.histories->end()) {
    const auto& h = it->second;
    atr = last_atr(h);
    // The bars dated on or after the entry (the dates are in order).
    const auto first = static_cast<std::size_t>(
        std::lower_bound(h.dates.begin(), h.dates.end(), *position.entry_date) - h.dates.begin());
    for (std::size_t i = first; i < h.size(); ++i)
      highest = std::isnan(highest) ? h.high[i] : std::max(highest, h.high[i]);
    if (h.size() - first < 2) highest = NAN;
  }
  if (std::isnan(atr) || std::isnan(highest)) {
    const double stop = position.avg_cost * (1 - c.fallback_stop_pct);
    if (price <= stop)
      return ExitDecision{position.ticker, ExitAction::kExit, "fallback_stop",
                          fmt::format("price {:.2f} <= fallback stop {:.2f}", price, stop)};
    return std::nullopt;
  }
  const double stop = highest - atr * c.atr_multiplier;
  if (price > stop) return std::nullopt;
  const auto etf_it = in.sector_etf->find(position.ticker);
  const auto etf =
      in.histories->find(etf_it != in.sector_etf->end() ? etf_it->second : std::string("SPY"));
  if (etf != in.histories->end() && etf->second.size() > 1 && it->second.size() > 1) {
    const double relative = window_return(it->second, 20) - window_return(etf->second, 20);
    if (relative > 0.05) return std::nullopt;  // sector-relative veto
  }
  return ExitDecision{position.ticker, ExitAction::kExit, "atr_trailing_stop",
                      fmt::format("price {:.2f} <= stop {:.2f} (high {:.2f} - {:.1f} x ATR {:.2f})",
                                  price, stop, highest, c.atr_multiplier, atr)};
}

}  // namespace

int weekdays_held(core::Date entry, core::Date run_date) {
  const auto days = (std::chrono::sys_days(run_date) - std::chrono::sys_days(entry)).count();
  if (days <= 0) return 0;
  // Five weekdays in every whole week, then the days of the part week after them.
  int count = static_cast<int>(days / 7) * 5;
  const unsigned first = core::weekday_of(entry).c_encoding();  // 0 = Sunday
  for (unsigned k = 1; k <= static_cast<unsigned>(days % 7); ++k) {
    const unsigned w = (first + k) % 7;
    if (w != 0 && w != 6) ++count;
  }
  return count;
}

std::vector<ExitDecision> evaluate_strategy_exits(const ExitInput& in, const RiskConfig& c) {
  std::vector<ExitDecision> out;
  for (const auto& position : in.portfolio->positions) {
    if (position.shares <= 0 || !position.entry_date) continue;
    const auto signal = in.research_signals->find(position.ticker);
    const bool has_signal = signal != in.research_signals->end();
    if (has_signal && (signal->second == core::SignalAction::kExit ||
                       signal->second == core::SignalAction::kReduce))
      continue;
    const auto* current = in.prices->find(position.ticker);
    if (!current) continue;
    const double price = *current;
    if (auto stop = stop_rule(position, price, in, c)) {
      out.push_back(*stop);
      continue;
    }
    if (position.avg_cost > 0 &&
        (price - position.avg_cost) / position.avg_cost >= c.profit_take_pct) {
      out.push_back({position.ticker, ExitAction::kReduce, "profit_take",
                     fmt::format("gain {:.1f}% >= {:.1f}%", (price / position.avg_cost - 1) * 100,
                                 c.profit_take_pct * 100)});
      continue;
    }
    const auto h = in.histories->find(position.ticker);
    if (h != in.histories->end()) {
      const double mom = momentum(h->second.close, 20);
      // RSI(14) only when the momentum qualifies (it reads the whole history).
      const double rsi = mom < c.momentum_exit_threshold ? last_rsi14(h->second) : NAN;
      if (!std::isnan(rsi) && rsi < 30) {
        out.push_back({position.ticker, ExitAction::kExit, "momentum_exit",
                       fmt::format("20-day momentum {:.1f}%, RSI {:.0f}", mom * 100, rsi)});
        continue;
      }
    }
    if (!has_signal || signal->second == core::SignalAction::kHold) {
      const int held = weekdays_held(*position.entry_date, in.run_date);
      if (held >= c.time_decay_exit_days) {
        out.push_back({position.ticker, ExitAction::kExit, "time_decay_exit",
                       fmt::format("held {} trading days", held)});
      } else if (held >= c.time_decay_reduce_days) {
        out.push_back({position.ticker, ExitAction::kReduce, "time_decay_reduce",
                       fmt::format("held {} trading days", held)});
      }
    }
  }
  return out;
}

std::vector<ExitDecision> drawdown_forced_exits(const Portfolio& portfolio, double dd_multiplier,
                                                const std::set<std::string>& already_exiting) {
  std::vector<ExitDecision> out;
  const int count = dd_multiplier <= 0.25 ? 2 : dd_multiplier <= 0.5 ? 1 : 0;
  if (count == 0) return out;
  std::vector<const Position*> ranked;
  for (const auto& p : portfolio.positions) ranked.push_back(&p);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Position* a, const Position* b) {
    const double sa = a->research_score.value_or(50), sb = b->research_score.value_or(50);
    if (sa != sb) return sa < sb;
    if (a->market_value != b->market_value) return a->market_value < b->market_value;
    return a->ticker < b->ticker;
  });
  for (const auto* p : ranked) {
    if (static_cast<int>(out.size()) == count) break;
    if (p->shares <= 0 || already_exiting.count(p->ticker)) continue;
    out.push_back({p->ticker, ExitAction::kExit, "drawdown_forced_exit",
                   fmt::format("drawdown multiplier {:.2f}", dd_multiplier)});
  }
  return out;
}

}  // namespace ae::executor
