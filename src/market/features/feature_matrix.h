// Inputs and outputs of the feature code. A TickerInput is one symbol's
// present bars only (missing rows dropped, so windows count trading bars, as
// the reference's per-ticker frames did), with SPY's and its sector ETF's
// adjusted closes on the same dates (NaN where absent). A FeatureMatrix holds
// one contiguous column per feature over those rows; it is made uninitialised
// (no pass to zero it; its pages are faulted in at once, core/prefault.h), so
// the function filling it writes every value.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/prefault.h"
#include "market/bar.h"

namespace ae::market::features {

struct TickerInput {
  std::span<const double> open, high, low, close, volume, vwap;
  std::span<const double> spy_close;     // may be empty: beta is NaN
  std::span<const double> sector_close;  // may be empty: sector-relative is NaN
  std::size_t rows() const { return close.size(); }
};

// The bar fields a TickerInput carries, in its order.
inline constexpr std::array<Field, 6> kTickerInputFields = {
    Field::kOpen, Field::kHigh, Field::kLow, Field::kClose, Field::kVolume, Field::kVwap};

// A TickerInput of the columns of kTickerInputFields, in that order, without
// SPY's or a sector's closes.
inline TickerInput ticker_input(const std::array<std::span<const double>, 6>& columns) {
  return {.open = columns[0],
          .high = columns[1],
          .low = columns[2],
          .close = columns[3],
          .volume = columns[4],
          .vwap = columns[5],
          .spy_close = {},
          .sector_close = {}};
}

class FeatureMatrix {
 public:
  FeatureMatrix() = default;
  FeatureMatrix(const std::vector<std::string>* names, std::size_t rows)
      : names_(names),
        rows_(rows),
        values_(std::make_unique_for_overwrite<double[]>(names->size() * rows)) {
    core::prefault_for_write(values_.get(), names->size() * rows * sizeof(double));
  }

  const std::vector<std::string>& names() const { return *names_; }
  std::size_t rows() const { return rows_; }
  std::span<double> column(std::size_t feature) { return {values_.get() + feature * rows_, rows_}; }
  std::span<const double> column(std::size_t feature) const {
    return {values_.get() + feature * rows_, rows_};
  }
  // Column by name; throws core::NotFound.
  std::span<const double> column(std::string_view name) const;

 private:
  const std::vector<std::string>* names_ = nullptr;  // static lists, never owned
  std::size_t rows_ = 0;
  std::unique_ptr<double[]> values_;
};

}  // namespace ae::market::features
