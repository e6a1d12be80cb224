#include "ops/notifier_setup.h"

#include <fmt/format.h>

#include <cstdlib>
#include <set>

#include "core/error.h"
#include "ops/notification_log.h"
#include "ops/smtp_channel.h"
#include "ops/webhook_channel.h"

namespace ae::ops {

namespace {

using nlohmann::json;

constexpr int kSmtpsPort = 465;

// The object at `key` ({} when absent); InvalidInput for a key outside `known`.
json section(const json& settings, const std::string& key, const std::set<std::string>& known) {
  const json value = settings.value(key, json::object());
  if (!value.is_object())
    throw core::InvalidInput(fmt::format("notification settings: \"{}\" must be an object", key));
  for (const auto& [name, ignored] : value.items())
    if (!known.contains(name))
      throw core::InvalidInput(
          fmt::format("notification settings: unknown key \"{}\" in \"{}\"", name, key));
  return value;
}

std::string from_environment(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

TlsOptions tls_options(const json& settings) {
  return {section(settings, "tls", {"ca_bundle"}).value("ca_bundle", "")};
}

WebhookOptions webhook_options(const json& settings) {
  const auto options = section(settings, "webhook", {"timeout_ms", "retries", "backoff_ms"});
  WebhookOptions webhook;
  webhook.timeout = std::chrono::milliseconds(options.value("timeout_ms", 5000));
  webhook.retries = options.value("retries", 2);
  webhook.backoff = std::chrono::milliseconds(options.value("backoff_ms", 1000));
  webhook.tls = tls_options(settings);
  return webhook;
}

SmtpOptions smtp_options(const json& settings) {
  const auto options = section(
      settings, "smtp",
      {"host", "port", "from", "timeout_ms", "smtps", "starttls", "username", "password", "auth"});
  SmtpOptions smtp;
  smtp.host = options.value("host", smtp.host);
  smtp.port = options.value("port", smtp.port);
  smtp.from = options.value("from", smtp.from);
  smtp.timeout = std::chrono::milliseconds(options.value("timeout_ms", 10000));
  smtp.smtps = options.value("smtps", smtp.port == kSmtpsPort);
  if (options.contains("starttls")) {
    const auto& starttls = options["starttls"];
    smtp.starttls = starttls.is_boolean()
                        ? (starttls.get<bool>() ? StartTls::kOpportunistic : StartTls::kOff)
                        : parse_starttls(starttls.get<std::string>());
  }
  smtp.username = from_environment("AE_SMTP_USERNAME", options.value("username", ""));
  smtp.password = from_environment("AE_SMTP_PASSWORD", options.value("password", ""));
  smtp.auth = parse_smtp_auth(options.value("auth", "any"));
  smtp.tls = tls_options(settings);
  return smtp;
}

// The settings every channel of a kind shares, read (and checked) once.
struct ChannelSettings {
  WebhookOptions webhook;
  SmtpOptions smtp;
};

std::unique_ptr<Channel> make_channel(const json& subscription, const ChannelSettings& settings,
                                      core::Clock& clock, const std::string& topic) {
  if (!subscription.is_object() || !subscription.contains("Protocol") ||
      !subscription.contains("Endpoint"))
    throw core::InvalidInput(fmt::format("topic '{}': subscription {} needs Protocol and Endpoint",
                                         topic, subscription.dump()));
  for (const auto& [name, ignored] : subscription.items())
    if (name != "Protocol" && name != "Endpoint" && name != "Format" && name != "ChatId")
      throw core::InvalidInput(
          fmt::format("topic '{}': unknown subscription key \"{}\"", topic, name));
  const auto protocol = subscription["Protocol"].get<std::string>();
  const auto endpoint = subscription["Endpoint"].get<std::string>();
  if (protocol == "http" || protocol == "https") {
    auto webhook = settings.webhook;
    webhook.format = parse_webhook_format(subscription.value("Format", "generic"));
    if (subscription.contains("ChatId"))
      webhook.chat_id = subscription["ChatId"].is_string()
                            ? subscription["ChatId"].get<std::string>()
                            : subscription["ChatId"].dump();
    return std::make_unique<WebhookChannel>(endpoint, webhook, clock);
  }
  if (protocol == "email")
    return std::make_unique<SmtpChannel>(std::vector<std::string>{endpoint}, settings.smtp);
  throw core::InvalidInput(
      fmt::format("topic '{}': unsupported subscription protocol '{}' (http, https or email)",
                  topic, protocol));
}

std::unique_ptr<Notifier> build(core::Database& database, core::Clock& clock,
                                const std::filesystem::path& log_path,
                                const std::vector<TopicDefinition>& topics, const json& settings) {
  for (const auto& [key, ignored] : settings.items())
    if (key != "tls" && key != "log" && key != "webhook" && key != "smtp" && key != "subscriptions")
      throw core::InvalidInput(fmt::format("notification settings: unknown key \"{}\"", key));
  const auto log = section(settings, "log", {"max_bytes", "keep"});
  NotificationLogOptions log_options;
  log_options.max_bytes = log.value("max_bytes", log_options.max_bytes);
  log_options.keep = log.value("keep", log_options.keep);
  auto notifier = std::make_unique<Notifier>(
      database, clock, std::make_unique<LogFileChannel>(log_path, log_options));
  const ChannelSettings channel_settings{webhook_options(settings), smtp_options(settings)};
  for (const auto& topic : topics) {
    notifier->declare_topic(topic.topic_name);
    for (const auto& subscription : topic.subscriptions)
      notifier->add_subscription(
          topic.topic_name, make_channel(subscription, channel_settings, clock, topic.topic_name));
  }
  const json extra =
      settings.contains("subscriptions") ? settings["subscriptions"] : json::object();
  if (!extra.is_object())
    throw core::InvalidInput("notification settings: \"subscriptions\" must be an object");
  for (const auto& [topic, subscriptions] : extra.items()) {
    notifier->declare_topic(topic);
    for (const auto& subscription : subscriptions)
      notifier->add_subscription(topic, make_channel(subscription, channel_settings, clock, topic));
  }
  return notifier;
}

}  // namespace

std::unique_ptr<Notifier> build_notifier(core::Database& database, core::Clock& clock,
                                         const std::filesystem::path& log_path,
                                         const std::vector<TopicDefinition>& topics,
                                         const json& settings) {
  if (!settings.is_object())
    throw core::InvalidInput("notification settings: the document must be a JSON object");
  try {
    return build(database, clock, log_path, topics, settings);
  } catch (const json::exception& e) {
    throw core::InvalidInput(fmt::format("notification settings: {}", e.what()));
  }
}

}  // namespace ae::ops
