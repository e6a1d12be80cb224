// `ae metrics|alarms|notify|health`: the operations layer's commands.
//   ae metrics put NAMESPACE NAME VALUE [--unit U] [--dimensions A=1,B=2] [--at TS]
//   ae metrics list
//   ae metrics get NAMESPACE NAME [--dimensions ..] [--period S] [--stat S] [--from TS] [--to TS]
//   ae alarms list|evaluate [--alarms FILE] [--at TS]
//   ae alarms history [NAME] [--limit N]
//   ae notify test TOPIC [--alarms FILE]
//   ae health        (exit 1 when a module is stale, failed, missing or unreadable)
// State lives in $AE_HOME/state/ops.db (metrics list|get and alarms
// list|history only read it: they work on a full disk); the notification log is
// $AE_HOME/logs/notifications.log; notification settings are read from
// $AE_HOME/config/notifications.json when present. The alarm document is the
// deployed one ($AE_HOME/state/deployed/alarms.json) unless --alarms is given,
// else the one built in from pipelines/alarms.json (app/pipeline_operations.h).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/pipeline_operations.h"
#include "cli/command.h"
#include "core/artifact_store.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/error.h"
#include "ops/alarm_service.h"
#include "ops/health.h"
#include "ops/metric_store.h"
#include "ops/notifier_setup.h"
#include "ops/ops_database.h"

namespace ae::cli {

namespace {

std::unique_ptr<core::Clock> clock_at(const std::string& at) {
  if (at.empty()) return core::make_process_clock();
  return std::make_unique<core::VirtualClock>(core::parse_timestamp(at));
}

void add_metrics(CLI::App& app, Dispatcher& dispatcher) {
  auto* metrics = app.add_subcommand("metrics", "Store and query CloudWatch-shaped metrics");
  metrics->require_subcommand(1);

  struct PutOptions {
    std::string name_space, name, unit = "None", dimensions, at;
    double value = 0;
  };
  auto put_options = std::make_shared<PutOptions>();
  auto* put = metrics->add_subcommand("put", "Record one datapoint");
  put->add_option("namespace", put_options->name_space)->required();
  put->add_option("name", put_options->name)->required();
  put->add_option("value", put_options->value)->required();
  put->add_option("--unit", put_options->unit)->capture_default_str();
  put->add_option("--dimensions", put_options->dimensions, "NAME=VALUE,...");
  put->add_option("--at", put_options->at, "Timestamp (default: now)");
  dispatcher.bind(put, [put_options](const Context& context) {
    auto clock = clock_at(put_options->at);
    auto database = ops::open_ops_database(context.home.ops_database());
    ops::MetricStore(*database).put_metric({put_options->name_space, put_options->name,
                                            ops::parse_dimensions(put_options->dimensions),
                                            put_options->value, put_options->unit, clock->now()});
    return 0;
  });

  auto* list = metrics->add_subcommand("list", "List metric series");
  dispatcher.bind(list, [](const Context& context) {
    auto database = ops::open_ops_database(context.home.ops_database(), core::kReadOnly);
    for (const auto& series : ops::MetricStore(*database).list_series()) {
      std::string dimensions;
      for (const auto& [key, value] : series.dimensions)
        dimensions += (dimensions.empty() ? "" : ",") + key + "=" + value;
      std::cout << series.name_space << "\t" << series.name << "\t" << dimensions << "\n";
    }
    return 0;
  });

  struct GetOptions {
    std::string name_space, name, dimensions, stat = "Average", from, to;
    int period = 3600;
  };
  auto get_options = std::make_shared<GetOptions>();
  auto* get = metrics->add_subcommand("get", "Statistic per period (periods with data only)");
  get->add_option("namespace", get_options->name_space)->required();
  get->add_option("name", get_options->name)->required();
  get->add_option("--dimensions", get_options->dimensions, "NAME=VALUE,...");
  get->add_option("--period", get_options->period, "Seconds")->capture_default_str();
  get->add_option("--stat", get_options->stat, "SampleCount|Average|Sum|Minimum|Maximum|pNN")
      ->capture_default_str();
  get->add_option("--from", get_options->from, "Timestamp (default: 24h before --to)");
  get->add_option("--to", get_options->to, "Timestamp (default: now)");
  dispatcher.bind(get, [get_options](const Context& context) {
    const auto process_clock = core::make_process_clock();
    core::Clock& clock = *process_clock;
    const auto to = get_options->to.empty() ? clock.now() : core::parse_timestamp(get_options->to);
    const auto from = get_options->from.empty() ? to - std::chrono::hours(24)
                                                : core::parse_timestamp(get_options->from);
    auto database = ops::open_ops_database(context.home.ops_database(), core::kReadOnly);
    const auto points =
        ops::MetricStore(*database).query({{get_options->name_space, get_options->name,
                                            ops::parse_dimensions(get_options->dimensions)},
                                           ops::parse_statistic(get_options->stat),
                                           std::chrono::seconds(get_options->period),
                                           from,
                                           to});
    for (const auto& point : points)
      std::cout << core::format_timestamp(point.period_start) << "\t" << point.value << "\t"
                << point.sample_count << "\n";
    return 0;
  });
}

void add_alarms(CLI::App& app, Dispatcher& dispatcher) {
  auto* alarms = app.add_subcommand("alarms", "CloudWatch-exact alarms over the metric store");
  alarms->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();

  auto* list = alarms->add_subcommand("list", "Alarms with their current state");
  list->add_option("--alarms", *file, "Alarm document");
  dispatcher.bind(list, [file](const Context& context) {
    const auto document = ae::app::load_alarm_document(context.home, *file);
    auto database = ops::open_ops_database(context.home.ops_database(), core::kReadOnly);
    const auto process_clock = core::make_process_clock();
    core::Clock& clock = *process_clock;
    ops::AlarmService service(*database, clock, nullptr);
    for (const auto& alarm : document.alarms) {
      const auto status = service.status(alarm.alarm_name);
      std::cout << fmt::format(
          "{:<18} {:<55} {}/{} {} {}s {} {}\n", ops::alarm_state_name(status.state),
          alarm.alarm_name, alarm.metric.name_space, alarm.metric.name, alarm.statistic.name(),
          alarm.period.count(), ops::comparison_name(alarm.comparison), alarm.threshold);
    }
    return 0;
  });

  auto* evaluate = alarms->add_subcommand("evaluate", "Evaluate every alarm now; act on changes");
  evaluate->add_option("--alarms", *file, "Alarm document");
  evaluate->add_option("--at", *at, "Evaluate as of this timestamp (default: now)");
  dispatcher.bind(evaluate, [file, at](const Context& context) {
    const auto document = ae::app::load_alarm_document(context.home, *file);
    auto database = ops::open_ops_database(context.home.ops_database());
    auto clock = clock_at(*at);
    auto notifier = ae::app::make_notifier(context.home, *database, *clock, document);
    ops::AlarmService service(*database, *clock, notifier.get());
    for (const auto& transition : service.evaluate_all(document.alarms))
      std::cout << fmt::format("{}: {} -> {} ({})\n", transition.alarm_name,
                               ops::alarm_state_name(transition.old_state),
                               ops::alarm_state_name(transition.new_state), transition.reason);
    return 0;
  });

  auto name = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(50);
  auto* history = alarms->add_subcommand("history", "State changes, newest first (14 days kept)");
  history->add_option("name", *name, "Alarm name (default: all)");
  history->add_option("--limit", *limit)->capture_default_str();
  dispatcher.bind(history, [name, limit](const Context& context) {
    auto database = ops::open_ops_database(context.home.ops_database(), core::kReadOnly);
    const auto process_clock = core::make_process_clock();
    core::Clock& clock = *process_clock;
    for (const auto& t : ops::AlarmService(*database, clock, nullptr).history(*name, *limit))
      std::cout << fmt::format("{}\t{}\t{} -> {}\t{}\n", core::format_timestamp(t.timestamp),
                               t.alarm_name, ops::alarm_state_name(t.old_state),
                               ops::alarm_state_name(t.new_state), t.reason);
    return 0;
  });
}

void add_notify(CLI::App& app, Dispatcher& dispatcher) {
  auto* notify = app.add_subcommand("notify", "Notification topics");
  notify->require_subcommand(1);
  auto topic = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto* test = notify->add_subcommand("test", "Publish a test message to every subscription");
  test->add_option("topic", *topic)->required();
  test->add_option("--alarms", *file, "Alarm document declaring the topics");
  dispatcher.bind(test, [topic, file](const Context& context) {
    const auto document = ae::app::load_alarm_document(context.home, *file);
    auto database = ops::open_ops_database(context.home.ops_database());
    const auto process_clock = core::make_process_clock();
    core::Clock& clock = *process_clock;
    auto notifier = ae::app::make_notifier(context.home, *database, clock, document);
    const auto result = notifier->publish(
        {*topic, "alpha-engine test notification",
         nlohmann::json{
             {"test", true}, {"topic", *topic}, {"sent_at", core::format_timestamp(clock.now())}}
             .dump(),
         std::nullopt});
    for (const auto& delivery : result.deliveries)
      std::cout << (delivery.ok ? "ok      " : "FAILED  ") << delivery.channel
                << (delivery.ok ? "" : ": " + delivery.error) << "\n";
    return result.all_delivered() ? 0 : 1;
  });
}

void add_health(CLI::App& app, Dispatcher& dispatcher) {
  auto* health = app.add_subcommand("health", "Module health table; exit 1 if stale or failed");
  auto at = std::make_shared<std::string>();
  health->add_option("--at", *at, "Check as of this timestamp (default: now)");
  dispatcher.bind(health, [at](const Context& context) {
    auto clock = clock_at(*at);
    core::FileSystemStore store(context.home.store());
    const auto rows = ops::check_health(store, clock->now(), ops::reference_staleness_thresholds());
    bool problem = false;
    std::cout << fmt::format("{:<22} {:<11} {:<22} {:>9}  {}\n", "MODULE", "VERDICT",
                             "LAST SUCCESS", "THRESHOLD", "DETAIL");
    for (const auto& row : rows) {
      problem = problem || row.is_problem();
      const auto last = row.record && row.record->last_success
                            ? core::format_timestamp(*row.record->last_success)
                            : std::string("-");
      const auto threshold = row.threshold ? fmt::format("{}h", row.threshold->count()) : "-";
      std::cout << fmt::format("{:<22} {:<11} {:<22} {:>9}  {}\n", row.module,
                               ops::health_verdict_name(row.verdict), last, threshold, row.detail);
    }
    return problem ? 1 : 0;
  });
}

}  // namespace

// ae deploy / ae drift (ops_deploy_commands.cc), registered with this group.
void add_deploy_commands(CLI::App& app, Dispatcher& dispatcher);

void add_ops_commands(CLI::App& app, Dispatcher& dispatcher) {
  add_metrics(app, dispatcher);
  add_alarms(app, dispatcher);
  add_notify(app, dispatcher);
  add_health(app, dispatcher);
  add_deploy_commands(app, dispatcher);
}

}  // namespace ae::cli
