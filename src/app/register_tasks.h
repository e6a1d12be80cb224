// The task functions the pipelines/ definitions call, registered on an ASL
// resource registry (the only place where stages meet the engine). Each one
// translates the JSON event into one typed stage call and typed failures into
// the error names the definitions catch (the exception type's name()):
//   alpha-engine-predictor-inference
//     {action: predict, date, tickers?, exclude?} -> {statusCode: 200, body: "Predictions written
//       for ..."} (exclude: tickers left unscored, predictor/inference.h)
//     {action: check_coverage, date}    -> the coverage result object itself
//     {action: check_deploy_drift}      -> the drift result (has_drift, ...)
//   alpha-engine-predictor-health-check {date} -> {healthy, problems, modules}; records
//     AlphaEngine/HealthChecksFailed (ops/health.h)
//   alpha-engine-research-runner {date, force} -> {status: OK|SKIPPED|ERROR, date, error}
//     (a Saturday date runs on the last trading day before it)
//   alpha-engine-data-collector -> {status: SKIPPED, ...}: alternative data
//     does not exist yet and the result says so
//   alpha-engine-drift-detection -> fails with DriftDetectionUnavailable
//     (model/data drift detection does not exist yet; non-blocking in saturday)
// Error names: PipelineHardFail, PipelineAbort (predictor), executor errors by
// name(), ResearchInputError / SignalsRejected (only when not reported as
// status ERROR), NotFound, InvalidInput, ContractViolation, IoError, else
// States.TaskFailed.
#pragma once

#include <set>
#include <string>

#include "app/task_context.h"
#include "states/resources/resources.h"

namespace ae::app {

inline constexpr const char* kPredictorFunction = "alpha-engine-predictor-inference";
inline constexpr const char* kHealthCheckFunction = "alpha-engine-predictor-health-check";
inline constexpr const char* kResearchFunction = "alpha-engine-research-runner";
inline constexpr const char* kDataCollectorFunction = "alpha-engine-data-collector";
inline constexpr const char* kDriftDetectionFunction = "alpha-engine-drift-detection";

// The "action" values of kPredictorFunction's events, and the one the
// health check's events carry (it has a single behaviour).
inline constexpr const char* kPredictAction = "predict";
inline constexpr const char* kCheckCoverageAction = "check_coverage";
inline constexpr const char* kCheckDeployDriftAction = "check_deploy_drift";
inline constexpr const char* kHealthCheckAction = "check";

void register_tasks(states::ResourceRegistry& registry, TaskContext context);

// What register_tasks registers, for `ae deploy`'s check that a definition
// calls only tasks this build runs: the function names and the actions.
struct RegisteredTasks {
  std::set<std::string> functions;
  std::set<std::string> actions;
};
const RegisteredTasks& registered_tasks();

// The error name a stage exception maps to (see the file comment).
std::string error_name(const std::exception& error);

}  // namespace ae::app
