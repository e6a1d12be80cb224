#include "executor/broker/fix/fix_settings.h"

#include <fmt/format.h>

#include "core/error.h"

namespace ae::executor {

core::ParameterSet fix_parameters() {
  return core::ParameterSet(
      "fix",
      {
          core::text_parameter("session.host", "127.0.0.1",
                               "The gateway (acceptor) the initiator connects to"),
          core::integer_parameter("session.port", 9878, 1, 65535,
                                  "Its TCP port; `ae exchange` listens here"),
          core::text_parameter("session.sender_comp_id", "ALPHAENGINE",
                               "SenderCompID (49) of our messages"),
          core::text_parameter("session.target_comp_id", "EXCHANGE",
                               "TargetCompID (56): the gateway's CompID"),
          core::integer_parameter("session.heartbeat_seconds", 30, 1, 300,
                                  "HeartBtInt (108) sent in the Logon"),
          core::integer_parameter("session.reconnect_seconds", 5, 1, 300,
                                  "Seconds between connection attempts"),
          core::integer_parameter("session.logon_timeout_seconds", 10, 1, 300,
                                  "A Logon not answered in this time fails"),
          core::flag_parameter("session.reset_on_logon", false,
                               "Send ResetSeqNumFlag (141=Y): sequence numbers restart at 1"),
          core::integer_parameter("orders.timeout_seconds", 30, 1, 3600,
                                  "An order not done by then is canceled"),
          core::integer_parameter("orders.reconcile_timeout_seconds", 30, 1, 3600,
                                  "For every open order's status after a restart"),
      });
}

core::ParameterSet load_fix_parameters(const std::filesystem::path& user_file) {
  auto parameters = fix_parameters();
  core::apply_shipped_layers(parameters, "fix.yaml", core::kDefaultProfile);
  if (std::filesystem::exists(user_file)) parameters.apply_yaml_file(user_file);
  return parameters;
}

FixSessionConfig fix_session_config(const core::ParameterSet& p) {
  FixSessionConfig c;
  c.host = p.get_string("session.host");
  c.port = static_cast<int>(p.get_int("session.port"));
  c.sender_comp_id = p.get_string("session.sender_comp_id");
  c.target_comp_id = p.get_string("session.target_comp_id");
  c.heartbeat_seconds = static_cast<int>(p.get_int("session.heartbeat_seconds"));
  c.reconnect_seconds = static_cast<int>(p.get_int("session.reconnect_seconds"));
  c.logon_timeout_seconds = static_cast<int>(p.get_int("session.logon_timeout_seconds"));
  c.reset_on_logon = p.get_bool("session.reset_on_logon");
  c.order_timeout = std::chrono::seconds(p.get_int("orders.timeout_seconds"));
  c.reconcile_timeout = std::chrono::seconds(p.get_int("orders.reconcile_timeout_seconds"));
  for (const auto& [key, value] : {std::pair{"session.host", c.host},
                                   {"session.sender_comp_id", c.sender_comp_id},
                                   {"session.target_comp_id", c.target_comp_id}})
    if (value.empty()) throw core::InvalidInput(fmt::format("fix settings: {} is empty", key));
  return c;
}

std::string describe(const FixSessionConfig& c) {
  return fmt::format("FIX.4.4:{}->{} at {}:{}", c.sender_comp_id, c.target_comp_id, c.host, c.port);
}

}  // namespace ae::executor
