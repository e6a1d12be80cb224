#include "core/order_status.h"

#include <array>
#include <utility>

namespace ae::core {
namespace {

constexpr std::array<std::pair<OrderStatus, std::string_view>, 6> kNames = {{
    {OrderStatus::kNew, "New"},
    {OrderStatus::kPartiallyFilled, "PartialFill"},
    {OrderStatus::kFilled, "Filled"},
    {OrderStatus::kRejected, "Rejected"},
    {OrderStatus::kCanceled, "Canceled"},
    {OrderStatus::kExpired, "Expired"},
}};

}  // namespace

std::string_view to_string(OrderStatus status) {
  for (const auto& [value, name] : kNames)
    if (value == status) return name;
  return "Unknown";
}

std::optional<OrderStatus> parse_order_status(std::string_view text) {
  for (const auto& [value, name] : kNames)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace ae::core
