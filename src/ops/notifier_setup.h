// Builds a Notifier from the alarm document's topics and the optional
// notification settings ($AE_HOME/config/notifications.json), every key
// optional:
//   {"tls": {"ca_bundle": "/etc/ssl/certs/ca-certificates.crt"},
//    "log": {"max_bytes": 10485760, "keep": 5},
//    "webhook": {"timeout_ms": 5000, "retries": 2, "backoff_ms": 1000},
//    "smtp": {"host": "smtp.example.com", "port": 465, "from": "ae@example.com",
//             "timeout_ms": 10000, "smtps": true,
//             "starttls": "required" | "opportunistic" | "off",
//             "username": "ae", "password": "...", "auth": "any" | "plain" | "login"},
//    "subscriptions": {"alpha-engine-alerts": [
//        {"Protocol": "https", "Endpoint": "https://hooks.slack.com/services/...",
//         "Format": "slack"},
//        {"Protocol": "https", "Endpoint": "https://api.telegram.org/bot<token>/sendMessage",
//         "Format": "telegram", "ChatId": "-1001234567890"},
//        {"Protocol": "email", "Endpoint": "ops@example.com"}]}}
// Subscriptions use SNS's shape (Protocol http|https|email, Endpoint; Format
// and ChatId are this project's) and come from both the topic's
// CloudFormation "Subscription" list and the settings file. "smtps" defaults
// to true on port 465; "starttls" also takes the older booleans (true =
// opportunistic, false = off). The SMTP credentials come from the
// environment when set (AE_SMTP_USERNAME, AE_SMTP_PASSWORD), else from the
// settings. Every topic also gets the always-on log file. Unknown protocols,
// keys or values of the wrong type are InvalidInput naming the key.
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
