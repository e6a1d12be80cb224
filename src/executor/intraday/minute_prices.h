// Intraday prices for the paper broker and the daemon. The simulated source
// derives a deterministic minute path per ticker per day from the daily bar:
// it starts at the open, ends at the close, touches the high and the low at
// minutes drawn from a seed of (ticker, date), and in between follows linear
// legs plus a Brownian bridge (zero at every waypoint) clipped to
// [low, high]. Same bar, ticker and date -> the same path, always. Minute i is
// the price during [open + i min, open + i+1 min); before the open the path's
// first price applies, after the close its last. SimulatedMinutePrices builds
// a day's paths once (on first use) and answers repeated questions about the
// same instant without converting it to New York time again, so a whole
// simulated day of quotes costs a hash lookup and an index each.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/nyse_calendar.h"
#include "market/bar.h"
#include "market/bar_store.h"

namespace ae::executor {

struct MinuteState {
  double last = 0;
  double day_high = 0;  // running high up to and including this minute
  double day_low = 0;
  double day_open = 0;
  double bar_volume = 0;
  double daily_volatility = 0;  // of the closes before the day (execution_models.h)
};

// The path for one bar: `minutes` prices (390 on a regular session).
std::vector<double> minute_path(const market::Bar& bar, const std::string& ticker, core::Date date,
                                int minutes);

class MinutePriceSource {
 public:
  virtual ~MinutePriceSource() = default;
  // nullopt when the ticker has no bar that day.
  virtual std::optional<MinuteState> at(const std::string& ticker, core::Timestamp instant) = 0;
};

// Over the bar store (as written by `ae data synth` or an import).
class SimulatedMinutePrices final : public MinutePriceSource {
 public:
  SimulatedMinutePrices(const market::BarStore& bars, const core::NyseCalendar& calendar);
  std::optional<MinuteState> at(const std::string& ticker, core::Timestamp instant) override;

 private:
  struct DayPath {
    std::vector<double> prices, running_high, running_low;
    double open = 0, volume = 0, volatility = 0;
    core::Timestamp session_open;
  };
  using DayPaths = std::unordered_map<std::string, std::optional<DayPath>>;
  const DayPath* path(DayPaths& paths, const std::string& ticker, core::Date date);
  DayPaths& day_paths(core::Timestamp instant);

  const market::BarStore& bars_;
  const core::NyseCalendar& calendar_;
  std::mutex mutex_;
  std::map<int, DayPaths> cache_;  // by day number since the epoch
  // The last instant asked about and its New York day (a one-entry cache).
  std::optional<core::Timestamp> last_instant_;
  DayPaths* last_day_ = nullptr;
  core::Date last_date_;
};

}  // namespace ae::executor
