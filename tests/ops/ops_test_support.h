// Shared fixtures of the ops tests: a channel that records what it is given
// and the shipped alarm document.
#pragma once

#include <mutex>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"
#include "ops/alarm_definition.h"
#include "ops/channel.h"
#include "support/test_support.h"

namespace ae::ops::testing {

class RecordingChannel final : public Channel {
 public:
  explicit RecordingChannel(std::vector<Message>* sink) : sink_(sink) {}
  std::string describe() const override { return "recording"; }
  void deliver(const Message& message) override { sink_->push_back(message); }

 private:
  std::vector<Message>* sink_;
};

inline AlarmDocument shipped_alarms() {
  return parse_alarm_document(
      nlohmann::json::parse(core::read_file(test::source_path("pipelines/alarms.json"))),
      "pipelines/alarms.json");
}

inline const AlarmDefinition& alarm_named(const AlarmDocument& document, const std::string& name) {
  for (const auto& alarm : document.alarms)
    if (alarm.alarm_name == name) return alarm;
  throw core::NotFound(name);
}

}  // namespace ae::ops::testing
