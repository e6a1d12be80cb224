#include "ops/webhook_payload.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace ae::ops {

namespace {

constexpr std::size_t kSlackTextBytes = 39000;
constexpr std::size_t kTelegramTextBytes = 3800;

std::string cut_utf8(std::string text, std::size_t limit) {
  const std::string ellipsis = "\u2026";
  if (text.size() <= limit) return text;
  std::size_t end = limit - ellipsis.size();
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + ellipsis;
}

std::string slack_escape(const std::string& text) {
  std::string result;
  for (char c : text) {
    if (c == '&')
      result += "&amp;";
    else if (c == '<')
      result += "&lt;";
    else if (c == '>')
      result += "&gt;";
    else
      result += c;
  }
  return result;
}

std::string dump(const nlohmann::json& document) {
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

WebhookFormat parse_webhook_format(const std::string& text) {
  for (auto format : {WebhookFormat::kGeneric, WebhookFormat::kSlack, WebhookFormat::kTelegram})
    if (webhook_format_name(format) == text) return format;
  throw core::InvalidInput(
      fmt::format("webhook format '{}' is not generic, slack or telegram", text));
}

std::string webhook_format_name(WebhookFormat format) {
  switch (format) {
    case WebhookFormat::kGeneric:
      return "generic";
    case WebhookFormat::kSlack:
      return "slack";
    case WebhookFormat::kTelegram:
      return "telegram";
  }
  return "?";
}

std::string webhook_payload(WebhookFormat format, const std::string& chat_id,
                            const Message& message) {
  switch (format) {
    case WebhookFormat::kGeneric:
      return message.body;
    case WebhookFormat::kSlack:
      return dump({{"text", fmt::format("*{}*\n```{}```", slack_escape(message.subject),
                                        cut_utf8(slack_escape(message.body), kSlackTextBytes))}});
    case WebhookFormat::kTelegram:
      return dump(
          {{"chat_id", chat_id},
           {"text", message.subject + "\n\n" + cut_utf8(message.body, kTelegramTextBytes)}});
  }
  return message.body;
}

}  // namespace ae::ops
