// The predictor's design matrix, built from the bar store without look-ahead.
//
// Rows are (trading day t, ticker) for the universe members on t that have a
// bar on t. Features are columns of the market layer's feature sets, named
// as there (reference: momentum_20d, ...; Alpha158: KMID, ROC5, ...), each
// computed from bars up to and including t only and rank-normalised across the
// whole cross-section of members on t (cross_section.h) - in training and
// in inference alike, so there is no train/serve skew.
//
// Label (training only), with h = label.horizon trading days:
//   vol_cohort  log(C[t+h]/C[t]) minus the equal-weight mean of the same over
//               the ticker's decile of trailing 20-day realised volatility
//               (std of log returns * sqrt 252) among the members on t
//               (NaN if the cohort has < 2 members) - the reference's canonical
//               alpha;
//   spy         log(C[t+h]/C[t]) - log(SPY[t+h]/SPY[t]);
//   sector      log(C[t+h]/C[t]) minus the equal-weight mean of the same over
//               the ticker's GICS sector among the members on t (NaN if the
//               sector has < 2 members): sector-neutral.
// Labels are clipped to +-clip. Rows whose label window passes the last bar
// of the data (or of `to`) have no label and are left out of training sets.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "market/bar_store.h"
#include "market/universe.h"

namespace ae::predictor {

enum class LabelKind { kVolCohort, kSpy, kSector };
LabelKind parse_label_kind(std::string_view text);  // InvalidInput otherwise

struct Dataset {
  std::vector<std::string> feature_names;
  std::vector<std::string> tickers;      // ticker of each index
  std::vector<std::int32_t> day;         // calendar index per row, non-decreasing
  std::vector<std::uint32_t> ticker_of;  // per row
  std::vector<float> x;                  // rows x features, row-major, rank-normalised
  std::vector<float> y;                  // label per row (NaN when none)
  std::int32_t last_index = -1;  // training sets: the last calendar index their labels may read
  std::size_t rows() const { return day.size(); }
  std::size_t columns() const { return feature_names.size(); }
};

struct DatasetOptions {
  std::vector<std::string> features;
  LabelKind label = LabelKind::kVolCohort;
  int horizon = 21;
  double clip = 0.25;
  int date_stride = 1;
  std::optional<core::Date> from;  // first feature date considered
  std::optional<core::Date> to;    // last date whose bars may be used (features and labels)
  unsigned threads = 2;
};

// Training set: every stride-th trading day in [from, to - horizon], rows with
// a finite label only. Throws NotFound without a universe, InvalidInput when
// a requested feature does not exist.
Dataset build_training_dataset(const market::BarStore& store, const DatasetOptions& options);

// The training set build_training_dataset(store, options) returns, cut from
// `later`: one it built from the same store and options but a later (or the
// same) `to`. A row's features and label read bars up to its label's end
// only, so the shorter set is the longer one's rows whose label ends by the
// shorter `to`: the same values, bit for bit. InvalidInput when `later` ends
// before `options.to` or holds other features.
Dataset training_dataset_through(const Dataset& later, const market::BarStore& store,
                                 const DatasetOptions& options);

// One day's cross-section for inference: rows for the members on `date` with
// a bar on `date`, plus any `extra` symbols (e.g. buy candidates) with a bar
// on `date`; the rank normalisation runs over all of them. `raw` receives the
// un-normalised value of `raw_feature` per row (for the momentum veto).
struct CrossSection {
  Dataset data;
  std::vector<double> raw;
};
// Cross-sections of many days from one feature computation (the backtester
// replays years of mornings): the features of `symbols` on `dates`, computed
// once; at() gives a day's cross-section exactly as build_cross_section does
// (members on the date in `stored`, the store's listing, plus `extra`, which
// must be among `symbols`).
class CrossSectionSource {
 public:
  CrossSectionSource(const market::BarStore& store, std::vector<std::string> symbols,
                     const std::vector<core::Date>& dates, std::vector<std::string> features,
                     const std::string& raw_feature, unsigned threads = 2);
  CrossSection at(core::Date date, const std::vector<std::string>& extra,
                  const market::SymbolListing& stored) const;
  const std::vector<std::string>& features() const { return features_; }
  // The store's universe, read once when the source was built (empty if the
  // store had none).
  const market::Universe& universe() const { return universe_; }

 private:
  struct Grid;
  const market::BarStore& store_;
  std::vector<std::string> symbols_;
  std::map<std::string, std::size_t> symbol_index_;
  std::vector<std::string> features_;
  market::Universe universe_;
  std::shared_ptr<const Grid> grid_;
};

CrossSection build_cross_section(const market::BarStore& store, core::Date date,
                                 const std::vector<std::string>& features,
                                 const std::vector<std::string>& extra,
                                 const std::string& raw_feature, unsigned threads = 2);

}  // namespace ae::predictor
