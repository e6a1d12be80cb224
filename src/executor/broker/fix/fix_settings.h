// The FIX 4.4 session's settings: the parameter set "fix" (config/fix.yaml,
// compiled in, < $AE_HOME/config/fix.yaml, range-checked like every parameter
// file) and the QuickFIX SessionSettings built from it for the initiator (the
// FIX broker) and for the acceptor (`ae exchange`, the session's other side).
// The message store and the logs live under the folder each side is given.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "core/parameters.h"

namespace ae::executor {

struct FixSessionConfig {
  std::string host;
  int port = 0;
  std::string sender_comp_id;
  std::string target_comp_id;
  int heartbeat_seconds = 30;
  int reconnect_seconds = 5;
  int logon_timeout_seconds = 10;
  bool reset_on_logon = false;
  std::chrono::milliseconds order_timeout{30'000};
  std::chrono::milliseconds reconcile_timeout{30'000};
};

core::ParameterSet fix_parameters();
// The shipped file, then `user_file` when it exists (InvalidInput naming the
// key and range for a bad value).
core::ParameterSet load_fix_parameters(const std::filesystem::path& user_file);
FixSessionConfig fix_session_config(const core::ParameterSet& parameters);

// "FIX.4.4:SENDER->TARGET at host:port", for messages.
std::string describe(const FixSessionConfig& config);

}  // namespace ae::executor
