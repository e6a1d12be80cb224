#include "backtest/day_step.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/market_time.h"
#include "executor/corporate_actions.h"
#include "executor/errors.h"
#include "executor/planning/coverage_guard.h"
#include "executor/planning/market_data.h"

namespace ae::backtest {
namespace {

using executor::Side;

// The planner's morning (09:05 New York), when live emits the coverage metric.
core::Timestamp planning_instant(core::Date date) {
  return core::new_york_instant(date, std::chrono::hours(9) + std::chrono::minutes(5));
}

void sell(BookState& book, const DayMarket& market, core::Date date, const std::string& ticker,
          int shares, double quote, const std::string& action, const std::string& reason,
          const executor::ExecutionModels& models, DayResult& result) {
  const auto fill =
      executor::price_market_order(models, Side::kSell, shares, quote, market.liquidity(ticker));
  if (fill.shares == 0) {
    result.rejections.push_back({date, ticker, action, "no volume"});
    return;
  }
  auto& held = book.holdings.at(ticker);
  book.cash += fill.shares * fill.price - fill.commission;
  held.shares -= fill.shares;
  // An exit the volume cap filled in part did not close the position: it is
  // recorded as the REDUCE it was, and the rest is sold on a later day.
  const bool partial_exit = held.shares > 0 && action != "REDUCE";
  if (held.shares == 0) book.holdings.erase(ticker);
  result.fills.push_back({date, ticker, partial_exit ? "REDUCE" : action, fill.shares, fill.price,
                          fill.commission, fill.cost,
                          partial_exit ? reason + " (partial fill: volume cap)" : reason});
}

void execute_exits(BookState& book, const executor::Plan& plan, const DayMarket& market,
                   core::Date date, const executor::ExecutionModels& models, DayResult& result) {
  for (const auto& exit : plan.book.urgent_exits) {
    if (exit.signal == core::ExitAction::kCover) continue;  // the book never goes short
    const auto held = book.holdings.find(exit.ticker);
    if (held == book.holdings.end()) continue;
    const bool whole = exit.signal == core::ExitAction::kExit;
    const std::string action = whole ? "EXIT" : "REDUCE";
    const int shares = whole ? held->second.shares : std::min(exit.shares, held->second.shares);
    const auto* bar = market.today(exit.ticker);
    if (!bar || !std::isfinite(bar->open) || bar->open <= 0) {
      result.rejections.push_back({date, exit.ticker, action, "no price"});
      continue;
    }
    if (shares <= 0) continue;
    sell(book, market, date, exit.ticker, shares, bar->open, action, exit.reason, models, result);
  }
}

void execute_entries(BookState& book, const executor::Plan& plan, const DayMarket& market,
                     core::Date date, const executor::ExecutionModels& models, DayResult& result) {
  for (const auto& entry : plan.book.approved_entries) {
    const auto* bar = market.today(entry.ticker);
    if (!bar || !std::isfinite(bar->open) || bar->open <= 0) {
      result.rejections.push_back({date, entry.ticker, "ENTER", "no price"});
      continue;
    }
    const auto fill = executor::price_market_order(models, Side::kBuy, entry.shares, bar->open,
                                                   market.liquidity(entry.ticker));
    if (fill.shares == 0) {
      result.rejections.push_back({date, entry.ticker, "ENTER", "no volume"});
      continue;
    }
    const double cost = fill.shares * fill.price + fill.commission;
    if (cost > book.cash) {
      result.rejections.push_back({date, entry.ticker, "ENTER", "insufficient cash"});
      continue;
    }
    book.cash -= cost;
    auto& held = book.holdings[entry.ticker];
    held.avg_cost =
        (held.avg_cost * held.shares + fill.price * fill.shares) / (held.shares + fill.shares);
    held.ticker = entry.ticker;
    held.shares += fill.shares;
    if (!held.entry_date) held.entry_date = date;
    result.fills.push_back({date, entry.ticker, "ENTER", fill.shares, fill.price, fill.commission,
                            fill.cost, "entry"});
  }
}

void execute_stops(BookState& book, const executor::Plan& plan, const DayMarket& market,
                   core::Date date, const executor::ExecutionModels& models, DayResult& result) {
  for (const auto& stop : plan.book.active_stops) {
    const auto held = book.holdings.find(stop.ticker);
    if (held == book.holdings.end() || !(stop.current_stop > 0)) continue;
    const auto* bar = market.today(stop.ticker);
    if (!bar || !std::isfinite(bar->low) || bar->low > stop.current_stop) continue;
    const double quote = std::min(bar->open, stop.current_stop);
    sell(book, market, date, stop.ticker, held->second.shares, quote, "STOP", "stop", models,
         result);
  }
}

// The corporate actions due at the close (executor/corporate_actions.h), as
// live EOD books them: a settled holding is sold at its price, a stock
// merger's shares bought at theirs, neither with a cost.
void settle_corporate_actions(BookState& book, const SeriesCache& series, core::Date date,
                              DayResult& result) {
  std::map<std::string, int> held;
  for (const auto& [ticker, position] : book.holdings) held[ticker] = position.shares;
  const executor::CorporateActionSources sources{
      series.corporate_actions(), &series.universe(), series.bars().calendar(),
      [&series](const std::string& symbol) -> std::optional<market::SeriesView> {
        const auto* view = series.find(symbol);
        if (!view) return std::nullopt;
        return *view;
      }};
  for (const auto& s : executor::settlements_due(held, date, sources)) {
    book.cash += s.shares * s.price;
    book.holdings.erase(s.ticker);
    result.fills.push_back({date, s.ticker, "EXIT", s.shares, s.price, 0, 0, s.reason});
    if (!s.acquired) continue;
    const auto& in = *s.acquired;
    book.cash -= in.shares * in.price;
    auto& position = book.holdings[in.ticker];
    position.avg_cost = (position.avg_cost * position.shares + in.price * in.shares) /
                        (position.shares + in.shares);
    position.ticker = in.ticker;
    position.shares += in.shares;
    if (!position.entry_date) position.entry_date = date;
    result.fills.push_back(
        {date, in.ticker, "ENTER", in.shares, in.price, 0, 0, "stock merger from " + s.ticker});
  }
}

void mark_to_market(BookState& book, const DayMarket& market, int peak_window, DayResult& result) {
  double invested = 0;
  for (const auto& [ticker, held] : book.holdings) {
    double close = NAN;
    if (const auto* bar = market.today(ticker); bar && std::isfinite(bar->close))
      close = bar->close;
    if (!std::isfinite(close))
      if (auto h = market.histories().find(ticker);
          h != market.histories().end() && !h->second.empty())
        close = h->second.close.back();
    if (!std::isfinite(close)) close = held.avg_cost;
    invested += held.shares * close;
  }
  book.nav = book.cash + invested;
  book.recent_navs.push_back(book.nav);
  const auto window = static_cast<std::size_t>(std::max(peak_window, 1));
  if (book.recent_navs.size() > window)
    book.recent_navs.erase(book.recent_navs.begin(),
                           book.recent_navs.end() - static_cast<std::ptrdiff_t>(window));
  book.peak_nav = *std::max_element(book.recent_navs.begin(), book.recent_navs.end());
  result.nav = book.nav;
  result.cash = book.cash;
  result.invested = invested;
}

}  // namespace

BookState opening_book(double cash) {
  BookState book;
  book.cash = cash;
  book.nav = cash;
  return book;
}

DayMarket::DayMarket(const SeriesCache& series, const DecisionDay& day,
                     const std::vector<std::string>& symbols) {
  // Each symbol the store has, once; their histories are cut in parallel.
  std::vector<const std::string*> wanted;
  wanted.reserve(symbols.size());
  for (const auto& symbol : symbols) wanted.push_back(&symbol);
  std::sort(wanted.begin(), wanted.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  wanted.erase(std::unique(wanted.begin(), wanted.end(),
                           [](const std::string* a, const std::string* b) { return *a == *b; }),
               wanted.end());
  struct Cut {
    const market::SeriesView* view = nullptr;
    executor::PriceHistory history;
    std::optional<market::Bar> today;
  };
  std::vector<Cut> cuts(wanted.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, wanted.size(), 8), [&](const auto& range) {
    std::vector<const market::SeriesView*> views;
    for (std::size_t k = range.begin(); k != range.end(); ++k) {
      auto& cut = cuts[k];
      cut.view = series.find(*wanted[k]);
      if (cut.view && cut.view->empty()) cut.view = nullptr;
      views.push_back(cut.view);
      if (!cut.view) continue;
      if (const auto row = cut.view->row_of(day.date))
        if (auto bar = cut.view->bar(*row); !bar.missing()) cut.today = bar;
    }
    auto histories = executor::histories_as_of(views, day.as_of);
    for (std::size_t k = range.begin(); k != range.end(); ++k)
      cuts[k].history = std::move(histories[k - range.begin()]);
  });
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    auto& cut = cuts[k];
    if (!cut.view) continue;
    histories_.emplace_hint(histories_.end(), *wanted[k], std::move(cut.history));
    if (cut.today) today_.emplace_hint(today_.end(), *wanted[k], *cut.today);
  }
}

executor::Liquidity DayMarket::liquidity(const std::string& ticker) const {
  executor::Liquidity out;
  if (const auto* bar = today(ticker)) out.volume = bar->volume;
  if (const auto h = histories_.find(ticker); h != histories_.end())
    out.daily_volatility = executor::daily_volatility(h->second.close);
  return out;
}

const executor::DayPlanInput& DayMarket::plan_input(const executor::PlanSources& sources) const {
  const std::size_t variant = sources.candidates_from_predictions ? 1 : 0;
  std::call_once(plan_input_once_[variant], [&] {
    plan_inputs_[variant] = executor::assemble_day_input(sources, histories_);
  });
  return *plan_inputs_[variant];
}

const market::Bar* DayMarket::today(const std::string& ticker) const {
  const auto it = today_.find(ticker);
  return it == today_.end() ? nullptr : &it->second;
}

executor::PlanSources plan_sources(const BookState& book, const DecisionDay& day,
                                   const SeriesCache& series, const executor::RiskConfig& config) {
  executor::PlanSources sources;
  sources.date = day.date;
  sources.as_of = day.as_of;
  sources.signals = day.signals.get();
  sources.signal_age_days = day.signal_age_days;
  if (day.predictions) sources.predictions = &day.predictions->predictions;
  sources.positions.reserve(book.holdings.size());
  for (const auto& [ticker, held] : book.holdings) sources.positions.push_back(held);
  sources.cash = book.cash;
  sources.recorded_peak_nav = book.peak_nav;
  sources.universe = &series.universe();
  sources.candidates_from_predictions = config.benchmark_relative;
  sources.held_data_gate = config.held_data_gate;
  return sources;
}

std::optional<GuardFiring> CoverageGuard::check(const DecisionDay& day) {
  if (!day.signals) return std::nullopt;
  if (!coverage_ || signals_ != day.signals || predictions_ != day.predictions) {
    signals_ = day.signals;
    predictions_ = day.predictions;
    coverage_ = core::compute_coverage(day.signals->date, day.signals.get(), day.predictions.get());
  }
  try {
    executor::enforce_coverage(*coverage_, metrics_, planning_instant(day.date));
  } catch (const executor::UnscoredBuyCandidatesError& error) {
    return GuardFiring{day.date, std::string(error.name()), error.what()};
  }
  return std::nullopt;
}

DayResult step_day(BookState& book, const DayMarket& market, const DecisionDay& day,
                   const std::optional<GuardFiring>& coverage, const SeriesCache& series,
                   const executor::RiskConfig& config, const executor::ExecutionModels& models) {
  DayResult result;
  if (coverage) {
    result.guard = coverage;
  } else if (day.signals) {
    try {
      const auto sources = plan_sources(book, day, series, config);
      const auto input =
          executor::assemble_book_input(market.plan_input(sources), sources, market.histories());
      result.plan = executor::plan_day(input, config);
    } catch (const executor::PipelineHardFail& error) {
      result.guard = GuardFiring{day.date, std::string(error.name()), error.what()};
    }
  }
  if (result.plan) {
    execute_exits(book, *result.plan, market, day.date, models, result);
    execute_entries(book, *result.plan, market, day.date, models, result);
    execute_stops(book, *result.plan, market, day.date, models, result);
  }
  settle_corporate_actions(book, series, day.date, result);
  mark_to_market(book, market, config.drawdown_peak_window_days, result);
  return result;
}

}  // namespace ae::backtest
