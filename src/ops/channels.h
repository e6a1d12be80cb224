// Notification delivery channels (what an SNS subscription does locally).
//   LogFileChannel  - appends one JSON object per line to a file (always on);
//   WebhookChannel  - HTTP POST (libcurl) of the JSON message to an http:// URL, with a
//                     per-attempt timeout and retries (connection errors,
//                     timeouts, 429 and 5xx) separated by backoff on the Clock;
//   SmtpChannel     - SMTP (libcurl: EHLO, MAIL, RCPT, DATA with dot-stuffing)
//                     to a relay, with a timeout, and STARTTLS when asked for
//                     and offered by the server.
// deliver() throws DeliveryError naming the channel and the last failure once
// every attempt has failed.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

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
  virtual std::string describe() const = 0;  // "webhook http://127.0.0.1:8080/hook"
  virtual void deliver(const Message& message) = 0;
};

class LogFileChannel final : public Channel {
 public:
  explicit LogFileChannel(std::filesystem::path path) : path_(std::move(path)) {}
  std::string describe() const override { return "log " + path_.string(); }
  void deliver(const Message& message) override;

 private:
  std::filesystem::path path_;
};

struct WebhookOptions {
  std::chrono::milliseconds timeout{5000};
  int retries = 2;                          // attempts = retries + 1
  std::chrono::milliseconds backoff{1000};  // doubled after each failed attempt
};

class WebhookChannel final : public Channel {
 public:
  // url: "http://host[:port]/path"; InvalidInput for any other form.
  WebhookChannel(const std::string& url, WebhookOptions options, core::Clock& clock);
  std::string describe() const override { return "webhook " + url_; }
  void deliver(const Message& message) override;
  int attempts_made() const { return attempts_made_; }

 private:
  std::string url_;
  WebhookOptions options_;
  core::Clock& clock_;
  int attempts_made_ = 0;
};

struct SmtpOptions {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string from = "alpha-engine@localhost";
  std::chrono::milliseconds timeout{10000};
  bool starttls = false;  // upgrade with STARTTLS when the server offers it
};

class SmtpChannel final : public Channel {
 public:
  SmtpChannel(std::vector<std::string> recipients, SmtpOptions options);
  std::string describe() const override;
  void deliver(const Message& message) override;

 private:
  std::vector<std::string> recipients_;
  SmtpOptions options_;
};

}  // namespace ae::ops
