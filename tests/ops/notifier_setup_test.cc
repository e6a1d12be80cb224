// The notification settings file: the channels it builds, the defaults that
// depend on the endpoint, credentials from the environment, and refusals.
#include "ops/notifier_setup.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "ops/ops_database.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

using nlohmann::json;

class NotifierSetupTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<core::Database> db = open_ops_database(dir.path() / "ops.db");
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T13:00:00Z")};

  std::vector<std::string> channels(const json& settings) {
    auto notifier = build_notifier(*db, clock, dir.path() / "notifications.log", {}, settings);
    return notifier->describe_subscriptions("alerts");
  }
  void refuses(const json& settings, const std::string& expected) {
    try {
      channels(settings);
      ADD_FAILURE() << "accepted " << settings.dump();
    } catch (const core::InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
  void TearDown() override {
    ::unsetenv("AE_SMTP_USERNAME");
    ::unsetenv("AE_SMTP_PASSWORD");
  }
};

TEST_F(NotifierSetupTest, BuildsSlackTelegramGenericAndEmailWithoutShowingSecrets) {
  const auto described = channels(json::parse(R"({
    "tls": {"ca_bundle": "/etc/ssl/certs/ca-certificates.crt"},
    "smtp": {"host": "smtp.example.com", "port": 465, "username": "ae", "password": "pw"},
    "subscriptions": {"alerts": [
      {"Protocol": "https", "Endpoint": "https://hooks.slack.com/services/T/B/SECRET",
       "Format": "slack"},
      {"Protocol": "https", "Endpoint": "https://api.telegram.org/bot1:SECRET/sendMessage",
       "Format": "telegram", "ChatId": -1001234567890},
      {"Protocol": "http", "Endpoint": "http://127.0.0.1:9000/hook"},
      {"Protocol": "email", "Endpoint": "ops@example.com"}]}})"));
  ASSERT_EQ(described.size(), 5u);
  EXPECT_EQ(described[0], "log " + (dir.path() / "notifications.log").string());
  EXPECT_EQ(described[1], "webhook slack https://hooks.slack.com/…");
  EXPECT_EQ(described[2], "webhook telegram https://api.telegram.org/…");
  EXPECT_EQ(described[3], "webhook http://127.0.0.1:9000/hook");
  EXPECT_EQ(described[4], "email ops@example.com via smtps://smtp.example.com:465 with AUTH");
}

TEST_F(NotifierSetupTest, StartTlsDefaultsAndTheOlderBooleans) {
  auto email = [&](const json& smtp) {
    return channels({{"smtp", smtp},
                     {"subscriptions",
                      {{"alerts", {{{"Protocol", "email"}, {"Endpoint", "ops@example.com"}}}}}}})
        .back();
  };
  EXPECT_NE(email({{"host", "smtp.example.com"}, {"port", 587}}).find("(STARTTLS required)"),
            std::string::npos);
  EXPECT_NE(email({{"host", "127.0.0.1"}}).find("(STARTTLS if offered)"), std::string::npos);
  EXPECT_NE(email({{"host", "smtp.example.com"}, {"starttls", "off"}}).find("(no TLS)"),
            std::string::npos);
  EXPECT_NE(email({{"host", "smtp.example.com"}, {"starttls", true}}).find("if offered"),
            std::string::npos);
  EXPECT_NE(email({{"host", "smtp.example.com"}, {"starttls", false}}).find("(no TLS)"),
            std::string::npos);
}

TEST_F(NotifierSetupTest, SmtpCredentialsComeFromTheEnvironmentFirst) {
  const json settings = {
      {"smtp", {{"host", "smtp.example.com"}, {"starttls", "off"}}},
      {"subscriptions", {{"alerts", {{{"Protocol", "email"}, {"Endpoint", "ops@example.com"}}}}}}};
  EXPECT_NO_THROW(channels(settings));  // no credentials: plain SMTP is allowed
  ::setenv("AE_SMTP_USERNAME", "ae", 1);
  ::setenv("AE_SMTP_PASSWORD", "from-env", 1);
  refuses(settings, "credentials are sent only over TLS");
  auto with_tls = settings;
  with_tls["smtp"]["starttls"] = "required";
  EXPECT_NE(channels(with_tls).back().find("with AUTH"), std::string::npos);
}

TEST_F(NotifierSetupTest, RefusesWhatItCannotHonour) {
  const json hook = {{"Protocol", "http"}, {"Endpoint", "http://hooks.example.com/x"}};
  refuses({{"subscriptions", {{"alerts", {hook}}}}}, "only to a loopback host");
  refuses({{"smpt", json::object()}}, "unknown key \"smpt\"");
  refuses({{"smtp", {{"starttls", "sometimes"}}}, {"subscriptions", {{"alerts", json::array()}}}},
          "");
  refuses({{"smtp", {{"hots", "x"}}}, {"subscriptions", {{"alerts", json::array()}}}},
          "unknown key \"hots\" in \"smtp\"");
  refuses({{"log", {{"max_bytes", 10}}}}, "max_bytes");
  refuses({{"webhook", {{"retries", "two"}}},
           {"subscriptions",
            {{"alerts", {{{"Protocol", "https"}, {"Endpoint", "https://h.example.com/x"}}}}}}},
          "notification settings");
  refuses({{"subscriptions",
            {{"alerts",
              {{{"Protocol", "https"},
                {"Endpoint", "https://h.example.com/x"},
                {"Format", "teams"}}}}}}},
          "webhook format 'teams'");
}

}  // namespace
}  // namespace ae::ops
