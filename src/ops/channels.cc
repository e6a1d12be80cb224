#include "ops/channels.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/atomic_file.h"

namespace ae::ops {

void LogFileChannel::deliver(const Message& message) {
  std::string existing;
  try {
    existing = core::read_file(path_);
  } catch (const core::NotFound&) {
  }
  nlohmann::json line = {{"timestamp", core::format_timestamp(message.timestamp)},
                         {"topic", message.topic},
                         {"subject", message.subject},
                         {"message", message.body}};
  core::write_file_atomically(path_, existing + line.dump() + "\n");
}

WebhookChannel::WebhookChannel(const std::string& url, WebhookOptions options, core::Clock& clock)
    : url_(url), options_(options), clock_(clock) {
  static const std::regex kUrl(R"(^http://([A-Za-z0-9.\-]+)(?::([0-9]{1,5}))?(/[^\s]*)?$)");
  if (!std::regex_match(url, kUrl))
    throw core::InvalidInput(fmt::format("webhook URL '{}' is not http://host[:port]/path", url));
}

namespace {

// One libcurl easy handle with its error buffer and header list, released
// on every path.
class CurlRequest {
 public:
  explicit CurlRequest(const std::string& what) : what_(what), handle_(curl_easy_init()) {
    if (handle_ == nullptr) throw DeliveryError(what_ + ": cannot initialise libcurl");
    error_[0] = '\0';
    set(CURLOPT_ERRORBUFFER, error_);
    set(CURLOPT_NOSIGNAL, 1L);
  }
  ~CurlRequest() {
    curl_slist_free_all(headers_);
    curl_easy_cleanup(handle_);
  }
  CurlRequest(const CurlRequest&) = delete;
  CurlRequest& operator=(const CurlRequest&) = delete;

  template <typename T>
  void set(CURLoption option, T value) {
    curl_easy_setopt(handle_, option, value);
  }
  void add_header(const std::string& line) { headers_ = curl_slist_append(headers_, line.c_str()); }
  curl_slist* headers() const { return headers_; }
  void timeout(std::chrono::milliseconds limit) {
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(limit.count()));
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limit.count()));
  }
  // Performs the transfer; "" on success, else a reason.
  std::string perform(std::chrono::milliseconds limit) {
    const CURLcode code = curl_easy_perform(handle_);
    if (code == CURLE_OK) return "";
    if (code == CURLE_OPERATION_TIMEDOUT)
      return fmt::format("{}: timed out after {} ms", what_, limit.count());
    return fmt::format("{}: {}", what_, error_[0] != '\0' ? error_ : curl_easy_strerror(code));
  }
  long response_code() const {
    long code = 0;
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &code);
    return code;
  }

 private:
  std::string what_;
  CURL* handle_;
  curl_slist* headers_ = nullptr;
  char error_[CURL_ERROR_SIZE];
};

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

void WebhookChannel::deliver(const Message& message) {
  auto backoff = options_.backoff;
  std::string last_failure;
  attempts_made_ = 0;
  for (int attempt = 0; attempt <= options_.retries; ++attempt) {
    if (attempt > 0) {
      clock_.sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(backoff));
      backoff *= 2;
    }
    ++attempts_made_;
    CurlRequest request("webhook " + url_);
    request.set(CURLOPT_URL, url_.c_str());
    request.add_header("Content-Type: application/json");
    request.add_header("X-Ae-Topic: " + message.topic);
    request.add_header("Expect:");  // no 100-continue round trip
    request.set(CURLOPT_HTTPHEADER, request.headers());
    request.set(CURLOPT_POSTFIELDS, message.body.c_str());
    request.set(CURLOPT_POSTFIELDSIZE, static_cast<long>(message.body.size()));
    request.set(CURLOPT_WRITEFUNCTION, discard);
    request.timeout(options_.timeout);
    const auto failure = request.perform(options_.timeout);
    const long status = failure.empty() ? request.response_code() : 0;
    if (status >= 200 && status < 300) return;
    last_failure = failure;
    if (status != 0) {
      last_failure = fmt::format("HTTP {}", status);
      if (status != 429 && status < 500) break;  // not retryable
    }
    spdlog::warn("webhook {} attempt {} failed: {}", url_, attempt + 1, last_failure);
  }
  throw DeliveryError(
      fmt::format("webhook {} failed after {} attempt(s): {}", url_, attempts_made_, last_failure));
}

namespace {

// Feeds the message to libcurl's SMTP upload (which dot-stuffs it).
struct Upload {
  std::string data;
  std::size_t sent = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

std::string crlf_lines(const std::string& body) {
  std::string result;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    auto line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    result += line + "\r\n";
    start = end + 1;
  }
  return result;
}

}  // namespace

SmtpChannel::SmtpChannel(std::vector<std::string> recipients, SmtpOptions options)
    : recipients_(std::move(recipients)), options_(std::move(options)) {
  if (recipients_.empty()) throw core::InvalidInput("an email subscription needs a recipient");
  for (const auto& recipient : recipients_)
    if (recipient.find('@') == std::string::npos ||
        recipient.find_first_of("<>\r\n ") != std::string::npos)
      throw core::InvalidInput(fmt::format("'{}' is not an email address", recipient));
}

std::string SmtpChannel::describe() const {
  return fmt::format("email {} via {}:{}", fmt::join(recipients_, ","), options_.host,
                     options_.port);
}

void SmtpChannel::deliver(const Message& message) {
  const auto server = fmt::format("smtp {}:{}", options_.host, options_.port);
  std::string subject = message.subject;
  std::replace(subject.begin(), subject.end(), '\n', ' ');
  std::replace(subject.begin(), subject.end(), '\r', ' ');
  Upload upload;
  upload.data = fmt::format(
      "From: <{}>\r\nTo: {}\r\nSubject: {}\r\nX-Ae-Topic: {}\r\nContent-Type: text/plain; "
      "charset=utf-8\r\n\r\n{}",
      options_.from, fmt::join(recipients_, ", "), subject, message.topic,
      crlf_lines(message.body));
  CurlRequest request(server);
  const auto url = fmt::format("smtp://{}:{}", options_.host, options_.port);
  request.set(CURLOPT_URL, url.c_str());
  const auto from = "<" + options_.from + ">";
  request.set(CURLOPT_MAIL_FROM, from.c_str());
  curl_slist* recipients = nullptr;
  for (const auto& recipient : recipients_)
    recipients = curl_slist_append(recipients, ("<" + recipient + ">").c_str());
  request.set(CURLOPT_MAIL_RCPT, recipients);
  request.set(CURLOPT_READFUNCTION, read_upload);
  request.set(CURLOPT_READDATA, &upload);
  request.set(CURLOPT_UPLOAD, 1L);
  if (options_.starttls) request.set(CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  request.timeout(options_.timeout);
  const auto failure = request.perform(options_.timeout);
  const long reply = request.response_code();
  curl_slist_free_all(recipients);
  if (!failure.empty()) throw DeliveryError(fmt::format("{} (last reply {})", failure, reply));
}

}  // namespace ae::ops
