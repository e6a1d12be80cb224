// The JSON a webhook receives, per service:
//   generic  - the message's JSON document as it is (SNS-style body);
//   slack    - {"text": "*<subject>*\n```<body>```"} for an incoming webhook,
//              with &, < and > escaped as Slack requires;
//   telegram - {"chat_id": "<chat>", "text": "<subject>\n\n<body>"} for the
//              Bot API's sendMessage, plain text (no parse_mode).
// A body longer than the service accepts is cut at a UTF-8 character
// boundary and ends with "…" (Slack 39,000 bytes, Telegram 3,800 bytes; the
// subject is a short line).
#pragma once

#include <string>

#include "ops/channel.h"

namespace ae::ops {

enum class WebhookFormat { kGeneric, kSlack, kTelegram };

// "generic", "slack", "telegram"; InvalidInput otherwise.
WebhookFormat parse_webhook_format(const std::string& text);
std::string webhook_format_name(WebhookFormat format);

std::string webhook_payload(WebhookFormat format, const std::string& chat_id,
                            const Message& message);

}  // namespace ae::ops
