#include "states/parse/json.h"

#include <algorithm>

namespace ae::states {

// Recursion is bounded: every value in the engine is at most
// core::kMaxJsonDepth deep (core/json_limits.h).
bool json_equal(const Json& left, const Json& right) {
  if (left.is_object() && right.is_object()) {
    if (left.size() != right.size()) return false;
    for (auto member = left.begin(); member != left.end(); ++member) {
      const auto other = right.find(member.key());
      if (other == right.end() || !json_equal(member.value(), *other)) return false;
    }
    return true;
  }
  if (left.is_array() && right.is_array()) {
    if (left.size() != right.size()) return false;
    for (size_t i = 0; i < left.size(); ++i)
      if (!json_equal(left[i], right[i])) return false;
    return true;
  }
  return left == right;
}

void reserve_members(Json& object, size_t extra) {
  auto& members = object.get_ref<Json::object_t&>();
  if (members.capacity() - members.size() >= extra) return;
  Json::object_t larger;
  larger.reserve(std::max(members.size() + extra, members.size() * 2));
  for (auto& member : members) larger.emplace_back(member.first, std::move(member.second));
  members.swap(larger);
}

}  // namespace ae::states
