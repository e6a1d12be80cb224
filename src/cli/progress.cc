#include "cli/progress.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace ae::cli {

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

ae::app::Progress PhaseBars::callback() {
  return [this](const std::string& phase, std::size_t done, std::size_t total) {
    bars_.try_emplace(phase, phase).first->second.update(done, total);
  };
}

}  // namespace ae::cli
