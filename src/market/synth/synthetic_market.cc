#include "market/synth/synthetic_market.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/atomic_file.h"
#include "core/error.h"
#include "market/synth/random.h"

namespace ae::market::synth {
namespace {

// ---- model parameters (docs/simulated-market.md) -------------------------
constexpr double kDaysPerYear = 252.0;
constexpr int kShockDof = 5;  // Student-t degrees of freedom

struct Garch {
  double alpha;
  double beta;
};
constexpr Garch kMarketGarch{0.09, 0.89};
constexpr Garch kSectorGarch{0.06, 0.92};
constexpr Garch kIdioGarch{0.07, 0.90};
constexpr double kMarketVol = 0.16;  // annual, long run
constexpr double kSectorVol = 0.11;

struct Regime {
  double drift;           // daily market drift
  double vol_multiplier;  // on the market shock
  double leave_probability;
};
constexpr Regime kBull{0.0005, 0.85, 1.0 / 750.0};
constexpr Regime kBear{-0.0010, 1.7, 1.0 / 120.0};

constexpr double kEarningsPerYear = 4.0;
constexpr double kEarningsJumpScale = 3.0;  // x long-run idiosyncratic daily vol
constexpr double kMissingBarProbability = 0.0005;
constexpr double kHaltTickerShare = 0.02;
constexpr double kDelistShare = 0.03;
constexpr double kLateAddShare = 0.06;
constexpr double kPromotionShare = 0.03;
constexpr double kSp500Share = 0.55;
constexpr double kDividendPayerShare = 0.55;
constexpr int kDividendInterval = 63;
constexpr double kSplitDailyChance = 0.05;
constexpr double kVixPremium = 1.10;

constexpr std::array<double, kSectorCount> kSectorWeights = {0.14, 0.12, 0.14, 0.11, 0.06, 0.05,
                                                             0.15, 0.06, 0.07, 0.05, 0.05};

struct TickerModel {
  std::string symbol;
  Sector sector = Sector::kTechnology;
  bool sp500 = false;
  int promoted_day = -1;  // SP400 -> SP500 on this day
  double beta = 1;
  double sector_loading = 1;
  double idio_vol = 0.01;  // long-run daily
  double start_price = 50;
  double base_volume = 1e6;
  double shares = 1e8;
  double dividend_yield = 0;  // annual, 0 for non-payers
  int dividend_offset = 0;
  double split_threshold = 300;
  int first_day = 0;
  int last_day = 0;  // inclusive
  int halt_start = -1;
  int halt_length = 0;
};

double garch_omega(double daily_vol, Garch g) {
  return daily_vol * daily_vol * (1.0 - g.alpha - g.beta);
}

std::string make_symbol(Random& rng, const std::set<std::string>& taken) {
  for (;;) {
    const int length = rng.chance(0.45) ? 4 : 3;
    std::string symbol;
    for (int i = 0; i < length; ++i) symbol += static_cast<char>('A' + rng.below(26));
    if (!taken.contains(symbol)) return symbol;
  }
}

Sector pick_sector(Random& rng) {
  double u = rng.uniform();
  for (int s = 0; s < kSectorCount; ++s) {
    u -= kSectorWeights[s];
    if (u <= 0) return static_cast<Sector>(s);
  }
  return Sector::kCommunicationServices;
}

std::vector<TickerModel> make_tickers(const SynthOptions& options, int days, Random& rng) {
  std::set<std::string> taken;
  for (const auto& macro : default_macro_symbols()) taken.insert(macro);
  std::vector<TickerModel> tickers(static_cast<std::size_t>(options.tickers));
  const int sp500_count = static_cast<int>(std::lround(kSp500Share * options.tickers));
  for (int i = 0; i < options.tickers; ++i) {
    TickerModel& t = tickers[static_cast<std::size_t>(i)];
    t.symbol = make_symbol(rng, taken);
    taken.insert(t.symbol);
    t.sector = pick_sector(rng);
    t.sp500 = i < sp500_count;
    t.beta = std::clamp(1.0 + 0.3 * rng.normal(), 0.3, 2.0);
    t.sector_loading = std::clamp(1.0 + 0.3 * rng.normal(), 0.2, 2.0);
    t.idio_vol =
        std::clamp(0.28 * std::exp(0.35 * rng.normal()), 0.12, 0.70) / std::sqrt(kDaysPerYear);
    t.start_price = std::clamp(50.0 * std::exp(0.8 * rng.normal()), 5.0, 600.0);
    t.base_volume = std::clamp(2e6 * std::exp(0.8 * rng.normal()), 2e5, 4e7);
    t.shares = (t.sp500 ? 6e8 : 1.2e8) * std::exp(0.6 * rng.normal());
    if (rng.chance(kDividendPayerShare)) t.dividend_yield = rng.uniform(0.005, 0.04);
    t.dividend_offset = static_cast<int>(rng.below(kDividendInterval));
    t.split_threshold = rng.uniform(180.0, 450.0);
    t.first_day = 0;
    t.last_day = days - 1;
    if (rng.chance(kLateAddShare)) {
      t.first_day =
          20 + static_cast<int>(rng.below(static_cast<std::uint64_t>(days * 7 / 10 - 20)));
    } else if (rng.chance(kDelistShare)) {
      t.last_day =
          days / 2 + static_cast<int>(rng.below(static_cast<std::uint64_t>(days / 2 - 30)));
    }
    if (!t.sp500 && rng.chance(kPromotionShare)) {
      const int life = t.last_day - t.first_day;
      if (life > 40)
        t.promoted_day =
            t.first_day + 20 + static_cast<int>(rng.below(static_cast<std::uint64_t>(life - 40)));
    }
    if (rng.chance(kHaltTickerShare)) {
      const int life = t.last_day - t.first_day;
      if (life > 40) {
        t.halt_length = 2 + static_cast<int>(rng.below(4));
        t.halt_start =
            t.first_day + 10 + static_cast<int>(rng.below(static_cast<std::uint64_t>(life - 30)));
      }
    }
  }
  return tickers;
}

// The latent daily paths of every ticker and factor.
struct Paths {
  std::vector<std::vector<double>> log_price;  // [ticker][day], adjusted (total return)
  std::vector<std::vector<double>> day_vol;    // [ticker][day] conditional daily vol
  std::vector<double> market_vol;              // [day]
  std::vector<int> bear;                       // [day] 1 in the bear regime
};

Paths simulate_paths(const SynthOptions& options, const std::vector<TickerModel>& tickers,
                     int days) {
  const std::size_t n = tickers.size();
  Paths paths;
  paths.log_price.assign(n, std::vector<double>(static_cast<std::size_t>(days), NAN));
  paths.day_vol.assign(n, std::vector<double>(static_cast<std::size_t>(days), NAN));
  paths.market_vol.resize(static_cast<std::size_t>(days));
  paths.bear.resize(static_cast<std::size_t>(days));

  Random market_rng(options.seed, 1);
  std::vector<Random> sector_rng;
  for (int s = 0; s < kSectorCount; ++s)
    sector_rng.emplace_back(options.seed, 100 + static_cast<std::uint64_t>(s));
  std::vector<Random> ticker_rng;
  ticker_rng.reserve(n);
  for (std::size_t i = 0; i < n; ++i) ticker_rng.emplace_back(options.seed, 1000 + i);

  const double market_lr = kMarketVol / std::sqrt(kDaysPerYear);
  const double sector_lr = kSectorVol / std::sqrt(kDaysPerYear);
  double market_h = market_lr * market_lr;
  std::array<double, kSectorCount> sector_h;
  sector_h.fill(sector_lr * sector_lr);
  std::vector<double> idio_h(n);
  for (std::size_t i = 0; i < n; ++i) idio_h[i] = tickers[i].idio_vol * tickers[i].idio_vol;

  bool bear = false;
  std::vector<Components> components(n);
  std::vector<double> scores(n, NAN);
  const int progress_step = std::max(1, days / 10);
  for (int t = 0; t < days; ++t) {
    if (t > 0 && t % progress_step == 0) {
      spdlog::info("synth: simulated {}/{} days", t, days);
    }
    const auto day = static_cast<std::size_t>(t);
    if (t > 0 && market_rng.chance(bear ? kBear.leave_probability : kBull.leave_probability)) {
      bear = !bear;
    }
    const Regime& regime = bear ? kBear : kBull;
    paths.bear[day] = bear ? 1 : 0;
    const double market_sigma = std::sqrt(market_h) * regime.vol_multiplier;
    const double market_shock = market_sigma * market_rng.student_t(kShockDof);
    const double market_return = regime.drift + market_shock;
    paths.market_vol[day] = market_sigma;
    // The GARCH state sees the shock before the regime's multiplier (a
    // multiplied shock would make the bear regime's variance explosive).
    const double garch_shock = market_shock / regime.vol_multiplier;
    market_h = garch_omega(market_lr, kMarketGarch) +
               kMarketGarch.alpha * garch_shock * garch_shock + kMarketGarch.beta * market_h;

    std::array<double, kSectorCount> sector_return{};
    std::array<double, kSectorCount> sector_sigma{};
    for (int s = 0; s < kSectorCount; ++s) {
      sector_sigma[s] = std::sqrt(sector_h[s]);
      sector_return[s] = sector_sigma[s] * sector_rng[s].student_t(kShockDof);
      sector_h[s] = garch_omega(sector_lr, kSectorGarch) +
                    kSectorGarch.alpha * sector_return[s] * sector_return[s] +
                    kSectorGarch.beta * sector_h[s];
    }

    // Planted component: oracle scores from yesterday's closes.
    std::fill(scores.begin(), scores.end(), NAN);
    if (t > kMomentumLong) {
      for (std::size_t i = 0; i < n; ++i) {
        const TickerModel& m = tickers[i];
        const bool listed = t - 1 - kMomentumLong >= m.first_day && t - 1 <= m.last_day;
        components[i] = listed ? components_at(paths.log_price[i], day - 1) : Components{};
      }
      scores = oracle_scores(components);
    }

    for (std::size_t i = 0; i < n; ++i) {
      const TickerModel& m = tickers[i];
      Random& rng = ticker_rng[i];
      const double idio_sigma = std::sqrt(idio_h[i]);
      const double idio = idio_sigma * rng.student_t(kShockDof);
      double jump = 0;
      if (rng.chance(kEarningsPerYear / kDaysPerYear)) {
        jump = kEarningsJumpScale * m.idio_vol * rng.normal();
      }
      idio_h[i] = garch_omega(m.idio_vol, kIdioGarch) +
                  kIdioGarch.alpha * (idio + jump) * (idio + jump) + kIdioGarch.beta * idio_h[i];
      const int s = static_cast<int>(m.sector);
      const double drift =
          std::isfinite(scores[i]) ? options.signal_strength * m.idio_vol * scores[i] : 0.0;
      const double r =
          m.beta * market_return + m.sector_loading * sector_return[s] + idio + jump + drift;
      const double previous = t == 0 ? std::log(m.start_price) : paths.log_price[i][day - 1];
      paths.log_price[i][day] = t == 0 ? previous : previous + r;
      paths.day_vol[i][day] =
          std::sqrt(m.beta * m.beta * market_sigma * market_sigma +
                    m.sector_loading * m.sector_loading * sector_sigma[s] * sector_sigma[s] +
                    idio_sigma * idio_sigma);
    }
  }
  return paths;
}

// Builds one day's OHLC/VWAP/volume around a known previous and current close.
Bar make_bar(Random& rng, double previous_close, double close, double day_vol, double base_volume,
             double long_run_vol) {
  Bar bar;
  const double move = std::log(close / previous_close);
  bar.close = close;
  bar.open = previous_close * std::exp(0.3 * move + 0.25 * day_vol * rng.normal());
  bar.high = std::max(bar.open, bar.close) * std::exp(std::abs(0.5 * day_vol * rng.normal()));
  bar.low = std::min(bar.open, bar.close) * std::exp(-std::abs(0.5 * day_vol * rng.normal()));
  const double typical = (bar.open + bar.high + bar.low + 2.0 * bar.close) / 5.0;
  bar.vwap = std::clamp(typical * std::exp(0.1 * day_vol * rng.normal()), bar.low, bar.high);
  const double surprise = std::abs(move) / long_run_vol;
  const double spike = 1.0 + 0.5 * std::pow(surprise, 1.5);
  bar.volume = std::round(base_volume * std::exp(0.25 * rng.normal()) * spike *
                          std::sqrt(day_vol / long_run_vol));
  bar.factor = 1.0;
  return bar;
}

// Series of one constituent, with corporate actions, missing bars and halts.
BarSeries build_ticker_series(const SynthOptions& options, const TickerModel& m,
                              std::size_t ticker_index, const Paths& paths,
                              std::int32_t start_index, SynthSummary& summary) {
  Random rng(options.seed, 1'000'000 + ticker_index);
  const auto& log_price = paths.log_price[ticker_index];
  const auto& day_vol = paths.day_vol[ticker_index];
  const int life = m.last_day - m.first_day + 1;
  std::vector<double> cumulative(static_cast<std::size_t>(life));  // raw = adjusted path * c
  double c = 1.0;
  double raw_previous = NAN;
  for (int k = 0; k < life; ++k) {
    const int t = m.first_day + k;
    const double adjusted = std::exp(log_price[static_cast<std::size_t>(t)]);
    if (k > 0) {
      if (m.dividend_yield > 0 && (t - m.dividend_offset) % kDividendInterval == 0) {
        const double dividend = m.dividend_yield / 4.0 * raw_previous;
        c -= dividend / adjusted;
        ++summary.dividends;
      }
      if (raw_previous > m.split_threshold && rng.chance(kSplitDailyChance)) {
        c /= raw_previous > 3.0 * m.split_threshold ? 3.0 : 2.0;
        ++summary.splits;
      }
    }
    cumulative[static_cast<std::size_t>(k)] = c;
    raw_previous = adjusted * c;
  }
  const double c_last = cumulative.back();

  BarSeries series;
  series.start_index = start_index + m.first_day;
  series.resize(static_cast<std::size_t>(life));
  for (int k = 0; k < life; ++k) {
    const auto t = static_cast<std::size_t>(m.first_day + k);
    const double scale = c_last;
    const double close = std::exp(log_price[t]) * scale;
    const double previous_close =
        k == 0 ? close * std::exp(-0.002 * rng.normal()) : std::exp(log_price[t - 1]) * scale;
    Bar bar = make_bar(rng, previous_close, close, day_vol[t], m.base_volume, m.idio_vol * 1.6);
    bar.factor = c_last / cumulative[static_cast<std::size_t>(k)];
    const bool halted = m.halt_start >= 0 && static_cast<int>(t) >= m.halt_start &&
                        static_cast<int>(t) < m.halt_start + m.halt_length;
    const bool droppable = k > 0 && k < life - 5;
    const bool missing = droppable && rng.chance(kMissingBarProbability);
    if (halted || missing) {
      if (missing && !halted) ++summary.missing_bars;
      continue;  // the row stays NaN
    }
    series.set_row(static_cast<std::size_t>(k), bar);
  }
  if (m.halt_start >= 0) ++summary.halts;
  return series;
}

// A cap-weighted basket of the members selected by `include(ticker, day)`.
template <typename Include>
std::vector<double> basket_returns(const std::vector<TickerModel>& tickers, const Paths& paths,
                                   int days, Include include) {
  std::vector<double> out(static_cast<std::size_t>(days), 0.0);
  for (int t = 1; t < days; ++t) {
    const auto day = static_cast<std::size_t>(t);
    double weight_sum = 0, weighted = 0;
    for (std::size_t i = 0; i < tickers.size(); ++i) {
      const TickerModel& m = tickers[i];
      if (t - 1 < m.first_day || t > m.last_day || !include(m, t)) continue;
      const double cap = m.shares * std::exp(paths.log_price[i][day - 1]);
      weight_sum += cap;
      weighted += cap * std::expm1(paths.log_price[i][day] - paths.log_price[i][day - 1]);
    }
    out[day] = weight_sum > 0 ? weighted / weight_sum : 0.0;
  }
  return out;
}

BarSeries build_index_series(Random& rng, const std::vector<double>& returns,
                             const std::vector<double>& market_vol, double start_level,
                             double base_volume, std::int32_t start_index) {
  BarSeries series;
  series.start_index = start_index;
  double level = start_level;
  const double long_run = kMarketVol / std::sqrt(kDaysPerYear);
  for (std::size_t t = 0; t < returns.size(); ++t) {
    const double previous = level;
    level *= 1.0 + returns[t];
    Bar bar = make_bar(rng, previous, level, market_vol[t], base_volume, long_run);
    series.push_back(bar);
  }
  return series;
}

BarSeries build_vix_series(Random& rng, const std::vector<double>& spy_returns,
                           std::int32_t start_index) {
  BarSeries series;
  series.start_index = start_index;
  const double long_run = kMarketVol / std::sqrt(kDaysPerYear);
  double h = long_run * long_run;
  double previous = NAN;
  for (double r : spy_returns) {
    const double log_r = std::log1p(r);
    h = garch_omega(long_run, kMarketGarch) + kMarketGarch.alpha * log_r * log_r +
        kMarketGarch.beta * h;
    const double vix =
        100.0 * std::sqrt(kDaysPerYear * h) * kVixPremium * std::exp(0.04 * rng.normal());
    Bar bar;
    bar.close = vix;
    bar.open = std::isnan(previous) ? vix : previous * std::exp(0.02 * rng.normal());
    bar.high = std::max(bar.open, bar.close) * std::exp(std::abs(0.03 * rng.normal()));
    bar.low = std::min(bar.open, bar.close) * std::exp(-std::abs(0.03 * rng.normal()));
    bar.volume = 0;
    bar.vwap = NAN;
    bar.factor = 1.0;
    series.push_back(bar);
    previous = vix;
  }
  return series;
}

Universe make_universe(const std::vector<TickerModel>& tickers, const TradingCalendar& calendar,
                       std::int32_t start_index, SynthSummary& summary) {
  Universe universe;
  for (const auto& m : tickers) {
    Constituent c;
    c.ticker = m.symbol;
    c.name = m.symbol + " Synthetic " + std::string(sector_name(m.sector)) + " Inc.";
    c.sector = m.sector;
    const Date added = calendar.date_at(start_index + m.first_day);
    std::optional<Date> removed;
    if (m.last_day < static_cast<int>(summary.days) - 1) {
      removed = calendar.date_at(start_index + m.last_day + 1);
      ++summary.delisted;
    }
    if (m.first_day > 0) ++summary.added_late;
    if (m.promoted_day >= 0) {
      const Date promoted = calendar.date_at(start_index + m.promoted_day);
      c.memberships.push_back({"SP400", added, promoted});
      c.memberships.push_back({"SP500", promoted, removed});
      ++summary.promoted;
    } else {
      c.memberships.push_back({m.sp500 ? "SP500" : "SP400", added, removed});
    }
    universe.constituents.push_back(std::move(c));
  }
  std::sort(universe.constituents.begin(), universe.constituents.end(),
            [](const Constituent& a, const Constituent& b) { return a.ticker < b.ticker; });
  universe.macro_symbols = default_macro_symbols();
  return universe;
}

}  // namespace

SyntheticMarket generate_market(const SynthOptions& options, const TradingCalendar& calendar) {
  if (options.tickers < 20 || options.tickers > 5000) {
    throw core::InvalidInput("synth: --tickers must be in [20, 5000], got " +
                             std::to_string(options.tickers));
  }
  if (options.years < 2 || options.years > 30) {
    throw core::InvalidInput("synth: --years must be in [2, 30], got " +
                             std::to_string(options.years));
  }
  const auto end_index = calendar.last_index_on_or_before(options.end);
  if (!end_index || *end_index >= calendar.size()) {
    throw core::InvalidInput("synth: end " + core::format_date(options.end) +
                             " is outside the calendar");
  }
  const std::int32_t days_wanted =
      static_cast<std::int32_t>(std::lround(options.years * kDaysPerYear));
  const std::int32_t start_index = *end_index + 1 - days_wanted;
  if (start_index < 0) {
    throw core::InvalidInput("synth: " + std::to_string(options.years) + " years before " +
                             core::format_date(options.end) + " starts before the calendar (" +
                             core::format_date(kCalendarEpoch) + ")");
  }
  const int days = days_wanted;

  SyntheticMarket market;
  SynthSummary& summary = market.summary;
  summary.start = calendar.date_at(start_index);
  summary.end = calendar.date_at(*end_index);
  summary.days = static_cast<std::size_t>(days);
  summary.tickers = static_cast<std::size_t>(options.tickers);

  Random setup_rng(options.seed, 0);
  std::vector<TickerModel> tickers = make_tickers(options, days, setup_rng);
  spdlog::info("synth: {} tickers x {} days ({} to {}), seed {}", options.tickers, days,
               core::format_date(summary.start), core::format_date(summary.end), options.seed);
  const Paths paths = simulate_paths(options, tickers, days);
  for (int b : paths.bear) summary.bear_days += static_cast<std::size_t>(b);

  market.universe = make_universe(tickers, calendar, start_index, summary);
  std::vector<std::size_t> order(tickers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return tickers[a].symbol < tickers[b].symbol; });
  for (std::size_t i : order) {
    market.symbols.push_back(tickers[i].symbol);
    market.series.push_back(
        build_ticker_series(options, tickers[i], i, paths, start_index, summary));
    summary.bars += market.series.back().present_count();
  }

  Random macro_rng(options.seed, 2);
  const auto spy_returns = basket_returns(tickers, paths, days, [](const TickerModel& m, int t) {
    return m.sp500 || (m.promoted_day >= 0 && t >= m.promoted_day);
  });
  market.symbols.emplace_back("SPY");
  market.series.push_back(
      build_index_series(macro_rng, spy_returns, paths.market_vol, 200.0, 7e7, start_index));
  market.symbols.emplace_back("VIX");
  market.series.push_back(build_vix_series(macro_rng, spy_returns, start_index));
  for (Sector sector : all_sectors()) {
    const auto returns = basket_returns(
        tickers, paths, days, [sector](const TickerModel& m, int) { return m.sector == sector; });
    market.symbols.emplace_back(sector_etf(sector));
    market.series.push_back(build_index_series(macro_rng, returns, paths.market_vol,
                                               macro_rng.uniform(40.0, 120.0), 8e6, start_index));
  }

  // Oracle IC measured on the generated adjusted closes (as a user would).
  std::vector<std::vector<double>> log_closes;
  for (std::size_t k = 0; k < tickers.size(); ++k) {
    const BarSeries& s = market.series[k];
    std::vector<double> row(static_cast<std::size_t>(days), NAN);
    const auto& close = s.column(Field::kClose);
    for (std::size_t r = 0; r < s.size(); ++r) {
      row[static_cast<std::size_t>(s.start_index - start_index) + r] = std::log(close[r]);
    }
    log_closes.push_back(std::move(row));
  }
  summary.oracle = measure_oracle_ic(log_closes);
  spdlog::info("synth: oracle rank IC (21-day forward) {:.4f} over {} days", summary.oracle.mean_ic,
               summary.oracle.days);
  return market;
}

void write_market(BarStore& store, const SyntheticMarket& market, const SynthOptions& options,
                  const WriteProgress& progress) {
  const std::set<std::string> keep(market.symbols.begin(), market.symbols.end());
  for (const auto& existing : store.symbols()) {
    if (!keep.contains(existing)) store.remove(existing);
  }
  std::size_t warnings = 0;
  for (std::size_t i = 0; i < market.symbols.size(); ++i) {
    warnings += store.write(market.symbols[i], market.series[i]).size();
    if (progress) progress(i + 1, market.symbols.size());
  }
  if (warnings > 0)
    spdlog::info("synth: {} data-quality warnings (volume spikes, big moves)", warnings);
  store.write_universe(market.universe);
  core::write_file_atomically(store.root() / "synth.json", summary_json(options, market.summary));
}

std::string summary_json(const SynthOptions& options, const SynthSummary& summary) {
  nlohmann::json doc = {
      {"seed", options.seed},
      {"tickers", options.tickers},
      {"years", options.years},
      {"signal_strength", options.signal_strength},
      {"start", core::format_date(summary.start)},
      {"end", core::format_date(summary.end)},
      {"days", summary.days},
      {"bars", summary.bars},
      {"splits", summary.splits},
      {"dividends", summary.dividends},
      {"missing_bars", summary.missing_bars},
      {"halts", summary.halts},
      {"delisted", summary.delisted},
      {"added_late", summary.added_late},
      {"promoted", summary.promoted},
      {"bear_days", summary.bear_days},
      {"oracle",
       {{"horizon_days", kOracleHorizon},
        {"mean_rank_ic", summary.oracle.mean_ic},
        {"rank_ic_stdev", summary.oracle.ic_stdev},
        {"days", summary.oracle.days}}},
  };
  return doc.dump(2) + "\n";
}

}  // namespace ae::market::synth
