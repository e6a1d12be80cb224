// The errors of the Step Functions API, as AWS's JSON 1.0 protocol returns
// them: the body {"__type": <type>, "message": <text>} with an HTTP status,
// 400 unless AWS documents another (403 for the signature errors, 500 for
// InternalFailure). Every action throws ApiError; the protocol (service.h)
// writes it.
#pragma once

#include <stdexcept>
#include <string>

namespace ae::states::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(std::string type, const std::string& message, int status = 400)
      : std::runtime_error(message), type_(std::move(type)), status_(status) {}
  const std::string& type() const { return type_; }
  int status() const { return status_; }

 private:
  std::string type_;
  int status_;
};

}  // namespace ae::states::api
