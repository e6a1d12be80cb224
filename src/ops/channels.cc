#include "ops/channels.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/atomic_file.h"
#include "ops/tcp_connection.h"

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
  std::smatch match;
  if (!std::regex_match(url, match, kUrl))
    throw core::InvalidInput(fmt::format("webhook URL '{}' is not http://host[:port]/path", url));
  host_ = match[1];
  if (match[2].matched) port_ = std::stoi(match[2]);
  path_ = match[3].matched ? std::string(match[3]) : "/";
}

void WebhookChannel::deliver(const Message& message) {
  const auto request = fmt::format(
      "POST {} HTTP/1.1\r\nHost: {}:{}\r\nContent-Type: application/json\r\nContent-Length: "
      "{}\r\nX-Ae-Topic: {}\r\nConnection: close\r\n\r\n{}",
      path_, host_, port_, message.body.size(), message.topic, message.body);
  auto backoff = options_.backoff;
  std::string last_failure;
  attempts_made_ = 0;
  for (int attempt = 0; attempt <= options_.retries; ++attempt) {
    if (attempt > 0) {
      clock_.sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(backoff));
      backoff *= 2;
    }
    ++attempts_made_;
    int status = 0;
    try {
      TcpConnection connection(host_, port_, options_.timeout, "webhook " + url_);
      connection.send_all(request);
      const auto line = connection.read_line("the HTTP status line");
      // "HTTP/1.1 200 OK"
      const auto space = line.find(' ');
      if (!line.starts_with("HTTP/") || space == std::string::npos || line.size() < space + 4)
        connection.fail("malformed status line '" + line + "'");
      status = std::stoi(line.substr(space + 1, 3));
    } catch (const DeliveryError& e) {
      last_failure = e.what();
    }
    if (status >= 200 && status < 300) return;
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

// Reads one (possibly multi-line) SMTP reply and checks its code.
void expect(TcpConnection& connection, int code, const std::string& after) {
  while (true) {
    const auto line = connection.read_line("the reply to " + after);
    if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])))
      connection.fail(fmt::format("malformed reply '{}' after {}", line, after));
    if (std::stoi(line.substr(0, 3)) != code)
      connection.fail(fmt::format("expected {} after {}, got '{}'", code, after, line));
    if (line.size() == 3 || line[3] == ' ') return;
  }
}

void command(TcpConnection& connection, const std::string& line, int code) {
  connection.send_all(line + "\r\n");
  expect(connection, code, line.substr(0, line.find(' ')));
}

std::string dot_stuffed(const std::string& body) {
  std::string result;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    auto line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '.') line.insert(0, ".");
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
  TcpConnection session(options_.host, options_.port, options_.timeout,
                        fmt::format("smtp {}:{}", options_.host, options_.port));
  expect(session, 220, "connect");
  command(session, "EHLO alpha-engine", 250);
  command(session, "MAIL FROM:<" + options_.from + ">", 250);
  for (const auto& recipient : recipients_) command(session, "RCPT TO:<" + recipient + ">", 250);
  command(session, "DATA", 354);
  std::string subject = message.subject;
  std::replace(subject.begin(), subject.end(), '\n', ' ');
  std::replace(subject.begin(), subject.end(), '\r', ' ');
  std::string data = fmt::format(
      "From: <{}>\r\nTo: {}\r\nSubject: {}\r\nX-Ae-Topic: {}\r\nContent-Type: text/plain; "
      "charset=utf-8\r\n\r\n",
      options_.from, fmt::join(recipients_, ", "), subject, message.topic);
  session.send_all(data + dot_stuffed(message.body) + ".\r\n");
  expect(session, 250, "DATA");
  command(session, "QUIT", 221);
}

}  // namespace ae::ops
