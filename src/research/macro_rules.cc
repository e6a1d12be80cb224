#include "research/macro_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "research/errors.h"

namespace ae::research {
namespace {

// Present closes of `symbol` up to and including `date`, oldest first, with
// their dates; empty when the symbol is absent.
struct Closes {
  std::vector<double> values;
  std::vector<core::Date> dates;
};

Closes closes_until(const market::BarStore& store, std::string_view symbol, core::Date date) {
  Closes out;
  if (!store.contains(symbol)) return out;
  const auto view = store.read(symbol);
  const std::int32_t day = store.calendar().index_of(date);
  if (view.empty() || view.start_index() > day) return out;
  const auto close = view.field(market::Field::kClose);
  const std::size_t end =
      static_cast<std::size_t>(std::min(day + 1, view.end_index()) - view.start_index());
  for (std::size_t r = 0; r < end; ++r) {
    if (std::isnan(close[r])) continue;
    out.values.push_back(close[r]);
    out.dates.push_back(view.date_at(r));
  }
  return out;
}

double trailing_return(const std::vector<double>& v, std::size_t days) {
  if (v.size() <= days) return NAN;
  return v.back() / v[v.size() - 1 - days] - 1.0;
}

}  // namespace

double clamp_modifier(double modifier) {
  if (std::isnan(modifier)) return 1.0;
  return std::round(std::clamp(modifier, 0.70, 1.30) * 100.0) / 100.0;
}

core::SectorRating rating_for_modifier(double modifier, const core::ParameterSet& p) {
  if (modifier >= p.get_double("macro.overweight_at")) return core::SectorRating::kOverweight;
  if (modifier <= p.get_double("macro.underweight_at")) return core::SectorRating::kUnderweight;
  return core::SectorRating::kMarketWeight;
}

MacroInputs gather_macro_inputs(const market::BarStore& store, core::Date date,
                                const std::vector<const Indicators*>& universe,
                                int sector_lookback_days) {
  MacroInputs in;
  const auto spy = closes_until(store, "SPY", date);
  if (spy.values.empty())
    throw ResearchInputError("research: SPY has no bars on or before " + core::format_date(date) +
                             " in the bar store (needed for the macro regime)");
  const auto& v = spy.values;
  in.spy_price = v.back();
  if (v.size() >= 200) {
    double sum = 0;
    for (std::size_t i = v.size() - 200; i < v.size(); ++i) sum += v[i];
    in.spy_vs_ma200 = v.back() / (sum / 200) - 1.0;
  }
  const core::Date month_ago = core::add_days(date, -30);
  for (std::size_t i = spy.dates.size(); i-- > 0;) {
    if (spy.dates[i] <= month_ago) {
      in.spy_return_30d = v.back() / v[i] - 1.0;
      break;
    }
  }
  const std::size_t from = v.size() > 252 ? v.size() - 252 : 0;
  const double high = *std::max_element(v.begin() + static_cast<std::ptrdiff_t>(from), v.end());
  in.spy_drawdown = 1.0 - v.back() / high;
  const auto vix = closes_until(store, "VIX", date);
  if (!vix.values.empty()) in.vix = vix.values.back();

  int above = 0, counted = 0;
  std::array<double, market::kSectorCount> sector_sum{}, sector_n{};
  double universe_sum = 0, universe_n = 0;
  for (const auto* x : universe) {
    if (x == nullptr) continue;
    if (!std::isnan(x->price_vs_ma200)) {
      ++counted;
      if (x->price_vs_ma200 > 0) ++above;
    }
    if (!std::isnan(x->return_60d)) {
      sector_sum[static_cast<int>(x->sector)] += x->return_60d;
      sector_n[static_cast<int>(x->sector)] += 1;
      universe_sum += x->return_60d;
      universe_n += 1;
    }
  }
  if (counted > 0) in.breadth_above_ma200 = static_cast<double>(above) / counted;

  const double spy_return = trailing_return(v, static_cast<std::size_t>(sector_lookback_days));
  for (market::Sector sector : market::all_sectors()) {
    const int s = static_cast<int>(sector);
    const auto etf = closes_until(store, market::sector_etf(sector), date);
    const double etf_return =
        trailing_return(etf.values, static_cast<std::size_t>(sector_lookback_days));
    if (!std::isnan(etf_return) && !std::isnan(spy_return)) {
      in.sector_relative[s] = etf_return - spy_return;
    } else if (sector_n[s] > 0 && universe_n > 0) {
      in.sector_relative[s] = sector_sum[s] / sector_n[s] - universe_sum / universe_n;
    } else {
      in.sector_relative[s] = 0;
    }
  }
  return in;
}

MacroView macro_rule(const MacroInputs& in, const core::ParameterSet& p) {
  MacroView view;
  int points = 0;
  std::vector<std::string> reasons;
  if (!std::isnan(in.spy_vs_ma200)) {
    points += in.spy_vs_ma200 > 0 ? 1 : -1;
    reasons.push_back(fmt::format("SPY {:+.1f}% vs MA200", in.spy_vs_ma200 * 100));
  }
  if (in.spy_drawdown >= p.get_double("macro.drawdown_severe")) {
    points -= 2;
  } else if (in.spy_drawdown >= p.get_double("macro.drawdown_warn")) {
    points -= 1;
  }
  reasons.push_back(fmt::format("drawdown {:.1f}%", in.spy_drawdown * 100));
  if (!std::isnan(in.vix)) {
    if (in.vix < p.get_double("macro.vix_calm")) points += 1;
    if (in.vix > p.get_double("macro.vix_stressed")) points -= 1;
    reasons.push_back(fmt::format("VIX {:.1f}", in.vix));
  }
  if (!std::isnan(in.breadth_above_ma200)) {
    if (in.breadth_above_ma200 >= p.get_double("macro.breadth_strong")) points += 1;
    if (in.breadth_above_ma200 <= p.get_double("macro.breadth_weak")) points -= 1;
    reasons.push_back(fmt::format("{:.0f}% above MA200", in.breadth_above_ma200 * 100));
  }
  view.points = points;
  if (points >= p.get_int("macro.bull_points")) {
    view.regime = core::MarketRegime::kBull;
  } else if (points <= p.get_int("macro.bear_points")) {
    view.regime = core::MarketRegime::kBear;
  }
  view.key_theme = fmt::format("{} points: {}", points, fmt::join(reasons, ", "));

  const double sensitivity = p.get_double("macro.sector_sensitivity");
  for (market::Sector sector : market::all_sectors()) {
    auto& call = view.sectors[static_cast<int>(sector)];
    const double relative = in.sector_relative[static_cast<int>(sector)];
    call.modifier = clamp_modifier(1.0 + sensitivity * relative);
    call.rating = rating_for_modifier(call.modifier, p);
    call.rationale = fmt::format("{} {:+.1f}% vs SPY over {} days", market::sector_etf(sector),
                                 relative * 100, p.get_int("macro.sector_lookback_days"));
  }
  apply_guardrail(view, in, p);
  return view;
}

bool apply_guardrail(MacroView& view, const MacroInputs& in, const core::ParameterSet& p) {
  const bool fires = in.vix > p.get_double("macro.guardrail_vix") &&
                     in.spy_return_30d < p.get_double("macro.guardrail_spy_30d");
  if (fires && view.regime != core::MarketRegime::kBear) {
    view.regime = core::MarketRegime::kBear;
    view.guardrail_fired = true;
    view.key_theme += "; guardrail: VIX > 30 and SPY 30d < -10% -> bear";
  }
  return view.guardrail_fired;
}

}  // namespace ae::research
