// Topics and publishing (the local SNS). A topic has subscriptions; every
// publish is also appended to the notification log (always on). A publish
// with an error fingerprint is deduplicated like the reference's error triage:
// the same (topic, fingerprint) within 60 minutes of the last delivery is not
// delivered again, only counted; the next delivery after the window says how
// many repeats were suppressed. A publish without a fingerprint (alarm state
// changes) is always delivered. A failing subscription does not stop the
// others and never fails the publish: publish() reports each outcome, logs
// it, and records it in the notification log as a second line for that
// message (subject "not delivered: <subject>", message {"channel", "error"}).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/sqlite.h"
#include "ops/channel.h"

namespace ae::ops {

constexpr std::chrono::minutes kDedupWindow{60};

struct PublishRequest {
  std::string topic;
  std::string subject;
  std::string body;
  std::optional<std::string> fingerprint;
};

struct DeliveryOutcome {
  std::string channel;
  bool ok = false;
  std::string error;
};

struct PublishResult {
  bool suppressed = false;                  // deduplicated: nothing was delivered
  int suppressed_before = 0;                // repeats suppressed since the last delivery
  std::vector<DeliveryOutcome> deliveries;  // log first, then subscriptions
  bool all_delivered() const;
};

class Notifier {
 public:
  // `log` is the always-on channel; topics map names to their subscriptions.
  Notifier(core::Database& database, core::Clock& clock, std::unique_ptr<Channel> log);

  void add_subscription(const std::string& topic, std::unique_ptr<Channel> channel);
  // Throws NotFound for a topic that was never declared.
  void declare_topic(const std::string& topic);
  bool has_topic(const std::string& topic) const { return topics_.contains(topic); }
  std::vector<std::string> topic_names() const;
  std::vector<std::string> describe_subscriptions(const std::string& topic) const;

  PublishResult publish(const PublishRequest& request);

 private:
  core::Database& database_;
  core::Clock& clock_;
  std::unique_ptr<Channel> log_;
  std::map<std::string, std::vector<std::unique_ptr<Channel>>> topics_;
};

}  // namespace ae::ops
