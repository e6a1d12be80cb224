// The state machine definitions of pipelines/ (and alarms.json), compiled
// into the binary so `ae run` works from any directory.
#pragma once

#include <span>
#include <string>

#include "core/date.h"
#include "core/embedded_files.h"

namespace ae::app::pipelines {

std::span<const core::EmbeddedFile> embedded_files();  // generated

}  // namespace ae::app::pipelines

namespace ae::app {

// The text of pipelines/<name>.asl.json ("weekday", "saturday", "eod");
// core::NotFound for any other name.
std::string pipeline_definition(const std::string& name);

// "alpha-engine-<weekday|saturday|eod>-pipeline": the state machine names
// run_pipeline records.
bool is_pipeline_state_machine(const std::string& state_machine);

// When the reference's schedule starts `pipeline` for `date`: weekday at
// 09:05 New York (06:05 PT, before the open), eod at 16:15 New York (after
// the close; the reference's daemon starts it when the session ends),
// saturday at 00:00 UTC of the date. InvalidInput for any other name.
core::Timestamp scheduled_start(const std::string& pipeline, core::Date date);

}  // namespace ae::app
