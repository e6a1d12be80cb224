// Builds a Notifier from the alarm document's topics and the optional
// notification settings ($AE_HOME/config/notifications.json):
//   {"webhook": {"timeout_ms": 5000, "retries": 2, "backoff_ms": 1000},
//    "smtp": {"host": "127.0.0.1", "port": 25, "from": "ae@host", "timeout_ms": 10000,
//             "starttls": false},
//    "subscriptions": {"alpha-engine-alerts": [{"Protocol": "http", "Endpoint": "http://..."}]}}
// Subscriptions use SNS's shape (Protocol http|email, Endpoint) and come from
// both the topic's CloudFormation "Subscription" list and the settings file.
// Every topic also gets the always-on log file. Unknown protocols or fields
// are InvalidInput.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "ops/alarm_definition.h"
#include "ops/notifier.h"

namespace ae::ops {

std::unique_ptr<Notifier> build_notifier(core::Database& database, core::Clock& clock,
                                         const std::filesystem::path& log_path,
                                         const std::vector<TopicDefinition>& topics,
                                         const nlohmann::json& settings);

}  // namespace ae::ops
