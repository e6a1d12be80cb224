#include "cli/backtest_session.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "core/error.h"
#include "executor/inputs.h"
#include "predictor/parameters.h"
#include "research/research_parameters.h"

namespace ae::cli {
namespace {

core::Date default_to(const backtest::SeriesCache& series) {
  const auto* spy = series.find("SPY");
  if (!spy || spy->empty())
    throw core::NotFound("backtest: no SPY bars in the market data (run ae data synth or import)");
  return spy->last_date();
}

core::Date first_session_of_previous_year(const market::BarStore& bars, core::Date to) {
  const core::Date january{to.year() - std::chrono::years(1), std::chrono::January,
                           std::chrono::day(1)};
  const auto index = bars.calendar().first_index_on_or_after(january);
  return index ? bars.calendar().date_at(*index) : january;
}

}  // namespace

BacktestSession::BacktestSession(const Context& context, const SpanArgs& args)
    : store(context.home.store()),
      bars(context.home.market()),
      series(bars),
      research_parameters(
          research::load_research_parameters(context.home.parameter_file("research"), store)),
      predictor_parameters(
          predictor::load_predictor_parameters(context.home.parameter_file("predictor"), store)),
      executor_parameters(executor::load_executor_parameters(context.home, store)),
      config(executor::risk_config_from(executor_parameters)),
      workspaces_(context.home.backtest_workspaces()),
      retrain_every_(args.retrain_every) {
  // The last session on or before --to: the saturday pipeline passes its own date.
  to = default_to(series);
  if (!args.to.empty()) {
    const auto asked = core::parse_date(args.to);
    const auto index = bars.calendar().last_index_on_or_before(asked);
    if (!index) throw core::InvalidInput("backtest: no trading day on or before " + args.to);
    to = std::min(to, bars.calendar().date_at(*index));
  }
  if (args.from.empty()) {
    from = first_session_of_previous_year(bars, to);
    too_little_history_ = backtest::history_shortfall(series, from, predictor_parameters);
  } else {
    from = core::parse_date(args.from);
  }
}

const backtest::PreparedInputs& BacktestSession::prepare() {
  if (prepared_) return *prepared_;
  backtest::PrepareOptions options;
  options.from = from;
  options.to = to;
  options.workspaces = workspaces_;
  options.research_parameters = &research_parameters;
  options.predictor_parameters = &predictor_parameters;
  options.retrain_every_days = retrain_every_;
  std::map<std::string, ProgressBar> bars_by_phase;
  options.progress = [&](const std::string& phase, std::size_t done, std::size_t total) {
    auto it = bars_by_phase.try_emplace(phase, phase).first;
    it->second.update(done, total);
  };
  prepared_ = backtest::prepare_decision_inputs(series, options);
  return *prepared_;
}

QuietStageLogs::QuietStageLogs() : previous_(static_cast<int>(spdlog::get_level())) {
  if (spdlog::get_level() == spdlog::level::info) spdlog::set_level(spdlog::level::warn);
}

QuietStageLogs::~QuietStageLogs() {
  spdlog::set_level(static_cast<spdlog::level::level_enum>(previous_));
}

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), terminal_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::update(std::size_t done, std::size_t total, const std::string& note) {
  constexpr int kWidth = 30;
  total = std::max<std::size_t>(total, 1);
  const int filled = static_cast<int>(kWidth * done / total);
  const auto line = fmt::format("{:<12} [{:<{}}] {:>5}/{}{}", label_, std::string(filled, '#'),
                                kWidth, done, total, note.empty() ? "" : "  " + note);
  if (terminal_) {
    std::cerr << "\r" << line << (done >= total ? "\n" : "") << std::flush;
    return;
  }
  const int decile = static_cast<int>(10 * done / total);
  if (decile == last_decile_) return;
  last_decile_ = decile;
  std::cerr << line << "\n";
}

}  // namespace ae::cli
