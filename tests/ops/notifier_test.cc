// Publishing, deduplication and the plain-text channels against real
// loopback servers started by the test: a small HTTP server and a small SMTP
// server, each on a thread, whose failures (503s, delays, rejections) the
// test controls. The TLS endpoints are in webhook_tls_test.cc and
// smtp_tls_test.cc.
#include "ops/notifier.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "ops/notification_log.h"
#include "ops/ops_database.h"
#include "ops/smtp_channel.h"
#include "ops/webhook_channel.h"
#include "ops_test_support.h"

namespace ae::ops {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

// Binds a loopback listener on an ephemeral port.
int listen_on_loopback(int* port) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  *port = ntohs(address.sin_port);
  ::listen(listener, 8);
  return listener;
}

// A minimal HTTP/1.1 server: reads one request per connection (headers and a
// Content-Length body), records the body, answers with the configured status.
class WebhookServer {
 public:
  WebhookServer() {
    listener_ = listen_on_loopback(&port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~WebhookServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  void fail_next(int count) {
    std::lock_guard lock(mutex_);
    failures_left_ = count;
  }
  void delay(milliseconds value) {
    std::lock_guard lock(mutex_);
    delay_ = value;
  }
  void reject() {
    std::lock_guard lock(mutex_);
    reject_ = true;
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }
  std::vector<std::string> request_lines() {
    std::lock_guard lock(mutex_);
    return request_lines_;
  }

 private:
  void serve() {
    while (!stopping_) {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      handle(client);
      ::close(client);
    }
  }
  void handle(int client) {
    std::string data;
    char chunk[1024];
    std::size_t header_end = std::string::npos;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
      auto n = ::recv(client, chunk, sizeof chunk, 0);
      if (n <= 0) return;
      data.append(chunk, static_cast<std::size_t>(n));
    }
    std::size_t length = 0;
    if (auto at = data.find("Content-Length: "); at != std::string::npos)
      length = std::stoul(data.substr(at + 16));
    while (data.size() < header_end + 4 + length) {
      auto n = ::recv(client, chunk, sizeof chunk, 0);
      if (n <= 0) return;
      data.append(chunk, static_cast<std::size_t>(n));
    }
    int status = 200;
    milliseconds delay{0};
    {
      std::lock_guard lock(mutex_);
      request_lines_.push_back(data.substr(0, data.find("\r\n")));
      bodies_.push_back(data.substr(header_end + 4, length));
      if (failures_left_ > 0) {
        --failures_left_;
        status = 503;
      } else if (reject_) {
        status = 400;
      }
      delay = delay_;
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    const auto response = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: 0\r\n\r\n";
    ::send(client, response.data(), response.size(), MSG_NOSIGNAL);
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> bodies_, request_lines_;
  int failures_left_ = 0;
  milliseconds delay_{0};
  bool reject_ = false;
};

// Accepts connections one at a time and speaks just enough SMTP.
class SmtpServer {
 public:
  explicit SmtpServer(int data_reply = 250) : data_reply_(data_reply) {
    listener_ = listen_on_loopback(&port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~SmtpServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::string> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  std::vector<std::string> envelopes() {
    std::lock_guard lock(mutex_);
    return envelopes_;
  }

 private:
  void serve() {
    while (!stopping_) {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      converse(client);
      ::close(client);
    }
  }
  void converse(int client) {
    auto say = [&](const std::string& line) {
      ::send(client, line.data(), line.size(), MSG_NOSIGNAL);
    };
    std::string buffer;
    auto read_line = [&](std::string& line) {
      while (true) {
        auto end = buffer.find("\r\n");
        if (end != std::string::npos) {
          line = buffer.substr(0, end);
          buffer.erase(0, end + 2);
          return true;
        }
        char chunk[512];
        auto n = ::recv(client, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
    };
    say("220 test ESMTP\r\n");
    std::string line, envelope;
    while (read_line(line)) {
      if (line.starts_with("EHLO")) {
        say("250-test\r\n250 8BITMIME\r\n");
      } else if (line.starts_with("MAIL FROM") || line.starts_with("RCPT TO")) {
        envelope += line + "\n";
        say("250 ok\r\n");
      } else if (line == "DATA") {
        say("354 go\r\n");
        std::string data;
        while (read_line(line) && line != ".") data += line + "\n";
        {
          std::lock_guard lock(mutex_);
          messages_.push_back(data);
          envelopes_.push_back(envelope);
        }
        say(std::to_string(data_reply_) + (data_reply_ == 250 ? " queued\r\n" : " rejected\r\n"));
      } else if (line == "QUIT") {
        say("221 bye\r\n");
        return;
      } else {
        say("500 what\r\n");
      }
    }
  }

  int data_reply_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> messages_, envelopes_;
};

class NotifierTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<core::Database> db = open_ops_database(dir.path() / "ops.db");
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T13:00:00Z")};
  Notifier notifier{*db, clock, std::make_unique<LogFileChannel>(dir.path() / "notifications.log")};
  WebhookOptions fast{milliseconds(300), 2, milliseconds(1000)};

  std::vector<std::string> log_lines() {
    std::vector<std::string> lines;
    std::istringstream in(core::read_file(dir.path() / "notifications.log"));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
};

TEST_F(NotifierTest, WebhookDeliversJsonAndLogFileAlwaysRecords) {
  WebhookServer server;
  notifier.add_subscription("alerts", std::make_unique<WebhookChannel>(server.url(), fast, clock));
  const auto result = notifier.publish({"alerts", "hello", R"({"x": 1})", std::nullopt});
  EXPECT_TRUE(result.all_delivered());
  ASSERT_EQ(server.bodies().size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(server.bodies()[0])["x"], 1);
  EXPECT_EQ(server.request_lines()[0], "POST /hook HTTP/1.1");
  ASSERT_EQ(log_lines().size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(log_lines()[0])["subject"], "hello");
}

TEST_F(NotifierTest, WebhookRetriesServerErrorsWithBackoffOnTheClock) {
  WebhookServer server;
  server.fail_next(2);
  WebhookChannel channel(server.url(), fast, clock);
  const auto before = clock.now();
  channel.deliver({"alerts", "s", "{}", clock.now()});
  EXPECT_EQ(channel.attempts_made(), 3);
  EXPECT_EQ(server.bodies().size(), 3u);
  EXPECT_EQ(clock.now() - before, milliseconds(1000 + 2000));  // virtual backoff, doubled
}

TEST_F(NotifierTest, WebhookGivesUpAfterRetriesAndOtherChannelsStillDeliver) {
  WebhookServer server;
  server.fail_next(10);
  notifier.add_subscription("alerts", std::make_unique<WebhookChannel>(server.url(), fast, clock));
  const auto result = notifier.publish({"alerts", "s", "{}", std::nullopt});
  EXPECT_FALSE(result.all_delivered());
  ASSERT_EQ(result.deliveries.size(), 2u);
  EXPECT_TRUE(result.deliveries[0].ok);  // the log
  EXPECT_NE(result.deliveries[1].error.find("after 3 attempt(s): HTTP 503"), std::string::npos)
      << result.deliveries[1].error;
}

TEST_F(NotifierTest, FailedDeliveryIsRecordedInTheLogAndDoesNotThrow) {
  WebhookServer server;
  server.reject();
  notifier.add_subscription("alerts", std::make_unique<WebhookChannel>(server.url(), fast, clock));
  PublishResult result;
  ASSERT_NO_THROW(result = notifier.publish({"alerts", "hello", "{}", std::nullopt}));
  EXPECT_FALSE(result.all_delivered());
  const auto lines = log_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["subject"], "hello");
  const auto failure = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(failure["subject"], "not delivered: hello");
  const auto detail = nlohmann::json::parse(failure["message"].get<std::string>());
  EXPECT_EQ(detail["channel"], "webhook " + server.url());
  EXPECT_NE(detail["error"].get<std::string>().find("HTTP 400"), std::string::npos);
}

TEST_F(NotifierTest, WebhookClientErrorIsNotRetried) {
  WebhookServer server;
  server.reject();
  WebhookChannel channel(server.url(), fast, clock);
  EXPECT_THROW(channel.deliver({"alerts", "s", "{}", clock.now()}), DeliveryError);
  EXPECT_EQ(channel.attempts_made(), 1);
}

TEST_F(NotifierTest, WebhookTimesOut) {
  WebhookServer server;
  server.delay(milliseconds(1500));
  WebhookChannel channel(server.url(), {milliseconds(200), 0, milliseconds(0)}, clock);
  try {
    channel.deliver({"alerts", "s", "{}", clock.now()});
    FAIL() << "expected a timeout";
  } catch (const DeliveryError& e) {
    EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos) << e.what();
  }
}

TEST_F(NotifierTest, WebhookConnectionRefused) {
  std::string url;
  {
    WebhookServer gone;
    url = gone.url();
  }
  WebhookChannel channel(url, {milliseconds(300), 1, milliseconds(10)}, clock);
  EXPECT_THROW(channel.deliver({"alerts", "s", "{}", clock.now()}), DeliveryError);
  EXPECT_EQ(channel.attempts_made(), 2);
  EXPECT_THROW(WebhookChannel("http://example.com/x", fast, clock), core::InvalidInput);
}

TEST_F(NotifierTest, SmtpDeliversToEveryRecipient) {
  SmtpServer server;
  notifier.add_subscription(
      "alerts", std::make_unique<SmtpChannel>(
                    std::vector<std::string>{"ops@example.com", "me@example.com"},
                    SmtpOptions{"127.0.0.1", server.port(), "ae@example.com", milliseconds(2000)}));
  const auto result =
      notifier.publish({"alerts", "ALARM: x", "line one\n.leading dot\n", std::nullopt});
  EXPECT_TRUE(result.all_delivered()) << result.deliveries.back().error;
  ASSERT_EQ(server.messages().size(), 1u);
  const auto message = server.messages()[0];
  EXPECT_NE(message.find("Subject: ALARM: x"), std::string::npos);
  EXPECT_NE(message.find("\n..leading dot\n"), std::string::npos);  // dot-stuffed on the wire
  EXPECT_NE(server.envelopes()[0].find("RCPT TO:<me@example.com>"), std::string::npos);
}

TEST_F(NotifierTest, SmtpRejectionIsADeliveryError) {
  SmtpServer server(554);
  SmtpChannel channel({"ops@example.com"},
                      {"127.0.0.1", server.port(), "ae@x.com", milliseconds(2000)});
  try {
    channel.deliver({"alerts", "s", "b", clock.now()});
    FAIL() << "expected a rejection";
  } catch (const DeliveryError& e) {
    EXPECT_NE(std::string(e.what()).find("554"), std::string::npos) << e.what();
  }
  EXPECT_THROW(SmtpChannel({"not-an-address"}, {}), core::InvalidInput);
}

TEST_F(NotifierTest, SameFingerprintWithinAnHourNotifiesOnceWithACount) {
  std::vector<Message> delivered;
  notifier.add_subscription("alerts", std::make_unique<testing::RecordingChannel>(&delivered));
  const PublishRequest request{"alerts", "PipelineHardFail in Predict", "{}",
                               "PipelineHardFail:Predict"};
  EXPECT_FALSE(notifier.publish(request).suppressed);
  clock.advance(minutes(10));
  EXPECT_TRUE(notifier.publish(request).suppressed);
  clock.advance(minutes(40));
  const auto third = notifier.publish(request);
  EXPECT_TRUE(third.suppressed);
  EXPECT_EQ(third.suppressed_before, 2);
  EXPECT_EQ(delivered.size(), 1u);
  // A different fingerprint is not affected.
  EXPECT_FALSE(notifier.publish({"alerts", "other", "{}", "Other:Step"}).suppressed);
  clock.advance(minutes(11));  // 61 minutes after the first delivery
  const auto after = notifier.publish(request);
  EXPECT_FALSE(after.suppressed);
  EXPECT_EQ(after.suppressed_before, 2);
  ASSERT_EQ(delivered.size(), 3u);
  EXPECT_NE(delivered.back().subject.find("repeated 2 more time(s)"), std::string::npos);
  EXPECT_EQ(log_lines().size(), 3u);  // suppressed publishes are not delivered anywhere
}

TEST_F(NotifierTest, UnknownTopicIsNotFound) {
  EXPECT_THROW(notifier.publish({"nope", "s", "{}", std::nullopt}), core::NotFound);
}

}  // namespace
}  // namespace ae::ops
