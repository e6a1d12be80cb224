// A broker-side trailing stop: it follows the running high at the trail
// distance and sells the whole position once the price falls to it. One rule
// for every broker that holds stops (the paper broker, the FIX broker's
// client-side stops).
#pragma once

namespace ae::executor {

struct TrailingStop {
  double trail = 0;
  double high_water = 0;
};

struct TrailStep {
  double high_water = 0;   // after this price
  bool raised = false;     // the high-water mark moved
  bool triggered = false;  // the price is at or under the stop
};

TrailStep step_trailing_stop(const TrailingStop& stop, double last);

}  // namespace ae::executor
