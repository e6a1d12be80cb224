#include "app/pipeline_operations.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/pipelines.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "ops/alarm_service.h"
#include "ops/deployer.h"
#include "ops/metric_store.h"
#include "ops/notifier_setup.h"
#include "ops/ops_database.h"

namespace ae::app {
namespace {

ops::AlarmDocument parse_alarms(const std::string& text, const std::string& origin) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw core::InvalidInput(fmt::format("{}: not JSON: {}", origin, e.what()));
  }
  return ops::parse_alarm_document(document, origin);
}

// sns:publish from a state machine, delivered to the ops notifier's topic
// (the last segment of the topic ARN). A failed delivery fails the task.
class NotifierSink final : public states::NotificationSink {
 public:
  explicit NotifierSink(ops::Notifier& notifier) : notifier_(notifier) {}
  void publish(const std::string& topic_arn, const std::string& subject,
               const std::string& message) override {
    const auto topic = topic_arn.substr(topic_arn.rfind(':') + 1);
    if (!notifier_.has_topic(topic)) notifier_.declare_topic(topic);
    // As on SNS, a publish succeeds once the topic has the message; a
    // subscriber that cannot be reached is the delivery's problem (recorded
    // by the notifier), not the state machine's.
    const auto result = notifier_.publish({topic, subject, message, std::nullopt});
    if (!result.all_delivered())
      spdlog::warn("notification '{}' to {} not delivered to every subscriber", subject, topic);
  }

 private:
  ops::Notifier& notifier_;
};

}  // namespace

ops::AlarmDocument load_alarm_document(const core::Home& home, const std::string& explicit_path) {
  if (!explicit_path.empty()) return parse_alarms(core::read_file(explicit_path), explicit_path);
  const auto deployed = ops::Deployer::alarms_file(home.deployed());
  if (std::filesystem::exists(deployed))
    return parse_alarms(core::read_file(deployed), deployed.string());
  return parse_alarms(std::string(core::find_embedded(pipelines::embedded_files(), "alarms.json")),
                      "pipelines/alarms.json (built in)");
}

std::unique_ptr<ops::Notifier> make_notifier(const core::Home& home, core::Database& database,
                                             core::Clock& clock, const ops::AlarmDocument& alarms) {
  nlohmann::json settings = nlohmann::json::object();
  const auto settings_path = home.notifications_config();
  if (std::filesystem::exists(settings_path))
    settings = nlohmann::json::parse(core::read_file(settings_path));
  return ops::build_notifier(database, clock, home.notifications_log(), alarms.topics, settings);
}

PipelineOperations::PipelineOperations(const core::Home& home, core::Clock& clock)
    : clock_(clock),
      database_(ops::open_ops_database(home.ops_database())),
      alarms_(load_alarm_document(home, "")),
      notifier_(make_notifier(home, *database_, clock, alarms_)) {
  services_.notifications = std::make_shared<NotifierSink>(*notifier_);
}

void PipelineOperations::record_execution(const std::string& pipeline, const std::string& status) {
  ops::MetricStore metrics(*database_);
  const bool succeeded = status == "SUCCEEDED";
  metrics.put_metric({"AlphaEngine/Pipelines",
                      succeeded ? "ExecutionsSucceeded" : "ExecutionsFailed",
                      {{"StateMachine", "alpha-engine-" + pipeline + "-pipeline"}},
                      1,
                      "Count",
                      clock_.now()});
}

void PipelineOperations::advance_to(core::Timestamp instant) {
  using std::chrono::hours;
  for (auto hour = std::chrono::ceil<hours>(clock_.now()); hour < instant; hour += hours(1)) {
    clock_.sleep_until(hour);
    evaluate_alarms();
  }
  clock_.sleep_until(instant);
  evaluate_alarms();
}

void PipelineOperations::evaluate_alarms() {
  ops::AlarmService service(*database_, clock_, notifier_.get());
  for (const auto& transition : service.evaluate_all(alarms_.alarms))
    std::cerr << fmt::format("alarm {}: {} -> {} ({})\n", transition.alarm_name,
                             ops::alarm_state_name(transition.old_state),
                             ops::alarm_state_name(transition.new_state), transition.reason);
}

}  // namespace ae::app
