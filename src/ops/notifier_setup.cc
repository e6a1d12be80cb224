#include "ops/notifier_setup.h"

#include <fmt/format.h>

#include "core/error.h"

namespace ae::ops {

namespace {

using nlohmann::json;

std::unique_ptr<Channel> make_channel(const json& subscription, const json& settings,
                                      core::Clock& clock, const std::string& topic) {
  if (!subscription.is_object() || !subscription.contains("Protocol") ||
      !subscription.contains("Endpoint"))
    throw core::InvalidInput(fmt::format("topic '{}': subscription {} needs Protocol and Endpoint",
                                         topic, subscription.dump()));
  const auto protocol = subscription["Protocol"].get<std::string>();
  const auto endpoint = subscription["Endpoint"].get<std::string>();
  if (protocol == "http") {
    const auto options = settings.value("webhook", json::object());
    WebhookOptions webhook;
    webhook.timeout = std::chrono::milliseconds(options.value("timeout_ms", 5000));
    webhook.retries = options.value("retries", 2);
    webhook.backoff = std::chrono::milliseconds(options.value("backoff_ms", 1000));
    return std::make_unique<WebhookChannel>(endpoint, webhook, clock);
  }
  if (protocol == "email") {
    const auto options = settings.value("smtp", json::object());
    SmtpOptions smtp;
    smtp.host = options.value("host", smtp.host);
    smtp.port = options.value("port", smtp.port);
    smtp.from = options.value("from", smtp.from);
    smtp.timeout = std::chrono::milliseconds(options.value("timeout_ms", 10000));
    smtp.starttls = options.value("starttls", false);
    return std::make_unique<SmtpChannel>(std::vector<std::string>{endpoint}, smtp);
  }
  throw core::InvalidInput(fmt::format(
      "topic '{}': unsupported subscription protocol '{}' (http or email)", topic, protocol));
}

}  // namespace

std::unique_ptr<Notifier> build_notifier(core::Database& database, core::Clock& clock,
                                         const std::filesystem::path& log_path,
                                         const std::vector<TopicDefinition>& topics,
                                         const json& settings) {
  auto notifier =
      std::make_unique<Notifier>(database, clock, std::make_unique<LogFileChannel>(log_path));
  for (const auto& topic : topics) {
    notifier->declare_topic(topic.topic_name);
    for (const auto& subscription : topic.subscriptions)
      notifier->add_subscription(topic.topic_name,
                                 make_channel(subscription, settings, clock, topic.topic_name));
  }
  const json extra =
      settings.contains("subscriptions") ? settings["subscriptions"] : json::object();
  if (!extra.is_object())
    throw core::InvalidInput("notification settings: \"subscriptions\" must be an object");
  for (const auto& [topic, subscriptions] : extra.items()) {
    notifier->declare_topic(topic);
    for (const auto& subscription : subscriptions)
      notifier->add_subscription(topic, make_channel(subscription, settings, clock, topic));
  }
  return notifier;
}

}  // namespace ae::ops
