// The oracle: decision inputs from a research and a predictor that know the
// simulated market's planted signal (market/synth/planted_signal.h), for the
// same days as a real replay. The report sets the replay beside it (and
// beside SPY): how much of what was knowable the live code captured.
// Every `research_every` sessions (from the first day), as of the session
// before: every member with a score gets a prediction whose alpha is the
// return the planted component is expected to add over the oracle's horizon
// (kappa x 60-day volatility x score x 21, the generator's rule at the default
// kappa), with confidence 0.3 + 0.2 |score|, never vetoed: the
// benchmark-relative construction ranks them all. Ranked by that alpha, the
// top `n_candidates` are ENTER buy candidates, the next `n_hold` HOLD, the
// bottom 10 EXIT; signal scores are 50 + 15 x the oracle score in [0, 100]. Only meaningful on a
// simulated market (an imported one has no planted signal: the scores are then noise).
#pragma once

#include "backtest/decision_inputs.h"

namespace ae::backtest {

struct OracleOptions {
  int research_every = 5;
  int n_candidates = 15;
  int n_hold = 25;
};

// Days [first, last] as in `like` (the oracle decides on the same days).
DecisionInputs oracle_decisions(const SeriesCache& series, core::Date first, core::Date last,
                                const OracleOptions& options = {});

}  // namespace ae::backtest
