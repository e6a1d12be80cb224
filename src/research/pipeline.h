// One research run for a trading date, end to end (the reference's
// stages, in its order): universe on the date -> technical snapshots -> macro
// regime (rule or agent) -> scanner (+ every holding) -> factor composites ->
// per-name scores (held names re-scored every run) -> sector teams (rule or
// agent) -> CIO (rule or agent) + post-processing -> exits and population ->
// signals.json (pre-write checks, schema-validated, written atomically to
// signals/{date}/signals.json and signals/latest.json), population/{date}.json
// and population/latest.json -> the research database (+ forward returns of
// earlier signals) -> metrics.
//
// Idempotent: when signals/{date}/signals.json exists and `force` is false
// the run is skipped. Failures throw: ResearchInputError (no universe, SPY
// missing, a held name without bars, not a trading day), SignalsRejected
// (pre-write checks), core::ContractViolation (schema); in every case no
// signals file is written.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/contracts/signals.h"
#include "core/metric_sink.h"
#include "core/parameters.h"
#include "core/sqlite.h"
#include "market/bar_store.h"
#include "research/judgment.h"

namespace ae::research {

struct ResearchContext {
  const market::BarStore& bars;
  core::ArtifactStore& store;
  core::Database& history;
  const core::Clock& clock;
  const core::ParameterSet& parameters;  // load_research_parameters()
  core::MetricSink* metrics = nullptr;   // optional
};

struct RunOptions {
  core::Date date;
  bool force = false;
  // step -> command; overrides agents.<step> from the parameters.
  std::map<std::string, std::string> agents;
  unsigned threads = 0;  // indicator threads; 0 = one per hardware thread
};

struct RunResult {
  core::Date date;
  bool skipped = false;
  core::MarketRegime regime = core::MarketRegime::kNeutral;
  std::size_t universe_size = 0;
  std::size_t scanner_candidates = 0;
  std::size_t recommendations = 0;
  std::vector<std::string> entries;  // admitted to the population this run
  std::vector<std::string> exits;
  std::vector<std::string> buy_candidates;
  std::size_t population_size = 0;
  std::vector<JudgmentRecord> judgments;
  std::string signals_key;
};

// "signals/{date}/signals.json"
std::string signals_key(core::Date date);
inline constexpr const char* kLatestSignalsKey = "signals/latest.json";

RunResult run_research(const ResearchContext& context, const RunOptions& options);

}  // namespace ae::research
