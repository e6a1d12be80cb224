#include "core/closest_names.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace ae::core {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      const std::size_t substituted = diagonal + (same ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substituted});
    }
  }
  return row[b.size()];
}

std::string_view last_segment(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

}  // namespace

std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& known,
                                       std::size_t limit) {
  const std::size_t segment = last_segment(name).size();
  std::size_t best = std::max<std::size_t>(segment >= 6 ? 2 : 1, segment / 3);
  std::vector<std::string> out;
  for (const auto& candidate : known) {
    if (candidate == name) continue;
    const std::size_t distance =
        last_segment(candidate) == last_segment(name) ? 0 : edit_distance(name, candidate);
    if (distance > best) continue;
    if (distance < best) {
      best = distance;
      out.clear();
    }
    if (out.size() < limit) out.push_back(candidate);
  }
  return out;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& known) {
  const auto close = closest_names(name, known);
  if (close.empty()) return "";
  std::string text = "; did you mean ";
  for (std::size_t i = 0; i < close.size(); ++i) {
    if (i > 0) text += i + 1 == close.size() ? " or " : ", ";
    text += "'" + close[i] + "'";
  }
  return text + "?";
}

}  // namespace ae::core
