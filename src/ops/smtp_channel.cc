#include "ops/smtp_channel.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>

#include "ops/loopback_host.h"

namespace ae::ops {

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

// The recipients' list, freed on every path.
class Recipients {
 public:
  explicit Recipients(const std::vector<std::string>& addresses) {
    for (const auto& address : addresses)
      list_ = curl_slist_append(list_, ("<" + address + ">").c_str());
  }
  ~Recipients() { curl_slist_free_all(list_); }
  Recipients(const Recipients&) = delete;
  Recipients& operator=(const Recipients&) = delete;
  curl_slist* list() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace

StartTls parse_starttls(const std::string& text) {
  if (text == "required") return StartTls::kRequired;
  if (text == "opportunistic") return StartTls::kOpportunistic;
  if (text == "off") return StartTls::kOff;
  throw core::InvalidInput(
      fmt::format("smtp starttls '{}' is not required, opportunistic or off", text));
}

SmtpAuth parse_smtp_auth(const std::string& text) {
  if (text == "any") return SmtpAuth::kAny;
  if (text == "plain") return SmtpAuth::kPlain;
  if (text == "login") return SmtpAuth::kLogin;
  throw core::InvalidInput(fmt::format("smtp auth '{}' is not any, plain or login", text));
}

SmtpChannel::SmtpChannel(std::vector<std::string> recipients, SmtpOptions options)
    : recipients_(std::move(recipients)), options_(std::move(options)) {
  if (recipients_.empty()) throw core::InvalidInput("an email subscription needs a recipient");
  for (const auto& recipient : recipients_)
    if (recipient.find('@') == std::string::npos ||
        recipient.find_first_of("<>\r\n ") != std::string::npos)
      throw core::InvalidInput(fmt::format("'{}' is not an email address", recipient));
  const bool loopback = is_loopback_host(options_.host);
  if (options_.smtps && options_.starttls)
    throw core::InvalidInput(
        fmt::format("smtp {}:{}: starttls applies to smtp://, not to smtps (already TLS)",
                    options_.host, options_.port));
  starttls_ = options_.starttls.value_or(loopback ? StartTls::kOpportunistic : StartTls::kRequired);
  const bool always_tls = options_.smtps || starttls_ == StartTls::kRequired;
  if (!options_.username.empty() && !always_tls && !loopback)
    throw core::InvalidInput(fmt::format(
        "smtp {}:{}: credentials are sent only over TLS: set smtps or starttls: required",
        options_.host, options_.port));
}

std::string SmtpChannel::url() const {
  return fmt::format("{}://{}:{}", options_.smtps ? "smtps" : "smtp", options_.host, options_.port);
}

std::string SmtpChannel::describe() const {
  const char* security = options_.smtps                          ? ""
                         : starttls_ == StartTls::kRequired      ? " (STARTTLS required)"
                         : starttls_ == StartTls::kOpportunistic ? " (STARTTLS if offered)"
                                                                 : " (no TLS)";
  return fmt::format("email {} via {}{}{}", fmt::join(recipients_, ","), url(), security,
                     options_.username.empty() ? "" : " with AUTH");
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
  CurlTransfer transfer;
  const auto address = url();
  transfer.set(CURLOPT_URL, address.c_str());
  transfer.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  transfer.verify_tls(options_.tls);
  long use_ssl = CURLUSESSL_NONE;
  if (options_.smtps || starttls_ == StartTls::kRequired)
    use_ssl = CURLUSESSL_ALL;
  else if (starttls_ == StartTls::kOpportunistic)
    use_ssl = CURLUSESSL_TRY;
  transfer.set(CURLOPT_USE_SSL, use_ssl);
  if (!options_.username.empty()) {
    transfer.set(CURLOPT_USERNAME, options_.username.c_str());
    transfer.set(CURLOPT_PASSWORD, options_.password.c_str());
    if (options_.auth != SmtpAuth::kAny)
      transfer.set(CURLOPT_LOGIN_OPTIONS,
                   options_.auth == SmtpAuth::kPlain ? "AUTH=PLAIN" : "AUTH=LOGIN");
  }
  const auto from = "<" + options_.from + ">";
  transfer.set(CURLOPT_MAIL_FROM, from.c_str());
  const Recipients recipients(recipients_);
  transfer.set(CURLOPT_MAIL_RCPT, recipients.list());
  transfer.set(CURLOPT_READFUNCTION, read_upload);
  transfer.set(CURLOPT_READDATA, &upload);
  transfer.set(CURLOPT_UPLOAD, 1L);
  transfer.timeout(options_.timeout);
  const auto failure = transfer.perform();
  if (!failure) return;
  if (failure->code == CURLE_USE_SSL_FAILED)
    throw DeliveryError(
        fmt::format("{}: STARTTLS is required but the server does not offer it (curl {}); not sent",
                    server, static_cast<int>(failure->code)));
  throw DeliveryError(
      fmt::format("{}: {} (last reply {})", server, failure->text, transfer.response_code()));
}

}  // namespace ae::ops
