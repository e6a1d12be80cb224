// Webhooks over https against a real local TLS endpoint (cpp-httplib's
// SSLServer with a certificate from a CA made at test time): the Slack,
// Telegram and generic payloads arrive; a wrong CA or a host name mismatch
// is refused with one line naming the URL and curl's error, and not retried.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "https_test_server.h"
#include "ops/webhook_channel.h"
#include "tls_test_ca.h"

namespace ae::ops {
namespace {

using std::chrono::milliseconds;

class WebhookTlsTest : public ::testing::Test {
 protected:
  testing::TestCa ca;
  testing::HttpsTestServer server{ca};
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T13:00:00Z")};
  Message message{"alerts", "ALARM: \"x\" <now>", R"({"AlarmName": "x & y"})", clock.now()};

  WebhookOptions options(WebhookFormat format, const std::filesystem::path& ca_bundle) {
    WebhookOptions result{milliseconds(5000), 2, milliseconds(1000), format, "", {ca_bundle}};
    if (format == WebhookFormat::kTelegram) result.chat_id = "-1001234567890";
    return result;
  }
  std::string refusal(const std::string& url, const std::filesystem::path& ca_bundle) {
    WebhookChannel channel(url, options(WebhookFormat::kGeneric, ca_bundle), clock);
    try {
      channel.deliver(message);
    } catch (const DeliveryError& e) {
      EXPECT_EQ(channel.attempts_made(), 1) << "a TLS failure is not retried";
      return e.what();
    }
    ADD_FAILURE() << "delivered despite the TLS failure";
    return "";
  }
};

TEST_F(WebhookTlsTest, GenericHookReceivesTheJsonDocument) {
  WebhookChannel channel(server.url("/hook"), options(WebhookFormat::kGeneric, ca.ca_certificate()),
                         clock);
  channel.deliver(message);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].path, "/hook");
  EXPECT_EQ(server.requests()[0].content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(server.requests()[0].body)["AlarmName"], "x & y");
  EXPECT_EQ(channel.describe(), "webhook " + server.url("/hook"));
}

TEST_F(WebhookTlsTest, SlackHookReceivesTextWithSubjectAndEscapedBody) {
  const auto url = server.url("/services/T000/B000/SECRETTOKEN");
  WebhookChannel channel(url, options(WebhookFormat::kSlack, ca.ca_certificate()), clock);
  channel.deliver(message);
  ASSERT_EQ(server.requests().size(), 1u);
  const auto payload = nlohmann::json::parse(server.requests()[0].body);
  ASSERT_EQ(payload.size(), 1u);
  EXPECT_EQ(payload["text"], "*ALARM: \"x\" &lt;now&gt;*\n```{\"AlarmName\": \"x &amp; y\"}```");
  EXPECT_EQ(channel.describe().find("SECRETTOKEN"), std::string::npos) << channel.describe();
}

TEST_F(WebhookTlsTest, TelegramSendMessageReceivesChatIdAndText) {
  const auto url = server.url("/bot123456:SECRET/sendMessage");
  WebhookChannel channel(url, options(WebhookFormat::kTelegram, ca.ca_certificate()), clock);
  channel.deliver(message);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].path, "/bot123456:SECRET/sendMessage");
  const auto payload = nlohmann::json::parse(server.requests()[0].body);
  EXPECT_EQ(payload["chat_id"], "-1001234567890");
  EXPECT_EQ(payload["text"], "ALARM: \"x\" <now>\n\n{\"AlarmName\": \"x & y\"}");
  EXPECT_EQ(channel.describe().find("SECRET"), std::string::npos) << channel.describe();
  auto without_chat = options(WebhookFormat::kTelegram, ca.ca_certificate());
  without_chat.chat_id.clear();
  EXPECT_THROW(WebhookChannel(url, without_chat, clock), core::InvalidInput);
}

TEST_F(WebhookTlsTest, TelegramErrorReportsTheStatusAndTheServiceDescription) {
  server.answer(400,
                R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})");
  WebhookChannel channel(server.url("/botX/sendMessage"),
                         options(WebhookFormat::kTelegram, ca.ca_certificate()), clock);
  try {
    channel.deliver(message);
    FAIL() << "expected a delivery error";
  } catch (const DeliveryError& e) {
    EXPECT_NE(std::string(e.what()).find("HTTP 400: {\"ok\":false"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("chat not found"), std::string::npos) << e.what();
  }
  EXPECT_EQ(channel.attempts_made(), 1);
}

TEST_F(WebhookTlsTest, CertificateFromAnUntrustedCaIsRefused) {
  const auto url = server.url("/hook");
  const auto error = refusal(url, ca.other_ca_certificate());
  EXPECT_NE(error.find("webhook " + url), std::string::npos) << error;
  EXPECT_NE(error.find("TLS failure (curl 60)"), std::string::npos) << error;
  EXPECT_NE(error.find("certificate"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(WebhookTlsTest, HostNameMismatchIsRefused) {
  const auto url = server.url("/hook", "127.0.0.1");  // the certificate names localhost only
  const auto error = refusal(url, ca.ca_certificate());
  EXPECT_NE(error.find("webhook " + url), std::string::npos) << error;
  EXPECT_NE(error.find("TLS failure (curl 60)"), std::string::npos) << error;
  EXPECT_NE(error.find("127.0.0.1"), std::string::npos) << error;
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(WebhookTlsTest, PlainHttpOnlyToLoopbackAndNoCredentialsInTheUrl) {
  const auto generic = options(WebhookFormat::kGeneric, {});
  EXPECT_NO_THROW(WebhookChannel("http://127.0.0.1:9/hook", generic, clock));
  EXPECT_NO_THROW(WebhookChannel("http://localhost:9/hook", generic, clock));
  EXPECT_NO_THROW(WebhookChannel("http://[::1]:9/hook", generic, clock));
  EXPECT_NO_THROW(WebhookChannel("https://hooks.example.com/x", generic, clock));
  EXPECT_THROW(WebhookChannel("http://hooks.example.com/x", generic, clock), core::InvalidInput);
  EXPECT_THROW(WebhookChannel("http://10.0.0.1/x", generic, clock), core::InvalidInput);
  EXPECT_THROW(WebhookChannel("https://user:secret@hooks.example.com/x", generic, clock),
               core::InvalidInput);
  EXPECT_THROW(WebhookChannel("ftp://hooks.example.com/x", generic, clock), core::InvalidInput);
  EXPECT_THROW(WebhookChannel("not a url", generic, clock), core::InvalidInput);
}

}  // namespace
}  // namespace ae::ops
