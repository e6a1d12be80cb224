// The layout of an alpha-engine home ($AE_HOME, default ./var). Every path
// under a home is named here and built nowhere else; layers receive the
// paths they need (a store root, a database file) from a Home.
//
//   store/                              the artifact store (S3-shaped)
//   market/                             the bar store
//   market/reports/                     import reports (`ae data import`)
//   market/corporate_actions.csv        delistings and mergers (market/corporate_actions.h)
//   market.staging/                     `ae data synth` writes the new market here,
//                                       then swaps it in (market/synth/install.h)
//   config/{risk,research,predictor,fix,executor}.yaml   the operator's parameter overrides
//   config/notifications.json           notification channels
//   config/dashboard.yaml               the dashboard's token
//   logs/notifications.log              every notification sent
//   state/ops.db                        metrics, alarms, deploy records
//   state/research.db                   research's history
//   state/states/executions.sqlite      the ASL engine's executions
//   state/states/commands/              the engine's durable command invocations
//   state/states/state_machines.sqlite  the Step Functions API's state machines and tags
//   state/states/serve.lock             held by the one `ae sfn serve` of the home
//   state/deployed/                     what `ae deploy` deployed
//   state/executor/                     ledger.db, paper_broker.db, order_book.json,
//                                       executor_params_cache.json
//   state/executor/fix/                 the FIX broker's session: QuickFIX message
//                                       store and logs, its orders and executions
//   state/exchange/                     `ae exchange`: its QuickFIX store, logs, orders
//   state/backtest/replay/              the backtester's cached workspaces
#pragma once

#include <filesystem>
#include <string>

#include "core/parameter_profile.h"

namespace ae::core {

class Home {
 public:
  Home() = default;  // no root yet: assign a Home before use
  explicit Home(std::filesystem::path root, std::string profile = std::string(kDefaultProfile))
      : root_(std::move(root)), profile_(std::move(profile)) {}

  const std::filesystem::path& root() const { return root_; }
  // The parameter profile every parameter set of this home loads
  // (core/parameters.h).
  const std::string& profile() const { return profile_; }

  std::filesystem::path store() const { return root_ / "store"; }
  std::filesystem::path market() const { return root_ / "market"; }
  // Beside the bar store's own files (it lists only bars/).
  std::filesystem::path import_reports() const { return market() / "reports"; }
  // Where `ae data synth` builds a whole market before it replaces market().
  std::filesystem::path market_staging() const { return root_ / "market.staging"; }

  // config/<set>.yaml for a parameter set ("risk", "research", "predictor").
  std::filesystem::path parameter_file(const std::string& set) const {
    return root_ / "config" / (set + ".yaml");
  }
  std::filesystem::path notifications_config() const {
    return root_ / "config" / "notifications.json";
  }
  std::filesystem::path dashboard_config() const { return root_ / "config" / "dashboard.yaml"; }
  std::filesystem::path notifications_log() const { return root_ / "logs" / "notifications.log"; }

  std::filesystem::path state() const { return root_ / "state"; }
  std::filesystem::path ops_database() const { return state() / "ops.db"; }
  std::filesystem::path research_database() const { return state() / "research.db"; }
  std::filesystem::path executions_database() const {
    return state() / "states" / "executions.sqlite";
  }
  std::filesystem::path command_invocations() const { return state() / "states" / "commands"; }
  std::filesystem::path state_machines_database() const {
    return state() / "states" / "state_machines.sqlite";
  }
  std::filesystem::path sfn_serve_lock() const { return state() / "states" / "serve.lock"; }
  std::filesystem::path deployed() const { return state() / "deployed"; }

  std::filesystem::path executor_state() const { return state() / "executor"; }
  std::filesystem::path ledger() const { return executor_state() / "ledger.db"; }
  std::filesystem::path paper_broker() const { return executor_state() / "paper_broker.db"; }
  std::filesystem::path order_book() const { return executor_state() / "order_book.json"; }
  std::filesystem::path fix_session() const { return executor_state() / "fix"; }
  std::filesystem::path exchange_state() const { return state() / "exchange"; }
  std::filesystem::path executor_parameters_cache() const {
    return executor_state() / "executor_params_cache.json";
  }

  std::filesystem::path backtest_workspaces() const { return state() / "backtest" / "replay"; }

 private:
  std::filesystem::path root_;
  std::string profile_;
};

}  // namespace ae::core
