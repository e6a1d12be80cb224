// The broker setting: which broker the executor trades through, `paper` (the
// paper broker, the default) or `fix` (the FIX broker over the session of
// config/fix.yaml). The first found wins: a command's `--broker` (ae plan,
// trade, eod and run; the command line reads AE_BROKER when the option is
// absent, and `ae run` exports its value to the pipeline's command steps),
// then `broker` in $AE_HOME/config/executor.yaml, then the shipped
// config/executor.yaml (paper). The file is the parameter set "executor",
// checked like every parameter file; a value other than paper or fix is
// InvalidInput naming where it came from.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/parameters.h"

namespace ae::executor {

enum class BrokerKind { kPaper, kFix };

std::string_view to_string(BrokerKind kind);
// InvalidInput "<origin>: broker '<text>' is not paper or fix" for anything else.
BrokerKind parse_broker_kind(std::string_view text, std::string_view origin);

// The parameter set "executor" (config/executor.yaml) at its built-in default.
core::ParameterSet executor_settings();

// The shipped config/executor.yaml overridden by `user_file` when it exists;
// a broker other than paper or fix is InvalidInput.
core::ParameterSet load_executor_settings(const std::filesystem::path& user_file);

// `requested` (from the command line or AE_BROKER) when not empty, else the
// shipped config/executor.yaml overridden by `user_file` when it exists.
BrokerKind choose_broker(std::string_view requested, const std::filesystem::path& user_file);

}  // namespace ae::executor
