// Folds a warning that one cause raises again on every day a long run covers
// (the predictor's output health gate over an `ae simulate` span, research's
// entrant floor over a backtest's replay) into its first line and a count.
// A use case that spans many days in one process opens a
// RepeatedWarningScope; inside it, warn_repeated(key, detail) logs
// "<key>: <detail>" as a warning the first time a key is seen and only counts
// the later ones, and when the outermost scope closes it logs one warning per
// key that repeated: "<key>: N more time(s) in this run, the last: <detail>".
// Outside any scope every call logs (a one-day command; the production
// schedule, where each day's warning belongs to that day). The key names the
// cause without the day's numbers ("predictor: output health gate failed
// (sign_skew)"); the detail carries them. Thread-safe; scopes nest (only the
// outermost one summarises).
#pragma once

#include <string>

namespace ae::core {

class RepeatedWarningScope {
 public:
  RepeatedWarningScope();
  ~RepeatedWarningScope();
  RepeatedWarningScope(const RepeatedWarningScope&) = delete;
  RepeatedWarningScope& operator=(const RepeatedWarningScope&) = delete;
};

void warn_repeated(const std::string& key, const std::string& detail);

}  // namespace ae::core
