// Email against a real SMTP server (Debian's aiosmtpd, tests/ops/
// smtp_test_server.py) on loopback with a certificate from a CA made at test
// time: AUTH PLAIN over smtps, AUTH LOGIN after a required STARTTLS, wrong
// credentials, an untrusted certificate, and a required STARTTLS that the
// server does not offer (refused before anything is sent).
#include <gtest/gtest.h>

#include "ops/smtp_channel.h"
#include "smtp_test_server.h"
#include "tls_test_ca.h"

namespace ae::ops {
namespace {

using std::chrono::milliseconds;

class SmtpTlsTest : public ::testing::Test {
 protected:
  testing::TestCa ca;
  Message message{"alerts", "ALARM: x", "line one\n.leading dot\n",
                  core::parse_timestamp("2026-04-20T13:00:00Z")};

  SmtpOptions options(int port) {
    SmtpOptions result;
    result.host = "localhost";
    result.port = port;
    result.from = "ae@example.com";
    result.timeout = milliseconds(10000);
    result.tls.ca_bundle = ca.ca_certificate();
    return result;
  }
  std::string failure(SmtpChannel& channel) {
    try {
      channel.deliver(message);
    } catch (const DeliveryError& e) {
      return e.what();
    }
    ADD_FAILURE() << "delivered";
    return "";
  }
};

TEST_F(SmtpTlsTest, SmtpsWithAuthPlainDelivers) {
  testing::SmtpTestServer server(ca, {"smtps", "alerts", "s3cret pass"});
  auto settings = options(server.port());
  settings.smtps = true;
  settings.username = "alerts";
  settings.password = "s3cret pass";
  settings.auth = SmtpAuth::kPlain;
  SmtpChannel channel({"ops@example.com"}, settings);
  channel.deliver(message);
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(messages[0]["tls"].get<bool>());
  EXPECT_EQ(messages[0]["login"], "alerts");
  EXPECT_EQ(messages[0]["rcpt_tos"], nlohmann::json::array({"ops@example.com"}));
  const auto data = messages[0]["data"].get<std::string>();
  EXPECT_NE(data.find("Subject: ALARM: x"), std::string::npos) << data;
  EXPECT_NE(data.find("\r\n.leading dot\r\n"), std::string::npos) << data;  // un-stuffed
  EXPECT_EQ(channel.describe().find("s3cret"), std::string::npos) << channel.describe();
  EXPECT_EQ(channel.describe().find("alerts"), std::string::npos) << channel.describe();
}

TEST_F(SmtpTlsTest, RequiredStartTlsWithAuthLoginDelivers) {
  testing::SmtpTestServer server(ca, {"starttls", "alerts", "pw"});
  auto settings = options(server.port());
  settings.starttls = StartTls::kRequired;
  settings.username = "alerts";
  settings.password = "pw";
  settings.auth = SmtpAuth::kLogin;
  SmtpChannel channel({"ops@example.com"}, settings);
  channel.deliver(message);
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(messages[0]["tls"].get<bool>());
  EXPECT_EQ(messages[0]["login"], "alerts");
}

TEST_F(SmtpTlsTest, WrongPasswordIsRefusedWithoutShowingIt) {
  testing::SmtpTestServer server(ca, {"smtps", "alerts", "right"});
  auto settings = options(server.port());
  settings.smtps = true;
  settings.username = "alerts";
  settings.password = "wrong-password";
  SmtpChannel channel({"ops@example.com"}, settings);
  const auto error = failure(channel);
  EXPECT_NE(error.find("smtp localhost:"), std::string::npos) << error;
  EXPECT_NE(error.find("535"), std::string::npos) << error;
  EXPECT_EQ(error.find("wrong-password"), std::string::npos) << error;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpTlsTest, UntrustedCertificateIsRefused) {
  testing::SmtpTestServer server(ca, {"smtps", "", ""});
  auto settings = options(server.port());
  settings.smtps = true;
  settings.tls.ca_bundle = ca.other_ca_certificate();
  SmtpChannel channel({"ops@example.com"}, settings);
  const auto error = failure(channel);
  EXPECT_NE(error.find("TLS failure (curl 60)"), std::string::npos) << error;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpTlsTest, RequiredStartTlsNotOfferedIsRefused) {
  testing::SmtpTestServer server(ca, {"plain", "", ""});
  auto settings = options(server.port());
  settings.starttls = StartTls::kRequired;
  SmtpChannel channel({"ops@example.com"}, settings);
  const auto error = failure(channel);
  EXPECT_NE(error.find("STARTTLS is required but the server does not offer it"), std::string::npos)
      << error;
  EXPECT_TRUE(server.messages().empty());

  settings.starttls = StartTls::kOpportunistic;  // the loopback default: plain is accepted
  SmtpChannel(std::vector<std::string>{"ops@example.com"}, settings).deliver(message);
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_FALSE(server.messages()[0]["tls"].get<bool>());
}

TEST_F(SmtpTlsTest, StartTlsIsRequiredByDefaultAwayFromLoopback) {
  auto settings = options(25);
  settings.host = "smtp.example.com";
  EXPECT_NE(SmtpChannel({"ops@example.com"}, settings).describe().find("STARTTLS required"),
            std::string::npos);
  settings.starttls = StartTls::kOff;
  settings.username = "alerts";
  EXPECT_THROW(SmtpChannel({"ops@example.com"}, settings), core::InvalidInput);
  settings.starttls.reset();
  settings.smtps = true;
  settings.starttls = StartTls::kRequired;
  EXPECT_THROW(SmtpChannel({"ops@example.com"}, settings), core::InvalidInput);
}

}  // namespace
}  // namespace ae::ops
