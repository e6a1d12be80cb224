#include "core/json_limits.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace ae::core {

std::string json_too_deep_message() {
  return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
}

nlohmann::json parse_json(std::string_view text) {
  using Event = nlohmann::json::parse_event_t;
  // `depth` is the number of open arrays and objects around the one starting.
  auto limit = [](int depth, Event event, nlohmann::json&) {
    if ((event == Event::object_start || event == Event::array_start) &&
        static_cast<size_t>(depth) >= kMaxJsonDepth)
      throw JsonTooDeep(json_too_deep_message());
    return true;
  };
  return nlohmann::json::parse(text, limit);
}

size_t json_depth(const nlohmann::json& value, size_t stop_after) {
  size_t deepest = 0;
  std::vector<std::pair<const nlohmann::json*, size_t>> pending{{&value, 0}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    deepest = std::max(deepest, depth + 1);
    if (deepest > stop_after) return deepest;
    for (const auto& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return deepest;
}

size_t json_size_estimate(const nlohmann::json& value, size_t stop_after) {
  size_t total = 0;
  std::vector<const nlohmann::json*> pending{&value};
  while (!pending.empty()) {
    const nlohmann::json* node = pending.back();
    pending.pop_back();
    switch (node->type()) {
      case nlohmann::json::value_t::string:
        total += node->get_ref<const std::string&>().size() + 2;
        break;
      case nlohmann::json::value_t::object:
        total += 2;
        for (auto it = node->begin(); it != node->end() && total <= stop_after; ++it) {
          total += it.key().size() + 4;
          pending.push_back(&*it);
        }
        break;
      case nlohmann::json::value_t::array:
        total += 2;
        for (auto it = node->begin(); it != node->end() && total <= stop_after; ++it) {
          total += 1;
          pending.push_back(&*it);
        }
        break;
      default:
        total += 8;
    }
    if (total > stop_after) return total;
  }
  return total;
}

}  // namespace ae::core
