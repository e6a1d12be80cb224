#include "ops/notifier.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ae::ops {

bool PublishResult::all_delivered() const {
  return !suppressed && std::all_of(deliveries.begin(), deliveries.end(),
                                    [](const DeliveryOutcome& d) { return d.ok; });
}

Notifier::Notifier(core::Database& database, core::Clock& clock, std::unique_ptr<Channel> log)
    : database_(database), clock_(clock), log_(std::move(log)) {}

void Notifier::declare_topic(const std::string& topic) { topics_[topic]; }

void Notifier::add_subscription(const std::string& topic, std::unique_ptr<Channel> channel) {
  topics_[topic].push_back(std::move(channel));
}

std::vector<std::string> Notifier::topic_names() const {
  std::vector<std::string> names;
  for (const auto& [name, channels] : topics_) names.push_back(name);
  return names;
}

std::vector<std::string> Notifier::describe_subscriptions(const std::string& topic) const {
  auto found = topics_.find(topic);
  if (found == topics_.end()) throw core::NotFound(fmt::format("no topic '{}'", topic));
  std::vector<std::string> result{log_->describe()};
  for (const auto& channel : found->second) result.push_back(channel->describe());
  return result;
}

PublishResult Notifier::publish(const PublishRequest& request) {
  auto found = topics_.find(request.topic);
  if (found == topics_.end()) throw core::NotFound(fmt::format("no topic '{}'", request.topic));
  const auto now = clock_.now();
  PublishResult result;

  if (request.fingerprint) {
    core::Transaction transaction(database_);
    auto select = database_.prepare(
        "SELECT last_sent_us, suppressed FROM notification_dedup WHERE topic = ? AND "
        "fingerprint = ?");
    select.bind(1, request.topic).bind(2, *request.fingerprint);
    if (select.step()) {
      const auto last_sent = core::from_microseconds(select.column_int(0));
      const int suppressed = static_cast<int>(select.column_int(1));
      if (now - last_sent < kDedupWindow) {
        auto update = database_.prepare(
            "UPDATE notification_dedup SET suppressed = suppressed + 1 WHERE topic = ? AND "
            "fingerprint = ?");
        update.bind(1, request.topic).bind(2, *request.fingerprint);
        update.run();
        transaction.commit();
        result.suppressed = true;
        result.suppressed_before = suppressed + 1;
        spdlog::info("notification on {} suppressed (fingerprint {}, {} repeat(s) in window)",
                     request.topic, *request.fingerprint, suppressed + 1);
        return result;
      }
      result.suppressed_before = suppressed;
    }
    auto upsert = database_.prepare(
        "INSERT INTO notification_dedup(topic, fingerprint, last_sent_us, suppressed) VALUES "
        "(?, ?, ?, 0) ON CONFLICT(topic, fingerprint) DO UPDATE SET last_sent_us = "
        "excluded.last_sent_us, suppressed = 0");
    upsert.bind(1, request.topic).bind(2, *request.fingerprint).bind(3, core::to_microseconds(now));
    upsert.run();
    transaction.commit();
  }

  Message message{request.topic, request.subject, request.body, now};
  if (result.suppressed_before > 0)
    message.subject += fmt::format(" (repeated {} more time(s) in the last {} minutes)",
                                   result.suppressed_before, kDedupWindow.count());

  auto deliver = [&](Channel& channel) {
    DeliveryOutcome outcome{channel.describe(), true, ""};
    try {
      channel.deliver(message);
    } catch (const std::exception& e) {  // a delivery never fails the publisher
      outcome.ok = false;
      outcome.error = e.what();
      spdlog::error("notification on {} not delivered: {}", request.topic, e.what());
    }
    result.deliveries.push_back(std::move(outcome));
  };
  deliver(*log_);
  for (const auto& channel : found->second) deliver(*channel);
  for (auto outcome = result.deliveries.begin() + 1; outcome != result.deliveries.end();
       ++outcome) {  // the subscriptions' outcomes (the log's is first)
    if (outcome->ok) continue;
    const Message failure{
        request.topic, "not delivered: " + message.subject,
        nlohmann::json{{"channel", outcome->channel}, {"error", outcome->error}}.dump(), now};
    try {
      log_->deliver(failure);
    } catch (const std::exception& e) {
      spdlog::error("notification log: {}", e.what());
    }
  }
  return result;
}

}  // namespace ae::ops
