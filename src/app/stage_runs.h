// The stages' runs over a home, one function each, shared by the `ae`
// commands (`ae research run`, `ae train`, `ae predict`) and the pipelines'
// task functions (register_tasks.h): each opens what its stage needs (bar
// store, artifact store, the home's parameter layers, research's database)
// and calls the stage once; metrics go to the sink the caller names.
#pragma once

#include <filesystem>
#include <optional>

#include "core/clock.h"
#include "core/home.h"
#include "core/metric_sink.h"
#include "predictor/inference.h"
#include "predictor/training_run.h"
#include "research/pipeline.h"

namespace ae::app {

// `options.date` is the trading day researched; `config_file` replaces the
// home's config/research.yaml when set (NotFound if it does not exist).
research::RunResult run_research_day(const core::Home& home, const core::Clock& clock,
                                     const research::RunOptions& options, core::MetricSink* metrics,
                                     const std::optional<std::filesystem::path>& config_file = {});

predictor::TrainingRun train_model(const core::Home& home, const core::Clock& clock,
                                   const predictor::TrainingRequest& request,
                                   const predictor::FoldProgress& progress = {});

predictor::PredictResult predict_day(const core::Home& home, const core::Clock& clock,
                                     const predictor::PredictRequest& request);

}  // namespace ae::app
