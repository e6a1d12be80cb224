// The executions pages' data, read from the ASL engine's durable history
// (state/states/executions.sqlite, read-only):
//   list_executions  - newest first: name, pipeline (weekday|eod|saturday or
//                      the state machine's name), date (input run_date/date,
//                      else the start day), status, start/stop, duration,
//                      error, cause, failed state;
//   execution_detail - one execution: its record, every state entered with
//                      type, timing, attempts, input/output (clipped), error
//                      and cause; the top-level path taken; whether the
//                      coverage self-heal fired and how it ended;
//   execution_graph  - the SVG of its definition with the path highlighted.
// A home without the database lists nothing; an unknown name is NotFound.
#pragma once

#include <optional>
#include <string>

#include "web/home_reader.h"
#include "web/query.h"

namespace ae::web {

Json list_executions(const HomeReader& home, const std::optional<std::string>& pipeline,
                     const DateRange& range, int limit);

Json execution_detail(const HomeReader& home, const std::string& name);

std::string execution_graph(const HomeReader& home, const std::string& name);

// What the coverage page needs of a weekday execution, without reading its
// payloads: status, self_heal {fired, outcome} and the first coverage
// check's result (the Payload of app::kCoverageCheckState, or null).
Json coverage_trace(const HomeReader& home, const std::string& name);

// "alpha-engine-weekday-pipeline" -> "weekday" (other names unchanged).
std::string pipeline_of(const std::string& state_machine);

}  // namespace ae::web
