#include "core/json_limits.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace ae::core {

std::string json_too_deep_message() {
  return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
}

template <class JsonType>
JsonType parse_json(std::string_view text) {
  using Event = typename JsonType::parse_event_t;
  // `depth` is the number of open arrays and objects around the one starting.
  auto limit = [](int depth, Event event, JsonType&) {
    if ((event == Event::object_start || event == Event::array_start) &&
        static_cast<size_t>(depth) >= kMaxJsonDepth)
      throw JsonTooDeep(json_too_deep_message());
    return true;
  };
  return JsonType::parse(text, limit);
}

// The walks below run on every value a state produces: their stacks are kept
// per thread, so that measuring a small value allocates nothing.
template <class Entry>
std::vector<Entry>& scratch_stack() {
  thread_local std::vector<Entry> stack;
  stack.clear();
  return stack;
}

template <class JsonType>
size_t json_depth(const JsonType& value, size_t stop_after) {
  if (!value.is_structured()) return 0;
  if (value.empty()) return 1;
  size_t deepest = 0;
  auto& pending = scratch_stack<std::pair<const JsonType*, size_t>>();
  pending.emplace_back(&value, 0);
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

template <class JsonType>
size_t json_size_estimate(const JsonType& value, size_t stop_after) {
  if (value.is_structured() && value.empty()) return 2;
  size_t total = 0;
  auto& pending = scratch_stack<const JsonType*>();
  pending.push_back(&value);
  while (!pending.empty()) {
    const JsonType* node = pending.back();
    pending.pop_back();
    switch (node->type()) {
      case nlohmann::json::value_t::string:
        total += node->template get_ref<const std::string&>().size() + 2;
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

template nlohmann::json parse_json<nlohmann::json>(std::string_view);
template nlohmann::ordered_json parse_json<nlohmann::ordered_json>(std::string_view);
template size_t json_depth(const nlohmann::json&, size_t);
template size_t json_depth(const nlohmann::ordered_json&, size_t);
template size_t json_size_estimate(const nlohmann::json&, size_t);
template size_t json_size_estimate(const nlohmann::ordered_json&, size_t);

}  // namespace ae::core
