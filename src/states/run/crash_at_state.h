// A crash at a named state boundary, for crash-recovery tests and drills:
// a HistorySink decorator that passes everything to the durable sink and,
// once the entry of top-level state STATE has been committed for the Nth
// time (spec "STATE" or "STATE#N", N >= 1), kills this process with SIGKILL
// before the state does any work. Resuming the execution then re-enters that
// state, exactly as after a real crash there. Chosen by name, not by timing,
// so every boundary of a pipeline can be hit deterministically.
#pragma once

#include <string>

#include "states/store/history.h"

namespace ae::states {

struct CrashPoint {
  std::string state;
  int occurrence = 1;
  // Throws core::InvalidInput for a malformed spec.
  static CrashPoint parse(const std::string& spec);
};

class CrashAtState final : public HistorySink {
 public:
  CrashAtState(HistorySink& durable, CrashPoint point)
      : durable_(durable), point_(std::move(point)) {}

  void record(HistoryEvent event) override;
  void checkpoint(const Checkpoint& checkpoint, bool side_effects) override;
  bool wants_checkpoint(bool side_effects) override;
  bool stop_requested() override { return durable_.stop_requested(); }
  void flush() override { durable_.flush(); }

 private:
  HistorySink& durable_;
  CrashPoint point_;
  int seen_ = 0;
  bool armed_ = false;
};

}  // namespace ae::states
