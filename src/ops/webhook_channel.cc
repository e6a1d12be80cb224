#include "ops/webhook_channel.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "ops/loopback_host.h"

namespace ae::ops {

namespace {

constexpr std::size_t kResponseShown = 300;

// One part of a parsed URL ("" when absent).
std::string url_part(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, 0) != CURLUE_OK) return "";
  std::string result(value);
  curl_free(value);
  return result;
}

// Checks `url` against the rules of the header; returns it as shown.
std::string checked_url(const std::string& url, WebhookFormat format) {
  const std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  const auto invalid = [&](const std::string& why) {
    return core::InvalidInput(fmt::format("webhook URL '{}': {}", url, why));
  };
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    throw invalid("not a URL (https://host[:port]/path)");
  const auto scheme = url_part(parsed.get(), CURLUPART_SCHEME);
  const auto host = url_part(parsed.get(), CURLUPART_HOST);
  if (!url_part(parsed.get(), CURLUPART_USER).empty())
    throw invalid("credentials in the URL are not allowed");
  if (scheme != "https" && scheme != "http") throw invalid("the scheme must be https");
  if (scheme == "http" && !is_loopback_host(host))
    throw invalid("http:// is allowed only to a loopback host; use https://");
  const auto port = url_part(parsed.get(), CURLUPART_PORT);
  auto shown = scheme + "://" + host + (port.empty() ? "" : ":" + port);
  return shown +
         (format == WebhookFormat::kGeneric ? url_part(parsed.get(), CURLUPART_PATH) : "/…");
}

}  // namespace

WebhookChannel::WebhookChannel(const std::string& url, WebhookOptions options, core::Clock& clock)
    : url_(url), shown_url_(checked_url(url, options.format)), options_(options), clock_(clock) {
  if (options_.format == WebhookFormat::kTelegram && options_.chat_id.empty())
    throw core::InvalidInput(
        fmt::format("webhook {}: a telegram hook needs a chat id", shown_url_));
}

std::string WebhookChannel::describe() const {
  if (options_.format == WebhookFormat::kGeneric) return "webhook " + shown_url_;
  return "webhook " + webhook_format_name(options_.format) + " " + shown_url_;
}

void WebhookChannel::deliver(const Message& message) {
  const auto payload = webhook_payload(options_.format, options_.chat_id, message);
  auto backoff = options_.backoff;
  std::string last_failure;
  attempts_made_ = 0;
  for (int attempt = 0; attempt <= options_.retries; ++attempt) {
    if (attempt > 0) {
      clock_.sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(backoff));
      backoff *= 2;
    }
    ++attempts_made_;
    CurlTransfer transfer;
    transfer.set(CURLOPT_URL, url_.c_str());
    transfer.set(CURLOPT_PROTOCOLS_STR, "http,https");
    transfer.verify_tls(options_.tls);
    transfer.add_header("Content-Type: application/json");
    transfer.add_header("X-Ae-Topic: " + message.topic);
    transfer.add_header("Expect:");  // no 100-continue round trip
    transfer.set(CURLOPT_POSTFIELDS, payload.c_str());
    transfer.set(CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    transfer.keep_response(kResponseShown);
    transfer.timeout(options_.timeout);
    const auto failure = transfer.perform();
    if (failure) {
      last_failure = failure->text;
      if (failure->tls()) break;  // a certificate does not get better with retries
    } else {
      const long status = transfer.response_code();
      if (status >= 200 && status < 300) return;
      last_failure = fmt::format("HTTP {}", status);
      if (!transfer.response().empty()) last_failure += ": " + transfer.response();
      std::replace(last_failure.begin(), last_failure.end(), '\n', ' ');
      if (status != 429 && status < 500) break;  // not retryable
    }
    spdlog::warn("webhook {} attempt {} failed: {}", shown_url_, attempt + 1, last_failure);
  }
  throw DeliveryError(fmt::format("webhook {} failed after {} attempt(s): {}", shown_url_,
                                  attempts_made_, last_failure));
}

}  // namespace ae::ops
