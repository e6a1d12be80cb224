#include "cli/clock_option.h"

#include <iostream>

#include "core/clock.h"

namespace ae::cli {

void add_clock_option(CLI::App* command, std::string& kind, const std::string& virtual_help) {
  command
      ->add_option("--clock", kind,
                   "real | virtual (" + virtual_help +
                       "); default: virtual inside a virtual run, else $AE_CLOCK, else real")
      ->check(CLI::IsMember({"real", "virtual"}));
}

std::string clock_kind(const std::string& kind) {
  return kind.empty() ? core::default_clock_kind() : kind;
}

void announce_clock(const std::string& kind, core::Timestamp start) {
  if (kind != "virtual" || core::inherited_virtual_now()) return;
  std::cerr << "virtual clock: simulated time from " << core::format_timestamp(start)
            << " (--clock real for production)" << std::endl;
}

}  // namespace ae::cli
