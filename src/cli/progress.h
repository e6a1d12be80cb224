// What long commands show a person on stderr: progress bars (redrawn in place
// on a terminal, a line every 10% otherwise) and, while they run, the stages'
// per-day info lines held back (QuietStageLogs).
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "app/backtest_session.h"

namespace ae::cli {

// While alive, the stages' per-day info lines (the coverage guard, the
// predictor, research: thousands over a span) are held back when the log
// level is the default info; warnings and errors still show, and
// --log-level debug shows everything. The progress bars report progress.
class QuietStageLogs {
 public:
  QuietStageLogs();
  ~QuietStageLogs();
  QuietStageLogs(const QuietStageLogs&) = delete;
  QuietStageLogs& operator=(const QuietStageLogs&) = delete;

 private:
  int previous_;
};

// A progress bar on stderr: redrawn in place on a terminal, a line every 10%
// otherwise (logs and pipelines read it line by line).
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void update(std::size_t done, std::size_t total, const std::string& note = "");

 private:
  std::string label_;
  bool terminal_;
  int last_decile_ = -1;
};

// One progress bar per phase name, drawn as the phases report progress.
class PhaseBars {
 public:
  ae::app::Progress callback();

 private:
  std::map<std::string, ProgressBar> bars_;
};

}  // namespace ae::cli
