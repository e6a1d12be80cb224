// Hand-built daily histories for the planner's tests: one bar per calendar
// day, the last dated `last`, every close at `price`, high and low 1 away,
// volume 1e6 and the VWAP at the price.
#pragma once

#include <utility>

#include "core/date.h"
#include "executor/portfolio.h"

namespace ae::executor::testing {

inline PriceColumns flat_columns(core::Date last, int bars, double price) {
  PriceColumns h;
  for (int i = bars - 1; i >= 0; --i) {
    h.dates.push_back(core::add_days(last, -i));
    h.high.push_back(price + 1);
    h.low.push_back(price - 1);
    h.close.push_back(price);
    h.volume.push_back(1e6);
    h.vwap.push_back(price);
  }
  return h;
}

inline PriceHistory flat_history(core::Date last, int bars, double price) {
  return PriceHistory::own_columns(flat_columns(last, bars, price));
}

}  // namespace ae::executor::testing
