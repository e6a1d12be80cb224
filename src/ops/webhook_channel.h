// A webhook subscription: HTTP POST (libcurl) of the message, shaped for the
// service (ops/webhook_payload.h), to
//   https://host[:port]/path - anywhere, the server's certificate verified
//                              against the CA bundle (peer and host name);
//   http://host[:port]/path  - only when host is loopback (a local relay or
//                              a test): a plaintext hop off the machine would
//                              expose the hook's secret.
// A URL with credentials (user:password@) is refused. describe() and every
// error name the URL without its secret: the path is shown for the generic
// format only (Slack's and Telegram's URLs carry their token in the path).
// Each attempt has a timeout; connection errors, timeouts, 429 and 5xx are
// retried with backoff on the Clock (doubled after each failed attempt); TLS
// failures and other 4xx are not. deliver() throws DeliveryError once every
// attempt failed, naming the URL, the attempts and the last failure (curl's
// error, or the HTTP status with the start of the response).
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "ops/channel.h"
#include "ops/curl_transfer.h"
#include "ops/webhook_payload.h"

namespace ae::ops {

struct WebhookOptions {
  std::chrono::milliseconds timeout{5000};
  int retries = 2;                          // attempts = retries + 1
  std::chrono::milliseconds backoff{1000};  // doubled after each failed attempt
  WebhookFormat format = WebhookFormat::kGeneric;
  std::string chat_id{};  // Telegram's chat_id (required by that format)
  TlsOptions tls{};
};

class WebhookChannel final : public Channel {
 public:
  // InvalidInput for a URL outside the rules above or a Telegram hook without a chat id.
  WebhookChannel(const std::string& url, WebhookOptions options, core::Clock& clock);
  // "webhook https://host/path", "webhook slack https://hooks.slack.com/…"
  std::string describe() const override;
  void deliver(const Message& message) override;
  int attempts_made() const { return attempts_made_; }

 private:
  std::string url_;
  std::string shown_url_;
  WebhookOptions options_;
  core::Clock& clock_;
  int attempts_made_ = 0;
};

}  // namespace ae::ops
