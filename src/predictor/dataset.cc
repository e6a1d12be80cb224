#include "predictor/dataset.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "core/missing_value.h"
#include "market/features/feature_engine.h"
#include "market/panel.h"
#include "predictor/cross_section.h"

namespace ae::predictor {
namespace {

using core::kNaN;
constexpr std::size_t kChunk = 64;

// Feature values of many symbols on a few chosen days: [slot][symbol][feature].
struct FeatureGrid {
  std::vector<std::int32_t> days;  // sorted calendar indices
  std::size_t symbols = 0, columns = 0;
  std::vector<double> values;
  std::vector<char> present;  // [slot][symbol]: a bar exists on that day
  double& at(std::size_t slot, std::size_t symbol, std::size_t column) {
    return values[(slot * symbols + symbol) * columns + column];
  }
  double at(std::size_t slot, std::size_t symbol, std::size_t column) const {
    return values[(slot * symbols + symbol) * columns + column];
  }
};

using market::features::FeatureSet;
constexpr FeatureSet kFeatureSets[] = {FeatureSet::kReference, FeatureSet::kAlpha158};

// A model column: a column of one of the market layer's feature sets.
struct FeatureColumn {
  FeatureSet set = FeatureSet::kReference;
  std::size_t index = 0;
};

std::vector<FeatureColumn> column_indices(const std::vector<std::string>& wanted) {
  std::vector<FeatureColumn> out;
  for (const auto& name : wanted) {
    bool found = false;
    for (const auto set : kFeatureSets) {
      const auto& names = market::features::feature_names(set);
      const auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end()) continue;
      out.push_back({set, static_cast<std::size_t>(it - names.begin())});
      found = true;
      break;
    }
    if (!found)
      throw core::InvalidInput("predictor: unknown feature '" + name +
                               "' (neither a reference nor an Alpha158 column)");
  }
  return out;
}

FeatureGrid compute_grid(const market::BarStore& store, const std::vector<std::string>& symbols,
                         const std::vector<FeatureColumn>& columns, std::vector<std::int32_t> days,
                         unsigned threads) {
  FeatureGrid grid;
  grid.days = std::move(days);
  grid.symbols = symbols.size();
  grid.columns = columns.size();
  grid.values.assign(grid.days.size() * grid.symbols * grid.columns, kNaN);
  grid.present.assign(grid.days.size() * grid.symbols, 0);
  if (grid.days.empty()) return grid;
  const market::features::FeatureEngine engine(store);
  for (std::size_t begin = 0; begin < symbols.size(); begin += kChunk) {
    const std::size_t end = std::min(symbols.size(), begin + kChunk);
    const std::vector<std::string> chunk(symbols.begin() + static_cast<std::ptrdiff_t>(begin),
                                         symbols.begin() + static_cast<std::ptrdiff_t>(end));
    for (const auto set : kFeatureSets) {
      if (std::none_of(columns.begin(), columns.end(),
                       [set](const FeatureColumn& c) { return c.set == set; }))
        continue;
      const auto computed = engine.compute_all(chunk, set, threads);
      for (std::size_t s = 0; s < computed.size(); ++s) {
        const auto& features = computed[s];
        const std::size_t symbol = begin + s;
        std::size_t slot = 0;
        for (std::size_t row = 0; row < features.day_indices.size(); ++row) {
          const std::int32_t day = features.day_indices[row];
          while (slot < grid.days.size() && grid.days[slot] < day) ++slot;
          if (slot == grid.days.size()) break;
          if (grid.days[slot] != day) continue;
          grid.present[slot * grid.symbols + symbol] = 1;
          for (std::size_t c = 0; c < columns.size(); ++c)
            if (columns[c].set == set)
              grid.at(slot, symbol, c) = features.values.column(columns[c].index)[row];
        }
      }
    }
  }
  return grid;
}

// Rank-normalises each feature across `members` of one slot; returns the rows.
void normalise_slot(FeatureGrid& grid, std::size_t slot, const std::vector<std::size_t>& members) {
  std::vector<double> column(members.size());
  for (std::size_t c = 0; c < grid.columns; ++c) {
    for (std::size_t i = 0; i < members.size(); ++i) column[i] = grid.at(slot, members[i], c);
    rank_normalize(column);
    for (std::size_t i = 0; i < members.size(); ++i) grid.at(slot, members[i], c) = column[i];
  }
}

std::vector<std::string> stored_constituents(const market::BarStore& store,
                                             const market::Universe& universe) {
  std::vector<std::string> out;
  const market::SymbolListing stored(store);
  for (const auto& constituent : universe.constituents)
    if (stored.contains(constituent.ticker)) out.push_back(constituent.ticker);
  return out;
}

double realised_vol(const std::vector<double>& close, std::int32_t t) {
  constexpr int kWindow = 20;
  if (t < kWindow) return kNaN;
  double sum = 0, sum_sq = 0;
  for (std::int32_t k = t - kWindow + 1; k <= t; ++k) {
    const double r =
        std::log(close[static_cast<std::size_t>(k)] / close[static_cast<std::size_t>(k - 1)]);
    if (!std::isfinite(r)) return kNaN;
    sum += r;
    sum_sq += r * r;
  }
  const double mean = sum / kWindow;
  const double variance = (sum_sq - kWindow * mean * mean) / (kWindow - 1);
  return std::sqrt(std::max(variance, 0.0)) * std::sqrt(252.0);
}

// Each finite value minus the equal-weight mean of the finite values of its
// group (a group < 0: none); NaN where the group has fewer than 2 of them.
std::vector<double> demeaned_within(const std::vector<double>& values,
                                    const std::vector<int>& group) {
  std::unordered_map<int, std::pair<double, int>> totals;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (group[i] < 0 || !std::isfinite(values[i])) continue;
    auto& [sum, count] = totals[group[i]];
    sum += values[i];
    ++count;
  }
  std::vector<double> out(values.size(), kNaN);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (group[i] < 0 || !std::isfinite(values[i])) continue;
    const auto& [sum, count] = totals[group[i]];
    if (count >= 2) out[i] = values[i] - sum / count;
  }
  return out;
}

// The calendar indices of the first bar a training set's features start
// from and of the last bar its labels may read.
std::pair<std::int32_t, std::int32_t> training_span(const market::BarStore& store,
                                                    const std::vector<std::string>& symbols,
                                                    const DatasetOptions& options) {
  if (symbols.empty()) throw core::NotFound("predictor: the bar store holds no constituents");
  std::int32_t first = std::numeric_limits<std::int32_t>::max(), last = -1;
  for (const auto& symbol : symbols) {
    const auto view = store.read(symbol);
    if (view.empty()) continue;
    first = std::min(first, view.start_index());
    last = std::max(last, view.end_index() - 1);
  }
  if (last < 0) throw core::NotFound("predictor: every constituent series is empty");
  const auto& calendar = store.calendar();
  if (options.to) last = std::min(last, *calendar.last_index_on_or_before(*options.to));
  if (options.from) first = std::max(first, *calendar.first_index_on_or_after(*options.from));
  return {first, last};
}

}  // namespace

LabelKind parse_label_kind(std::string_view text) {
  if (text == "vol_cohort") return LabelKind::kVolCohort;
  if (text == "spy") return LabelKind::kSpy;
  if (text == "sector") return LabelKind::kSector;
  throw core::InvalidInput("predictor: unknown label kind '" + std::string(text) +
                           "' (vol_cohort, spy or sector)");
}

Dataset build_training_dataset(const market::BarStore& store, const DatasetOptions& options) {
  const auto universe = store.read_universe();
  const auto& calendar = store.calendar();
  const auto symbols = stored_constituents(store, universe);
  const auto columns = column_indices(options.features);
  const auto [first, last] = training_span(store, symbols, options);

  // Close panel over [first, last]; labels read only inside it.
  const auto panel = market::load_panel(store, symbols, market::Field::kClose, first, last + 1);
  std::vector<double> spy;
  if (options.label == LabelKind::kSpy) {
    spy = market::load_panel(store, {"SPY"}, market::Field::kClose, first, last + 1).values[0];
  }

  std::vector<std::int32_t> days;
  for (std::int32_t d = first; d + options.horizon <= last; d += options.date_stride)
    days.push_back(d);
  auto grid = compute_grid(store, symbols, columns, days, options.threads);

  Dataset data;
  data.feature_names = options.features;
  data.tickers = symbols;
  data.last_index = last;
  for (std::size_t slot = 0; slot < grid.days.size(); ++slot) {
    const std::int32_t day = grid.days[slot];
    const core::Date date = calendar.date_at(day);
    const auto t = static_cast<std::size_t>(day - first);
    const auto th = t + static_cast<std::size_t>(options.horizon);
    std::vector<std::size_t> members;
    for (std::size_t s = 0; s < symbols.size(); ++s) {
      if (grid.present[slot * grid.symbols + s] && universe.find(symbols[s])->member_on(date))
        members.push_back(s);
    }
    normalise_slot(grid, slot, members);
    std::vector<double> forward(members.size(), kNaN), vol(members.size(), kNaN);
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto& close = panel.values[members[i]];
      forward[i] = std::log(close[th] / close[t]);
      if (options.label == LabelKind::kSpy) {
        forward[i] -= std::log(spy[th] / spy[t]);
      } else {
        vol[i] = realised_vol(close, static_cast<std::int32_t>(t));
        if (!std::isfinite(forward[i])) vol[i] = kNaN;
      }
    }
    std::vector<double> label = forward;
    if (options.label == LabelKind::kVolCohort) {
      label = demeaned_within(forward, deciles(vol));
    } else if (options.label == LabelKind::kSector) {
      std::vector<int> sector(members.size());
      for (std::size_t i = 0; i < members.size(); ++i)
        sector[i] = static_cast<int>(universe.find(symbols[members[i]])->sector);
      label = demeaned_within(forward, sector);
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (!std::isfinite(label[i])) continue;
      data.day.push_back(day);
      data.ticker_of.push_back(static_cast<std::uint32_t>(members[i]));
      for (std::size_t c = 0; c < grid.columns; ++c)
        data.x.push_back(static_cast<float>(grid.at(slot, members[i], c)));
      data.y.push_back(static_cast<float>(std::clamp(label[i], -options.clip, options.clip)));
    }
  }
  return data;
}

struct CrossSectionSource::Grid : FeatureGrid {};

CrossSectionSource::CrossSectionSource(const market::BarStore& store,
                                       std::vector<std::string> symbols,
                                       const std::vector<core::Date>& dates,
                                       std::vector<std::string> features,
                                       const std::string& raw_feature, unsigned threads)
    : store_(store), symbols_(std::move(symbols)), features_(std::move(features)), grid_(nullptr) {
  if (store.has_universe()) universe_ = store.read_universe();
  for (std::size_t s = 0; s < symbols_.size(); ++s) symbol_index_[symbols_[s]] = s;
  auto columns = column_indices(features_);
  columns.push_back(column_indices({raw_feature}).front());
  std::vector<std::int32_t> days;
  for (const auto& date : dates) days.push_back(store.calendar().index_of(date));
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  auto grid = std::make_shared<Grid>();
  static_cast<FeatureGrid&>(*grid) = compute_grid(store, symbols_, columns, days, threads);
  grid_ = std::move(grid);
}

CrossSection CrossSectionSource::at(core::Date date, const std::vector<std::string>& extra,
                                    const market::SymbolListing& stored) const {
  const std::int32_t day = store_.calendar().index_of(date);
  const auto found = std::lower_bound(grid_->days.begin(), grid_->days.end(), day);
  if (found == grid_->days.end() || *found != day)
    throw core::InvalidInput("cross sections: " + core::format_date(date) + " was not computed");
  const auto slot = static_cast<std::size_t>(found - grid_->days.begin());
  std::set<std::string> wanted;
  for (const auto& ticker : universe_.members_on(date))
    if (stored.contains(ticker)) wanted.insert(ticker);
  for (const auto& ticker : extra) wanted.insert(ticker);
  const std::size_t raw_column = features_.size();

  CrossSection out;
  auto& data = out.data;
  data.feature_names = features_;
  data.tickers.assign(wanted.begin(), wanted.end());
  std::vector<std::size_t> members;  // grid symbol of each present row
  std::vector<std::uint32_t> rows_of;
  for (std::size_t t = 0; t < data.tickers.size(); ++t) {
    const auto it = symbol_index_.find(data.tickers[t]);
    if (it == symbol_index_.end())
      throw core::InvalidInput("cross sections: " + data.tickers[t] + " was not computed");
    if (!grid_->present[slot * grid_->symbols + it->second]) continue;
    members.push_back(it->second);
    rows_of.push_back(static_cast<std::uint32_t>(t));
    out.raw.push_back(grid_->at(slot, it->second, raw_column));
  }
  // Rank-normalise the model's columns only (the raw column stays raw).
  std::vector<std::vector<double>> normalised(raw_column, std::vector<double>(members.size()));
  for (std::size_t c = 0; c < raw_column; ++c) {
    for (std::size_t i = 0; i < members.size(); ++i)
      normalised[c][i] = grid_->at(slot, members[i], c);
    rank_normalize(normalised[c]);
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    data.day.push_back(day);
    data.ticker_of.push_back(rows_of[i]);
    for (std::size_t c = 0; c < raw_column; ++c)
      data.x.push_back(static_cast<float>(normalised[c][i]));
    data.y.push_back(std::numeric_limits<float>::quiet_NaN());
  }
  return out;
}

CrossSection build_cross_section(const market::BarStore& store, core::Date date,
                                 const std::vector<std::string>& features,
                                 const std::vector<std::string>& extra,
                                 const std::string& raw_feature, unsigned threads) {
  std::set<std::string> wanted;
  const market::SymbolListing stored(store);
  if (store.has_universe()) {
    for (const auto& ticker : store.read_universe().members_on(date))
      if (stored.contains(ticker)) wanted.insert(ticker);
  }
  for (const auto& ticker : extra) wanted.insert(ticker);
  const CrossSectionSource source(store, {wanted.begin(), wanted.end()}, {date}, features,
                                  raw_feature, threads);
  return source.at(date, extra, stored);
}

Dataset training_dataset_through(const Dataset& later, const market::BarStore& store,
                                 const DatasetOptions& options) {
  const auto symbols = stored_constituents(store, store.read_universe());
  const std::int32_t last = training_span(store, symbols, options).second;
  if (later.last_index < last)
    throw core::InvalidInput("predictor: a training set through calendar index " +
                             std::to_string(later.last_index) + " cannot give one through " +
                             std::to_string(last));
  if (later.feature_names != options.features || later.tickers != symbols)
    throw core::InvalidInput("predictor: the training set to cut holds other features or tickers");
  // Rows are in day order; a row's label ends `horizon` trading days after it.
  const auto end = std::partition_point(later.day.begin(), later.day.end(), [&](std::int32_t day) {
    return day + options.horizon <= last;
  });
  const auto rows = static_cast<std::size_t>(end - later.day.begin());
  const auto cut = [](const auto& values, std::size_t n) {
    return std::decay_t<decltype(values)>(values.begin(),
                                          values.begin() + static_cast<std::ptrdiff_t>(n));
  };
  Dataset data;
  data.feature_names = later.feature_names;
  data.tickers = later.tickers;
  data.day = cut(later.day, rows);
  data.ticker_of = cut(later.ticker_of, rows);
  data.x = cut(later.x, rows * later.columns());
  data.y = cut(later.y, rows);
  data.last_index = last;
  return data;
}

}  // namespace ae::predictor
