// The --clock option of the commands that run on either clock (`ae run`,
// `plan`, `trade`, `eod`, `schedule`, `sfn run|resume|redrive`) and the notice
// a simulation gives. One rule: without --clock a command acts on the world
// (the real clock) unless it runs inside a virtual run or $AE_CLOCK says
// otherwise (core::default_clock_kind).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/date.h"

namespace ae::cli {

// Adds --clock real|virtual writing into `kind` (empty when not given).
void add_clock_option(CLI::App* command, std::string& kind, const std::string& virtual_help);

// `kind`, or the default when it is empty.
std::string clock_kind(const std::string& kind);

// On a virtual clock this process starts (not one inherited from a parent
// run), the first line on stderr: "virtual clock: simulated time from <start>
// (--clock real for production)".
void announce_clock(const std::string& kind, core::Timestamp start);

}  // namespace ae::cli
