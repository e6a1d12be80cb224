#include "states/run/execution_clock.h"

#include "states/parse/timestamp.h"

namespace ae::states {

std::unique_ptr<core::Clock> execution_clock(HistoryStore& store, const ExecutionRecord& record,
                                             const std::string& kind) {
  const core::RealClock real;
  if (record.clock != "virtual") return core::make_clock(kind, real.now());
  const auto last = store.events(record.id, EventPage{std::nullopt, 1, true});
  if (!last.empty()) return std::make_unique<core::VirtualClock>(last.front().timestamp);
  return std::make_unique<core::VirtualClock>(
      parse_asl_timestamp(record.start_time).value_or(real.now()));
}

}  // namespace ae::states
