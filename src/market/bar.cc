#include "market/bar.h"

namespace ae::market {

double Bar::get(Field field) const {
  switch (field) {
    case Field::kOpen:
      return open;
    case Field::kHigh:
      return high;
    case Field::kLow:
      return low;
    case Field::kClose:
      return close;
    case Field::kVolume:
      return volume;
    case Field::kVwap:
      return vwap;
    case Field::kFactor:
      return factor;
  }
  return NAN;
}

void BarSeries::push_back(const Bar& bar) {
  for (int f = 0; f < kFieldCount; ++f) columns[f].push_back(bar.get(static_cast<Field>(f)));
}

void BarSeries::push_missing() {
  for (int f = 0; f < kFieldCount; ++f) columns[f].push_back(NAN);
}

void BarSeries::resize(std::size_t rows) {
  for (auto& column : columns) column.resize(rows, NAN);
}

Bar BarSeries::row(std::size_t i) const {
  Bar bar;
  bar.open = columns[0][i];
  bar.high = columns[1][i];
  bar.low = columns[2][i];
  bar.close = columns[3][i];
  bar.volume = columns[4][i];
  bar.vwap = columns[5][i];
  bar.factor = columns[6][i];
  return bar;
}

void BarSeries::set_row(std::size_t i, const Bar& bar) {
  for (int f = 0; f < kFieldCount; ++f) columns[f][i] = bar.get(static_cast<Field>(f));
}

std::size_t BarSeries::present_count() const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < size(); ++i) n += std::isnan(columns[3][i]) ? 0 : 1;
  return n;
}

}  // namespace ae::market
