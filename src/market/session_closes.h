// The end-of-day data step (`ae data close`, the eod pipeline's
// PostMarketData, the saturday pipeline's DataPhase1): after the day's bars
// are in the bar store (imported, or already there on the simulated market),
// confirm the session's closes and record health/daily_data.json.
//   - the date must be a trading day whose session has closed by `now`;
//   - SPY without a finite close that day is DailyDataMissing (health
//     failed, nothing else written);
//   - index members without a finite close are listed; more than
//     `max_missing_share` of them makes the run degraded (still usable: the
//     stages that need a ticker's close check it themselves).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/error.h"
#include "market/bar_store.h"

namespace ae::market {

class DailyDataMissing : public core::Error {
 public:
  using core::Error::Error;
  static constexpr const char* name() { return "DailyDataMissing"; }
};

struct SessionCloses {
  core::Date date;
  std::size_t members = 0;
  std::size_t with_close = 0;
  std::vector<std::string> missing;  // members without a finite close, sorted
  bool degraded = false;
};

SessionCloses record_session_closes(const BarStore& bars, core::ArtifactStore& store,
                                    const core::Clock& clock, core::Date date,
                                    double max_missing_share = 0.05);

}  // namespace ae::market
