#include "app/fault_injection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "app/register_tasks.h"
#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "executor/planning/inputs.h"
#include "states/run/failure.h"

namespace ae::app {
namespace {

using Json = nlohmann::json;

constexpr const char* kSendCommand = "arn:aws:states:::aws-sdk:ssm:sendCommand";

class DownNotifier final : public states::NotificationSink {
 public:
  void publish(const std::string& topic, const std::string&, const std::string&) override {
    throw states::StateFailure("SNS.InternalErrorException",
                               "fault injected: the notifier is down (topic " + topic + ")");
  }
};

// Drops `omit` rows from the predictions of `date` (and latest.json when it
// is the same date), as if the predictor had not scored them.
void drop_prediction_rows(core::ArtifactStore& store, core::Date date,
                          const std::set<std::string>& omit) {
  const auto keys = {executor::predictions_key(date), std::string(executor::kLatestPredictionsKey)};
  for (const auto& key : keys) {
    auto document = core::read_contract(store, core::Contract::kPredictions, key);
    if (document.at("date").get<std::string>() != core::format_date(date)) continue;
    auto& rows = document.at("predictions");
    Json kept = Json::array();
    for (const auto& row : rows)
      if (!omit.contains(row.at("ticker").get<std::string>())) kept.push_back(row);
    rows = kept;
    document["n_predictions"] = kept.size();
    document["n_high_confidence"] =
        std::min(document.value("n_high_confidence", 0), static_cast<int>(kept.size()));
    core::write_contract(store, core::Contract::kPredictions, key, document);
  }
  spdlog::warn("fault injected: predictions of {} lost the rows of {}", core::format_date(date),
               fmt::join(omit, ","));
}

void damage_predictions(core::ArtifactStore& store, core::Date date, const Faults& faults) {
  const bool corrupt = faults.corrupt_artifacts.contains("predictions");
  const bool missing = faults.missing_artifacts.contains("predictions");
  if (!corrupt && !missing) return;
  for (const auto& key :
       {executor::predictions_key(date), std::string(executor::kLatestPredictionsKey)}) {
    if (corrupt) store.put(key, "{\"predictions\": [tru");
    if (missing) store.remove(key);
  }
  spdlog::warn("fault injected: predictions of {} damaged", core::format_date(date));
}

// The predictor function under fail-on, omit-* and corrupt/missing=predictions.
states::TaskHandler faulty_predictor(states::TaskHandler predictor, const TaskContext& context) {
  auto full_predict_runs = std::make_shared<int>(0);
  return
      [predictor, context, full_predict_runs](const states::TaskRequest& request) -> states::Json {
        if (request.input.value("action", "predict") != "predict") return predictor(request);
        const auto& faults = context.faults;
        auto faulted = request;
        if (!faults.fail_on.empty()) faulted.input["exclude"] = faults.fail_on;
        const bool full = !request.input.contains("tickers") || request.input["tickers"].empty();
        states::Json out = predictor(faulted);
        std::set<std::string> omit = faults.omit_always;
        if (full && (*full_predict_runs)++ == 0)
          omit.insert(faults.omit_on_first_predict.begin(), faults.omit_on_first_predict.end());
        core::FileSystemStore store(context.home.store());
        const auto date = core::parse_date(request.input.at("date").get<std::string>());
        if (!omit.empty()) drop_prediction_rows(store, date, omit);
        damage_predictions(store, date, faults);
        out["faults"] = states::Json(faults.to_json());
        return out;
      };
}

// task-fail / task-timeout for the state running this task.
states::TaskHandler failing_task(states::TaskHandler task, const Faults& faults) {
  return [task, faults](const states::TaskRequest& request) -> states::Json {
    if (faults.failing_tasks.contains(request.state_name))
      throw states::StateFailure(states::errors::kTaskFailed,
                                 "fault injected: " + request.state_name + " failed");
    if (faults.timing_out_tasks.contains(request.state_name))
      throw states::StateFailure(states::errors::kTimeout,
                                 "fault injected: " + request.state_name + " timed out");
    return task(request);
  };
}

}  // namespace

states::BuiltinServices faulted_services(const states::BuiltinServices& services,
                                         const Faults& faults) {
  states::BuiltinServices out = services;
  if (faults.notifier_down) out.notifications = std::make_shared<DownNotifier>();
  return out;
}

void inject_faults(states::ResourceRegistry& registry, const TaskContext& context) {
  const auto& faults = context.faults;
  if (!faults.any()) return;
  registry.add_function(kPredictorFunction,
                        faulty_predictor(registry.function(kPredictorFunction), context));
  for (const char* name : {kPredictorFunction, kHealthCheckFunction, kResearchFunction})
    registry.add_function(name, failing_task(registry.function(name), faults));
  if (!faults.failing_commands.empty()) {
    // The same runner, but the named states' commands fail (exit 1) as a
    // broken step would: the execution sees it through getCommandInvocation.
    registry.add_resource(
        kSendCommand, [send = registry.resource(kSendCommand),
                       failing = faults.failing_commands](const states::TaskRequest& task) {
          if (!failing.contains(task.state_name)) return send(task);
          auto changed = task;
          changed.input["Parameters"]["commands"] = states::Json::array(
              {"echo 'fault injected: " + task.state_name + " fails' >&2", "exit 1"});
          return send(changed);
        });
  }
}

void damage_artifacts_at_start(const TaskContext& context) {
  const auto& faults = context.faults;
  const bool corrupt = faults.corrupt_artifacts.contains("signals");
  const bool missing = faults.missing_artifacts.contains("signals");
  if (!corrupt && !missing) return;
  core::FileSystemStore store(context.home.store());
  for (const auto& key : store.list("signals/")) {
    if (corrupt) store.put(key, "{\"buy_candidates\": [");
    if (missing) store.remove(key);
  }
  spdlog::warn("fault injected: signals {}", missing ? "deleted" : "corrupted");
}

}  // namespace ae::app
