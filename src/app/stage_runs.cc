#include "app/stage_runs.h"

#include "core/artifact_store.h"
#include "core/error.h"
#include "core/sqlite.h"
#include "market/bar_store.h"
#include "predictor/parameters.h"
#include "research/research_parameters.h"

namespace ae::app {

research::RunResult run_research_day(const core::Home& home, const core::Clock& clock,
                                     const research::RunOptions& options, core::MetricSink* metrics,
                                     const std::optional<std::filesystem::path>& config_file) {
  const market::BarStore bars(home.market());
  core::FileSystemStore store(home.store());
  if (config_file && !std::filesystem::exists(*config_file))
    throw core::NotFound("no such file '" + config_file->string() + "'");
  const auto parameters = research::load_research_parameters(
      config_file ? *config_file : home.parameter_file("research"), store, home.profile());
  std::filesystem::create_directories(home.state());
  core::Database database(home.research_database());
  const research::ResearchContext context{bars, store, database, clock, parameters, metrics};
  return research::run_research(context, options);
}

predictor::TrainingRun train_model(const core::Home& home, const core::Clock& clock,
                                   const predictor::TrainingRequest& request,
                                   const predictor::FoldProgress& progress) {
  core::FileSystemStore store(home.store());
  const market::BarStore bars(home.market());
  const auto parameters =
      predictor::load_predictor_parameters(home.parameter_file("predictor"), store, home.profile());
  return predictor::run_training(bars, store, clock, parameters, request, progress);
}

predictor::PredictResult predict_day(const core::Home& home, const core::Clock& clock,
                                     const predictor::PredictRequest& request) {
  core::FileSystemStore store(home.store());
  const market::BarStore bars(home.market());
  const auto parameters =
      predictor::load_predictor_parameters(home.parameter_file("predictor"), store, home.profile());
  return predictor::predict(bars, store, clock, parameters, request);
}

}  // namespace ae::app
