// The lifecycle of an order, one enum for the planner's order book and the
// brokers:
//   kNew              created (planned, or accepted by a broker), nothing filled
//   kPartiallyFilled  some of the shares filled
//   kFilled           every share filled
//   kRejected         refused, nothing filled
//   kCanceled         withdrawn before it completed
//   kExpired          its time in force ran out before it completed
// to_string gives each status the one name it is stored under as text ("New",
// "PartialFill", "Filled", "Rejected", "Canceled", "Expired"); the order
// book's contract has its own two words for kNew and kFilled
// (core/contracts/order_book.h).
#pragma once

#include <optional>
#include <string_view>

namespace ae::core {

enum class OrderStatus { kNew, kPartiallyFilled, kFilled, kRejected, kCanceled, kExpired };

std::string_view to_string(OrderStatus status);

// The status named `text` by to_string; nullopt for any other text.
std::optional<OrderStatus> parse_order_status(std::string_view text);

}  // namespace ae::core
