// The research database (SQLite, $AE_HOME/state/research.db by default): what
// each run saw and decided, so signal quality can be evaluated later.
//   runs                 one row per run date (regime, counts, metadata)
//   scores               every scored name (team slates and held names)
//   scanner_evaluations  every universe ticker's screen result
//   population           the population after each run (snapshot per date)
//   population_events    ENTRY and every exit, with its reason
//   theses               thesis, rationale and catalysts per scored name
//   signal_outcomes      ENTER/EXIT signals with their entry price; 10- and
//                        30-trading-day forward returns and SPY's are filled
//                        in by later runs (fill_forward_returns)
// Recording a date replaces that date's rows (a forced re-run), in one
// transaction. The population a run starts from is the latest snapshot from
// an earlier date, so re-running a date is idempotent.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/sqlite.h"
#include "market/bar_store.h"
#include "research/population.h"
#include "research/scanner.h"
#include "research/scoring.h"

namespace ae::research {

struct ThesisRecord {
  std::string ticker;
  std::string thesis_summary;
  std::string rationale;
  std::vector<std::string> catalysts;
};

struct OutcomeRecord {
  std::string ticker;
  core::SignalAction signal = core::SignalAction::kEnter;
  std::optional<double> score;
  double entry_price = 0;
};

struct RunRecord {
  core::Date date;
  std::string generated_at;
  core::MarketRegime regime = core::MarketRegime::kNeutral;
  nlohmann::json counts = nlohmann::json::object();
  nlohmann::json metadata = nlohmann::json::object();
  std::vector<const ScoredName*> scored;
  std::vector<std::string> scored_source;  // parallel: "team" | "held" | "both"
  const ScanResult* scan = nullptr;
  std::vector<Member> population;
  std::vector<std::string> entered;
  std::vector<PopulationExit> exits;
  std::vector<ThesisRecord> theses;
  std::vector<OutcomeRecord> outcomes;
};

class ResearchHistory {
 public:
  // Applies the schema migrations.
  explicit ResearchHistory(core::Database& database);

  // The population snapshot of the latest run before `date` (empty if none).
  std::vector<Member> population_before(core::Date date);
  void record_run(const RunRecord& record);
  // Fills forward returns that have become computable by `as_of`; returns
  // the number of outcome rows updated.
  int fill_forward_returns(const market::BarStore& store, core::Date as_of);

  // Run dates, oldest first.
  std::vector<core::Date> run_dates();
  // Outcomes of one signal date: ticker, signal, returns (null if not yet).
  nlohmann::json outcomes(core::Date date);

 private:
  core::Database& db_;
};

}  // namespace ae::research
