// `ae metrics|alarms|notify|health`: the operations layer's commands.
//   ae metrics put NAMESPACE NAME VALUE [--unit U] [--dimensions A=1,B=2] [--at TS]
//   ae metrics list
//   ae metrics get NAMESPACE NAME [--dimensions ..] [--period S] [--stat S] [--from TS] [--to TS]
//   ae alarms list|evaluate [--alarms FILE] [--at TS]
//   ae alarms history [NAME] [--limit N]
//   ae notify test TOPIC [--alarms FILE]
//   ae health [--at TS] [--emit-metric]  (exit 1 when a module is stale, failed, missing
//                    or unreadable; --emit-metric records AlphaEngine/HealthChecksFailed)
// State lives in $AE_HOME/state/ops.db (metrics list|get and alarms
// list|history only read it: they work on a full disk); the notification log is
// $AE_HOME/logs/notifications.log; notification settings are read from
// $AE_HOME/config/notifications.json when present. The alarm document is the
// deployed one ($AE_HOME/state/deployed/alarms.json) unless --alarms is given,
// else the one built in from pipelines/alarms.json (app/pipeline_operations.h).
// JSON: metrics put {"namespace", "name", "value", "unit", "timestamp"};
// metrics list {"series": [{"namespace", "name", "dimensions"}]}; metrics get
// {"datapoints": [{"period_start", "value", "sample_count"}]}; alarms list
// {"alarms": [{"name", "state", "namespace", "metric", "statistic",
// "period_seconds", "comparison", "threshold"}]}; alarms evaluate and history
// {"transitions": [{"timestamp"?, "alarm", "from", "to", "reason"}]}; notify
// test {"topic", "deliveries": [{"channel", "ok", "error"}]}; health
// {"healthy", "modules": [{"module", "verdict", "last_success",
// "freshness", "detail"}]}.
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
    const auto at = clock->now();
    ops::MetricStore(*database).put_metric({put_options->name_space, put_options->name,
                                            ops::parse_dimensions(put_options->dimensions),
                                            put_options->value, put_options->unit, at});
    context.output.print({{"namespace", put_options->name_space},
                          {"name", put_options->name},
                          {"value", put_options->value},
                          {"unit", put_options->unit},
                          {"timestamp", core::format_timestamp(at)}},
                         [](std::ostream&) {});
    return 0;
  });

  auto* list = metrics->add_subcommand("list", "List metric series");
  dispatcher.bind(list, [](const Context& context) {
    auto database = ops::open_ops_database(context.home.ops_database(), core::kReadOnly);
    const auto all = ops::MetricStore(*database).list_series();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& series : all)
      rows.push_back({{"namespace", series.name_space},
                      {"name", series.name},
                      {"dimensions", nlohmann::json(series.dimensions)}});
    context.output.print({{"series", rows}}, [&](std::ostream& out) {
      for (const auto& series : all) {
        std::string dimensions;
        for (const auto& [key, value] : series.dimensions)
          dimensions += (dimensions.empty() ? "" : ",") + key + "=" + value;
        out << series.name_space << "\t" << series.name << "\t" << dimensions << "\n";
      }
    });
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
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& point : points)
      rows.push_back({{"period_start", core::format_timestamp(point.period_start)},
                      {"value", point.value},
                      {"sample_count", point.sample_count}});
    context.output.print({{"datapoints", rows}}, [&](std::ostream& out) {
      for (const auto& point : points)
        out << core::format_timestamp(point.period_start) << "\t" << point.value << "\t"
            << point.sample_count << "\n";
    });
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
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& alarm : document.alarms)
      rows.push_back({{"name", alarm.alarm_name},
                      {"state", ops::alarm_state_name(service.status(alarm.alarm_name).state)},
                      {"namespace", alarm.metric.name_space},
                      {"metric", alarm.metric.name},
                      {"statistic", alarm.statistic.name()},
                      {"period_seconds", alarm.period.count()},
                      {"comparison", ops::comparison_name(alarm.comparison)},
                      {"threshold", alarm.threshold}});
    context.output.print({{"alarms", rows}}, [&](std::ostream& out) {
      for (const auto& row : rows)
        out << fmt::format("{:<18} {:<55} {}/{} {} {}s {} {}\n", row["state"].get<std::string>(),
                           row["name"].get<std::string>(), row["namespace"].get<std::string>(),
                           row["metric"].get<std::string>(), row["statistic"].get<std::string>(),
                           row["period_seconds"].get<long long>(),
                           row["comparison"].get<std::string>(), row["threshold"].get<double>());
    });
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
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& transition : service.evaluate_all(document.alarms))
      rows.push_back({{"alarm", transition.alarm_name},
                      {"from", ops::alarm_state_name(transition.old_state)},
                      {"to", ops::alarm_state_name(transition.new_state)},
                      {"reason", transition.reason}});
    context.output.print({{"transitions", rows}}, [&](std::ostream& out) {
      for (const auto& row : rows)
        out << fmt::format("{}: {} -> {} ({})\n", row["alarm"].get<std::string>(),
                           row["from"].get<std::string>(), row["to"].get<std::string>(),
                           row["reason"].get<std::string>());
    });
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
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& t : ops::AlarmService(*database, clock, nullptr).history(*name, *limit))
      rows.push_back({{"timestamp", core::format_timestamp(t.timestamp)},
                      {"alarm", t.alarm_name},
                      {"from", ops::alarm_state_name(t.old_state)},
                      {"to", ops::alarm_state_name(t.new_state)},
                      {"reason", t.reason}});
    context.output.print({{"transitions", rows}}, [&](std::ostream& out) {
      for (const auto& row : rows)
        out << fmt::format("{}\t{}\t{} -> {}\t{}\n", row["timestamp"].get<std::string>(),
                           row["alarm"].get<std::string>(), row["from"].get<std::string>(),
                           row["to"].get<std::string>(), row["reason"].get<std::string>());
    });
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
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& delivery : result.deliveries)
      rows.push_back(
          {{"channel", delivery.channel}, {"ok", delivery.ok}, {"error", delivery.error}});
    context.output.print({{"topic", *topic}, {"deliveries", rows}}, [&](std::ostream& out) {
      for (const auto& delivery : result.deliveries)
        out << (delivery.ok ? "ok      " : "FAILED  ") << delivery.channel
            << (delivery.ok ? "" : ": " + delivery.error) << "\n";
    });
    return result.all_delivered() ? kExitOk : kExitNegative;
  });
}

void add_health(CLI::App& app, Dispatcher& dispatcher) {
  auto* health = app.add_subcommand("health", "Module health table; exit 1 if stale or failed");
  auto at = std::make_shared<std::string>();
  auto emit_metric = std::make_shared<bool>(false);
  health->add_option("--at", *at, "Check as of this timestamp (default: now)");
  health->add_flag("--emit-metric", *emit_metric,
                   "Record the outcome as AlphaEngine/HealthChecksFailed (the pipelines' checks)");
  dispatcher.bind(health, [at, emit_metric](const Context& context) {
    auto clock = clock_at(*at);
    const auto now = clock->now();
    core::FileSystemStore store(context.home.store());
    const auto rows =
        ops::check_health(store, now, ops::default_freshness_rules(), core::NyseCalendar());
    if (*emit_metric) {
      const auto database = ops::open_ops_database(context.home.ops_database());
      ops::MetricStore metrics(*database);
      ops::emit_health_check(metrics, rows, now);
    }
    bool problem = false;
    nlohmann::json modules = nlohmann::json::array();
    for (const auto& row : rows) {
      problem = problem || row.is_problem();
      modules.push_back(
          {{"module", row.module},
           {"verdict", ops::health_verdict_name(row.verdict)},
           {"last_success", row.record && row.record->last_success
                                ? nlohmann::json(core::format_timestamp(*row.record->last_success))
                                : nlohmann::json()},
           {"freshness", row.rule ? nlohmann::json(row.rule->describe()) : nlohmann::json()},
           {"detail", row.detail}});
    }
    context.output.print({{"healthy", !problem}, {"modules", modules}}, [&](std::ostream& out) {
      out << fmt::format("{:<22} {:<11} {:<27} {:<26} {}\n", "MODULE", "VERDICT", "LAST SUCCESS",
                         "FRESH BY", "DETAIL");
      for (const auto& m : modules)
        out << fmt::format("{:<22} {:<11} {:<27} {:<26} {}\n", m["module"].get<std::string>(),
                           m["verdict"].get<std::string>(),
                           m["last_success"].is_null() ? "-" : m["last_success"].get<std::string>(),
                           m["freshness"].is_null() ? "-" : m["freshness"].get<std::string>(),
                           m["detail"].get<std::string>());
    });
    return problem ? kExitNegative : kExitOk;
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
