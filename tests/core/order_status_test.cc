#include "core/order_status.h"

#include <gtest/gtest.h>

#include "core/contracts/order_book.h"
#include "core/error.h"

namespace ae::core {
namespace {

TEST(OrderStatus, EveryStatusHasOneNameThatParsesBack) {
  for (auto status : {OrderStatus::kNew, OrderStatus::kPartiallyFilled, OrderStatus::kFilled,
                      OrderStatus::kRejected, OrderStatus::kCanceled, OrderStatus::kExpired}) {
    EXPECT_EQ(parse_order_status(to_string(status)), status) << to_string(status);
  }
  EXPECT_EQ(to_string(OrderStatus::kPartiallyFilled), "PartialFill");
  EXPECT_FALSE(parse_order_status("pending"));
}

TEST(OrderStatus, TheOrderBookWritesPendingAndExecutedOnly) {
  UrgentExit exit{"AAA", ExitAction::kExit, 10, "stop", std::nullopt, OrderStatus::kNew};
  EXPECT_EQ(nlohmann::json(exit).at("status"), "pending");
  exit.status = OrderStatus::kFilled;
  const nlohmann::json executed = exit;
  EXPECT_EQ(executed.at("status"), "executed");
  EXPECT_EQ(executed.get<UrgentExit>().status, OrderStatus::kFilled);
  exit.status = OrderStatus::kRejected;
  EXPECT_THROW(static_cast<void>(nlohmann::json(exit)), InvalidInput);
  ApprovedEntry entry;
  entry.ticker = "AAA";
  entry.status = OrderStatus::kRejected;
  EXPECT_THROW(static_cast<void>(nlohmann::json(entry)), InvalidInput);
}

}  // namespace
}  // namespace ae::core
