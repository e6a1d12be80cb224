#include "app/register_tasks.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <functional>
#include <memory>
#include <mutex>

#include "app/stage_runs.h"
#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "core/contracts/coverage.h"
#include "core/sqlite.h"
#include "core/text.h"
#include "executor/errors.h"
#include "executor/planning/inputs.h"
#include "market/bar_store.h"
#include "ops/health.h"
#include "predictor/coverage_check.h"
#include "predictor/errors.h"
#include "predictor/inference.h"
#include "predictor/parameters.h"
#include "research/errors.h"
#include "research/pipeline.h"
#include "research/research_parameters.h"
#include "states/run/failure.h"

namespace ae::app {
namespace {

using Json = nlohmann::json;

// Shared by every handler of one registration.
struct Shared {
  TaskContext context;
};

core::Date event_date(const Json& event) {
  if (!event.contains("date") || !event["date"].is_string())
    throw core::InvalidInput("task event has no \"date\" string: " + event.dump());
  return core::parse_date(event["date"].get<std::string>());
}

// The boundary between the engine and the stages: the engine's event (its
// insertion-ordered states::Json) becomes the stages' nlohmann::json, and the
// function's result goes back; the one conversion each way. The stages share
// the home's files and metrics, so they run one at a time under `turn` even
// when a Map or Parallel state calls them concurrently.
states::TaskHandler stage_function(std::shared_ptr<std::mutex> turn,
                                   std::function<Json(const Json& event)> function) {
  return
      [turn = std::move(turn), function = std::move(function)](const states::TaskRequest& request) {
        std::lock_guard lock(*turn);
        return states::Json(function(Json(request.input)));
      };
}

// Runs `body`, turning a stage exception into the StateFailure the
// definitions' Retry/Catch rules see.
template <typename Body>
Json translate_failures(const std::string& function, Body&& body) {
  try {
    return body();
  } catch (const states::StateFailure&) {
    throw;
  } catch (const std::exception& e) {
    spdlog::warn("{}: {}", function, e.what());
    throw states::StateFailure(error_name(e), e.what());
  }
}

Json predict(const Shared& shared, const Json& event) {
  const auto& context = shared.context;
  predictor::PredictRequest request;
  request.date = event_date(event);
  if (event.contains("tickers") && event["tickers"].is_array())
    request.tickers = event["tickers"].get<std::vector<std::string>>();
  if (event.contains("exclude") && event["exclude"].is_array())
    for (const auto& ticker : event["exclude"])
      request.excluded.insert(core::to_upper(ticker.get<std::string>()));
  request.metrics = context.metrics;
  const auto result = predict_day(context.home, *context.clock, request);

  const auto& p = result.written.predictions;
  Json out = {{"statusCode", 200},
              {"body", fmt::format("Predictions written for {}: {} rows, model {}{}",
                                   core::format_date(p.date), p.n_predictions, p.model_version,
                                   request.tickers.empty() ? "" : " (supplemental)")}};
  return out;
}

Json check_coverage(const Shared& shared, const Json& event) {
  const core::FileSystemStore store(shared.context.home.store());
  return Json(predictor::check_coverage(store, event_date(event)));
}

Json predictor_inference(const Shared& shared, const Json& event) {
  const std::string action = event.value("action", kPredictAction);
  if (action == kPredictAction) return predict(shared, event);
  if (action == kCheckCoverageAction) return check_coverage(shared, event);
  if (action == kCheckDeployDriftAction) {
    if (!shared.context.deploy_drift)
      throw states::StateFailure("DeployDriftUnavailable",
                                 "no deploy-drift check is configured for this run");
    return shared.context.deploy_drift();
  }
  throw core::InvalidInput(fmt::format("{}: unknown action '{}'", kPredictorFunction, action));
}

Json health_check(const Shared& shared) {
  const core::FileSystemStore store(shared.context.home.store());
  const auto now = shared.context.clock->now();
  const auto rows =
      ops::check_health(store, now, ops::default_freshness_rules(), core::NyseCalendar());
  if (shared.context.metrics) ops::emit_health_check(*shared.context.metrics, rows, now);
  Json modules = Json::array();
  Json problems = Json::array();
  for (const auto& row : rows) {
    Json item = {{"module", row.module},
                 {"verdict", ops::health_verdict_name(row.verdict)},
                 {"detail", row.detail}};
    if (row.is_problem()) problems.push_back(row.module);
    modules.push_back(std::move(item));
  }
  return {{"healthy", problems.empty()}, {"problems", problems}, {"modules", modules}};
}

Json research(const Shared& shared, const Json& event) {
  const auto& context = shared.context;
  const auto requested = event_date(event);
  Json out = {{"status", "OK"}, {"date", core::format_date(requested)}, {"error", nullptr}};
  try {
    const market::BarStore bars(context.home.market());
    research::RunOptions options;
    const auto& calendar = bars.calendar();
    const auto on_or_before = calendar.last_index_on_or_before(requested);
    if (!on_or_before)
      throw core::InvalidInput("research: no trading day on or before " +
                               core::format_date(requested));
    options.date = calendar.date_at(*on_or_before);
    options.force = event.value("force", false);
    const auto result = run_research_day(context.home, *context.clock, options, context.metrics);
    out["date"] = core::format_date(result.date);
    out["status"] = result.skipped ? "SKIPPED" : "OK";
    out["buy_candidates"] = result.buy_candidates;
    out["signals_key"] = result.signals_key;
  } catch (const core::Error& e) {
    out["status"] = "ERROR";
    out["error"] = fmt::format("{}: {}", error_name(e), e.what());
  }
  return out;
}

}  // namespace

std::string error_name(const std::exception& error) {
  if (const auto* e = dynamic_cast<const executor::ExecutorError*>(&error))
    return std::string(e->name());
  if (dynamic_cast<const predictor::PipelineHardFail*>(&error) != nullptr)
    return std::string(predictor::PipelineHardFail::name());
  if (dynamic_cast<const predictor::PipelineAbort*>(&error) != nullptr)
    return std::string(predictor::PipelineAbort::name());
  if (dynamic_cast<const research::ResearchInputError*>(&error) != nullptr)
    return std::string(research::ResearchInputError::name());
  if (dynamic_cast<const research::SignalsRejected*>(&error) != nullptr)
    return std::string(research::SignalsRejected::name());
  if (dynamic_cast<const core::ContractViolation*>(&error) != nullptr) return "ContractViolation";
  if (dynamic_cast<const core::NotFound*>(&error) != nullptr) return "NotFound";
  if (dynamic_cast<const core::InvalidInput*>(&error) != nullptr) return "InvalidInput";
  if (dynamic_cast<const core::IoError*>(&error) != nullptr) return "IoError";
  return states::errors::kTaskFailed;
}

void register_tasks(states::ResourceRegistry& registry, TaskContext context) {
  if (context.clock == nullptr)
    throw core::InvalidInput("register_tasks: the context has no clock");
  auto shared = std::make_shared<const Shared>(Shared{std::move(context)});
  auto turn = std::make_shared<std::mutex>();
  registry.add_function(kPredictorFunction, stage_function(turn, [shared](const Json& event) {
                          return translate_failures(kPredictorFunction, [&] {
                            return predictor_inference(*shared, event);
                          });
                        }));
  registry.add_function(kHealthCheckFunction, stage_function(turn, [shared](const Json&) {
                          return translate_failures(kHealthCheckFunction,
                                                    [&] { return health_check(*shared); });
                        }));
  registry.add_function(kResearchFunction, stage_function(turn, [shared](const Json& event) {
                          return translate_failures(kResearchFunction,
                                                    [&] { return research(*shared, event); });
                        }));
  registry.add_function(kDataCollectorFunction, stage_function(turn, [](const Json& event) {
                          return Json{{"status", "SKIPPED"},
                                      {"phase", event.value("phase", 0)},
                                      {"reason",
                                       "alternative data collection does not exist yet; "
                                       "nothing was collected"}};
                        }));
  registry.add_function(kDriftDetectionFunction, stage_function(turn, [](const Json&) -> Json {
                          throw states::StateFailure(
                              "DriftDetectionUnavailable",
                              "model/data drift detection does not exist yet");
                        }));
}

const RegisteredTasks& registered_tasks() {
  static const RegisteredTasks tasks{
      {kPredictorFunction, kHealthCheckFunction, kResearchFunction, kDataCollectorFunction,
       kDriftDetectionFunction},
      {kPredictAction, kCheckCoverageAction, kCheckDeployDriftAction, kHealthCheckAction}};
  return tasks;
}

}  // namespace ae::app
