#include "executor/broker/trailing_stop.h"

#include <algorithm>

namespace ae::executor {

TrailStep step_trailing_stop(const TrailingStop& stop, double last) {
  TrailStep step;
  step.high_water = std::max(stop.high_water, last);
  step.raised = step.high_water > stop.high_water;
  step.triggered = last <= step.high_water - stop.trail;
  return step;
}

}  // namespace ae::executor
