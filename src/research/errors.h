// The typed failures of the research stage. Each class's name() is the error
// name the state machines catch (the task adapter puts it in the Lambda-style
// error field), and each message is one line naming what and where.
//   ResearchInputError  - the inputs cannot support a run (no universe, SPY
//                         missing, a held name without bars, bad date).
//   SignalsRejected     - the pre-write checks refused the signals file (an
//                         ENTER with an unknown sector, a ticker missing from
//                         the bar store, a score outside [0, 100]); nothing
//                         was written, so consumers keep the prior file.
#pragma once

#include <string_view>

#include "core/error.h"

namespace ae::research {

class ResearchInputError : public core::InvalidInput {
 public:
  using core::InvalidInput::InvalidInput;
  static constexpr std::string_view name() { return "ResearchInputError"; }
};

class SignalsRejected : public core::InvalidInput {
 public:
  using core::InvalidInput::InvalidInput;
  static constexpr std::string_view name() { return "SignalsRejected"; }
};

}  // namespace ae::research
