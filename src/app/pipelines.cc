#include "app/pipelines.h"

#include "core/error.h"
#include "core/market_time.h"

namespace ae::app {

std::string pipeline_definition(const std::string& name) {
  return std::string(core::find_embedded(pipelines::embedded_files(), name + ".asl.json"));
}

bool is_pipeline_state_machine(const std::string& state_machine) {
  for (const char* name : {"weekday", "saturday", "eod"})
    if (state_machine == std::string("alpha-engine-") + name + "-pipeline") return true;
  return false;
}

core::Timestamp scheduled_start(const std::string& pipeline, core::Date date) {
  using std::chrono::hours, std::chrono::minutes;
  if (pipeline == "weekday") return core::new_york_instant(date, hours(9) + minutes(5));
  if (pipeline == "eod") return core::new_york_instant(date, hours(16) + minutes(15));
  if (pipeline == "saturday") return std::chrono::sys_days(date);
  throw core::InvalidInput("unknown pipeline '" + pipeline + "' (weekday, saturday or eod)");
}

}  // namespace ae::app
