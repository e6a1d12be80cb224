// The state machine definitions of pipelines/ (and alarms.json), compiled
// into the binary so `ae run` works from any directory.
#pragma once

#include <span>
#include <string>

#include "core/embedded_files.h"

namespace ae::tasks::pipelines {

std::span<const core::EmbeddedFile> embedded_files();  // generated

}  // namespace ae::tasks::pipelines

namespace ae::tasks {

// The text of pipelines/<name>.asl.json ("weekday", "saturday", "eod");
// core::NotFound for any other name.
std::string pipeline_definition(const std::string& name);

}  // namespace ae::tasks
