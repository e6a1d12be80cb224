// The predictor's commands (docs/predictor.md):
//   ae train [--from DATE] [--to DATE] [--promote] [--force]
//       walk-forward training on $AE_HOME/market; a progress line per fold on
//       stderr, then the fold table on stdout; saves a new model version.
//   ae predict [--date DATE] [--tickers A,B,...] [--at TIMESTAMP]
//       writes predictor/predictions/{date}.json and latest.json; prints a
//       JSON summary. --tickers is the supplemental re-score (merge).
//   ae coverage --date DATE
//       prints the check_coverage result object (exit 0 with or without gap).
//   ae model list | show VERSION | promote VERSION [--force] | rollback
//       promote exits 1 when the promotion rule refuses (not promoted: ...)
// train and predict also record their AlphaEngine/Predictor metrics in
// $AE_HOME/state/ops.db (predictor/predictor_metrics.h; see `ae metrics`).
// --at stands in for "now" (a UTC timestamp), for replays and tests.
// JSON: train {"version", "rows", "dataset_seconds", "training_seconds",
// "metadata", "promotion": {"promoted", "reason"} | null}; predict the summary
// it prints; coverage the check_coverage result; model list {"champion",
// "versions": [{"version", "created_at", "ic", "rank_ic"}]}; model show the
// version's metadata; promote {"version", "promoted", "refused", "reason"}
// (exit 1 when the rule refuses); rollback {"champion"}.
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "app/stage_runs.h"
#include "cli/command.h"
#include "core/clock.h"
#include "core/contracts/coverage.h"
#include "market/bar_store.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"
#include "predictor/coverage_check.h"
#include "predictor/inference.h"
#include "predictor/model_registry.h"
#include "predictor/parameters.h"
#include "predictor/training_run.h"

namespace ae::cli {
namespace {

std::unique_ptr<core::Clock> make_cli_clock(const std::string& at) {
  if (at.empty()) return core::make_process_clock();
  return std::make_unique<core::VirtualClock>(core::parse_timestamp(at));
}

core::ParameterSet load_parameters(const Context& context, const core::ArtifactStore& store) {
  return predictor::load_predictor_parameters(context.home.parameter_file("predictor"), store,
                                              context.home.profile());
}

std::vector<std::string> split_tickers(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text + ",") {
    if (c == ',' || c == ' ') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

std::string metric_row(const std::string& label, const nlohmann::json& m) {
  return fmt::format("{:<30} {:>8.4f} {:>8.3f} {:>8.4f} {:>9.3f} {:>8.3f} {:>9.4f} {:>7}\n", label,
                     m.value("ic", 0.0), m.value("icir", 0.0), m.value("rank_ic", 0.0),
                     m.value("rank_icir", 0.0), m.value("hit_rate", 0.0),
                     m.value("decile_spread", 0.0), m.value("rows", 0));
}

std::string metrics_table(const nlohmann::json& metadata) {
  std::string out =
      fmt::format("{:<30} {:>8} {:>8} {:>8} {:>9} {:>8} {:>9} {:>7}\n", "fold (test days)", "IC",
                  "ICIR", "rankIC", "rankICIR", "hit", "D10-D1", "rows");
  const auto& metrics = metadata.at("metrics");
  for (const auto& fold : metrics.at("folds")) {
    const auto& test = fold.at("test");
    out += metric_row(test.is_object() ? fmt::format("{} {}..{}", fold.at("index").get<int>(),
                                                     test.at("first").get<std::string>(),
                                                     test.at("last").get<std::string>())
                                       : std::to_string(fold.at("index").get<int>()),
                      fold.at("metrics"));
  }
  if (metrics.contains("years"))
    for (const auto& [year, m] : metrics["years"].items()) out += metric_row("year " + year, m);
  out += metric_row("overall", metrics.at("overall"));
  if (metrics.contains("oracle_rank_ic")) {
    out += fmt::format("oracle rank IC {:.4f}; recovered {:.0f}%\n",
                       metrics["oracle_rank_ic"].get<double>(),
                       100 * metrics["oracle_ic_recovered"].get<double>());
  }
  if (metadata.contains("feature_importance")) {
    out += "feature gain shares:";
    std::size_t shown = 0;
    for (const auto& f : metadata["feature_importance"]) {
      if (shown++ == 10) break;
      out += fmt::format(" {} {:.1f}%", f.at("feature").get<std::string>(),
                         100 * f.at("gain_share").get<double>());
    }
    out += "\n";
  }
  if (metadata.contains("calibration")) {
    const auto& confidence = metadata["calibration"].at("confidence");
    const auto& share = confidence.at("share_at_least");
    out += fmt::format(
        "OOS confidence p50 {:.3f} p90 {:.3f} p99 {:.3f} max {:.3f}; >= 0.10: {:.1f}%, "
        ">= 0.20: {:.1f}%\n",
        confidence.value("p50", 0.0), confidence.value("p90", 0.0), confidence.value("p99", 0.0),
        confidence.value("max", 0.0), 100 * share.value("0.10", 0.0),
        100 * share.value("0.20", 0.0));
    const auto& holdout = metadata["calibration"].at("holdout");
    if (holdout.is_object()) {
      out += fmt::format("holdout calibration: ECE {:.4f}; Brier {:.5f} vs base rate {:.5f}\n",
                         holdout.value("ece", 0.0), holdout.value("brier", 0.0),
                         holdout.value("brier_base_rate", 0.0));
    }
  }
  return out;
}

void add_train(CLI::App& app, Dispatcher& dispatcher) {
  auto* train = app.add_subcommand("train", "Walk-forward training of a new model version");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto promote = std::make_shared<bool>(false);
  auto force = std::make_shared<bool>(false);
  train->add_option("--from", *from, "First feature date (default: all history)");
  train->add_option("--to", *to, "Last date of data used (default: all)");
  train->add_flag("--promote", *promote, "Promote the new version if it passes the rule");
  train->add_flag("--force", *force, "With --promote: promote regardless of the rule");
  dispatcher.bind(train, [=](const Context& context) {
    const auto process_clock = core::make_process_clock();
    const core::Clock& clock = *process_clock;
    predictor::TrainingRequest request;
    if (!from->empty()) request.from = core::parse_date(*from);
    if (!to->empty()) request.to = core::parse_date(*to);
    request.promote = *promote;
    request.force_promote = *force;
    const auto database = ops::open_ops_database(context.home.ops_database());
    ops::MetricStore metrics(*database);
    request.metrics = &metrics;
    // Folds train concurrently and report as they finish (calls are serialised).
    auto completed = std::make_shared<std::size_t>(0);
    const auto progress = [completed](const predictor::FoldReport& report, std::size_t total) {
      const std::size_t done = ++*completed;
      const std::size_t width = 30, filled = width * std::min(done, total) / total;
      std::cerr
          << fmt::format(
                 "\r{:>2}/{:<2} folds [{}{}] fold {:>2}: IC {:+.4f} rank IC {:+.4f} ({} rows)",
                 done, total, std::string(filled, '#'), std::string(width - filled, '.'),
                 report.fold.index, report.metrics.ic, report.metrics.rank_ic, report.test_rows)
          << (done >= total ? "\n" : "") << std::flush;
    };
    const auto run = ae::app::train_model(context.home, clock, request, progress);
    std::cerr << "\n";
    const auto promotion = run.promotion ? nlohmann::json{{"promoted", run.promotion->promoted},
                                                          {"reason", run.promotion->reason}}
                                         : nlohmann::json();
    context.output.print({{"version", run.version},
                          {"rows", run.rows},
                          {"dataset_seconds", run.dataset_seconds},
                          {"training_seconds", run.training_seconds},
                          {"metadata", run.metadata},
                          {"promotion", promotion}},
                         [&](std::ostream& out) {
                           out << "version " << run.version << "\n"
                               << fmt::format("rows {}; dataset {:.1f}s; training {:.1f}s\n",
                                              run.rows, run.dataset_seconds, run.training_seconds)
                               << metrics_table(run.metadata);
                           if (run.promotion) out << run.promotion->reason << "\n";
                         });
    return 0;
  });
}

void add_predict(CLI::App& app, Dispatcher& dispatcher) {
  auto* predict = app.add_subcommand("predict", "Score the watchlist and write the predictions");
  auto date = std::make_shared<std::string>();
  auto tickers = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();
  predict->add_option("--date", *date, "Feature date (default: the last closed trading day)");
  predict->add_option("--tickers", *tickers, "Supplemental mode: score only these (A,B,...)");
  predict->add_option("--at", *at, "UTC timestamp standing in for now");
  dispatcher.bind(predict, [=](const Context& context) {
    const auto clock = make_cli_clock(*at);
    predictor::PredictRequest request;
    request.date = date->empty() ? market::BarStore(context.home.market())
                                       .calendar()
                                       .last_closed_trading_day(clock->now())
                                 : core::parse_date(*date);
    request.tickers = split_tickers(*tickers);
    const auto database = ops::open_ops_database(context.home.ops_database());
    ops::MetricStore metrics(*database);
    request.metrics = &metrics;
    const auto result = ae::app::predict_day(context.home, *clock, request);
    const auto& p = result.written.predictions;
    nlohmann::json summary = {{"date", core::format_date(p.date)},
                              {"model_version", p.model_version},
                              {"n_predictions", p.n_predictions},
                              {"n_high_confidence", p.n_high_confidence},
                              {"veto_threshold", result.written.veto_threshold},
                              {"supplemental", !request.tickers.empty()},
                              {"output_gate_passed", result.written.health.passed},
                              {"feature_ms", 1000 * result.feature_seconds},
                              {"scoring_ms", 1000 * result.scoring_seconds},
                              {"run_ms", 1000 * result.seconds}};
    context.output.print(summary);
    return 0;
  });
}

void add_coverage(CLI::App& app, Dispatcher& dispatcher) {
  auto* coverage =
      app.add_subcommand("coverage", "Buy candidates without a prediction (check_coverage)");
  auto date = std::make_shared<std::string>();
  coverage->add_option("--date", *date, "Trading date")->required();
  dispatcher.bind(coverage, [=](const Context& context) {
    const core::FileSystemStore store(context.home.store());
    const nlohmann::json result = predictor::check_coverage(store, core::parse_date(*date));
    context.output.print(result, [&](std::ostream& out) { out << result.dump() << "\n"; });
    return 0;
  });
}

void add_model(CLI::App& app, Dispatcher& dispatcher) {
  auto* model = app.add_subcommand("model", "Model versions: list, show, promote, rollback");
  model->require_subcommand(1);

  auto* list = model->add_subcommand("list", "Every saved version, oldest first");
  dispatcher.bind(list, [](const Context& context) {
    const core::FileSystemStore store(context.home.store());
    const auto champion = predictor::champion_version(store);
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& m : predictor::list_versions(store)) {
      const auto& overall = m["metrics"]["overall"];
      versions.push_back({{"version", m.value("version", "?")},
                          {"created_at", m.value("created_at", "")},
                          {"ic", overall.value("ic", 0.0)},
                          {"rank_ic", overall.value("rank_ic", 0.0)}});
    }
    context.output.print({{"champion", champion ? nlohmann::json(*champion) : nlohmann::json()},
                          {"versions", versions}},
                         [&](std::ostream& out) {
                           out << fmt::format("{:<2}{:<36} {:<28} {:>8} {:>8}\n", "", "version",
                                              "created_at", "IC", "rankIC");
                           for (const auto& v : versions) {
                             const auto version = v["version"].get<std::string>();
                             out << fmt::format("{:<2}{:<36} {:<28} {:>8.4f} {:>8.4f}\n",
                                                champion && *champion == version ? "*" : "",
                                                version, v["created_at"].get<std::string>(),
                                                v["ic"].get<double>(), v["rank_ic"].get<double>());
                           }
                         });
    return 0;
  });

  auto* show = model->add_subcommand("show", "A version's metadata and metric table");
  auto show_version = std::make_shared<std::string>();
  show->add_option("version", *show_version, "Version (default: the champion)");
  dispatcher.bind(show, [=](const Context& context) {
    const core::FileSystemStore store(context.home.store());
    const auto loaded = show_version->empty() ? predictor::load_champion(store)
                                              : predictor::load_version(store, *show_version);
    context.output.print(loaded.metadata, [&](std::ostream& out) {
      // People get the scalar fields and the metric table; the nested ones
      // (features, parameters, calibration, ...) are in --output json.
      std::string nested;
      for (const auto& [key, value] : loaded.metadata.items()) {
        if (value.is_structured()) {
          if (key != "metrics") nested += (nested.empty() ? "" : ", ") + key;
          continue;
        }
        out << fmt::format("{:<20} {}\n", key,
                           value.is_string() ? value.get<std::string>() : value.dump());
      }
      out << metrics_table(loaded.metadata);
      if (!nested.empty()) out << "more in --output json: " << nested << "\n";
    });
    return 0;
  });

  auto* promote = model->add_subcommand("promote", "Make a version the champion (if it passes)");
  auto promote_version = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  promote->add_option("version", *promote_version, "Version")->required();
  promote->add_flag("--force", *force, "Skip the promotion rule");
  dispatcher.bind(promote, [=](const Context& context) {
    core::FileSystemStore store(context.home.store());
    const auto process_clock = core::make_process_clock();
    const core::Clock& clock = *process_clock;
    const auto parameters = load_parameters(context, store);
    const auto decision = predictor::promote(store, clock, *promote_version,
                                             parameters.get_double("promotion.min_ic"),
                                             parameters.get_double("promotion.margin"), *force);
    // A refusal is a check that came out negative (exit 1), not a usage error;
    // a version that already is the champion is not refused.
    context.output.print({{"version", *promote_version},
                          {"promoted", decision.promoted},
                          {"refused", decision.refused},
                          {"reason", decision.reason}},
                         [&](std::ostream& out) {
                           out << (decision.refused ? "not promoted: " : "") << decision.reason
                               << "\n";
                         });
    return decision.refused ? kExitNegative : kExitOk;
  });

  auto* rollback = model->add_subcommand("rollback", "Restore the previous champion");
  dispatcher.bind(rollback, [](const Context& context) {
    core::FileSystemStore store(context.home.store());
    const auto process_clock = core::make_process_clock();
    const core::Clock& clock = *process_clock;
    const auto champion = predictor::rollback(store, clock);
    context.output.print({{"champion", champion}},
                         [&](std::ostream& out) { out << "champion is now " << champion << "\n"; });
    return 0;
  });
}

}  // namespace

void add_predictor_commands(CLI::App& app, Dispatcher& dispatcher) {
  add_train(app, dispatcher);
  add_predict(app, dispatcher);
  add_coverage(app, dispatcher);
  add_model(app, dispatcher);
}

}  // namespace ae::cli
