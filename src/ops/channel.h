// A notification delivery channel (what one SNS subscription does locally):
// describe() names it for reports and logs without any credential; deliver()
// sends one message or throws DeliveryError, one line naming the channel and
// the last failure.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/error.h"

namespace ae::ops {

class DeliveryError : public core::IoError {
 public:
  using core::IoError::IoError;
};

struct Message {
  std::string topic;
  std::string subject;
  std::string body;  // the JSON document sent to webhooks and logged
  core::Timestamp timestamp;
};

class Channel {
 public:
  virtual ~Channel() = default;
  virtual std::string describe() const = 0;  // "webhook https://127.0.0.1:8080/hook"
  virtual void deliver(const Message& message) = 0;
};

}  // namespace ae::ops
