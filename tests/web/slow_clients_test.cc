// Clients that send half a request and stall hold a connection each until
// the server's read timeout drops it; an authorised request made meanwhile
// is still answered (web/connection_limits.h). The bounds are generous - the
// time a stalled connection can hold a thread, plus a margin - never a tight
// timing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "support/test_support.h"
#include "web/connection_limits.h"
#include "web/web_fixture.h"

namespace ae::web::test {
namespace {

constexpr auto kMargin = std::chrono::seconds(10);
// How long a stalled connection holds its thread: the read timeout, then the
// keep-alive wait after the server's 400.
constexpr auto kHeld = kReadTimeout + kKeepAliveTimeout;

// Opens `count` connections to the server that each send the start of a
// request and nothing more.
std::vector<int> stall(int port, std::size_t count) {
  std::vector<int> sockets;
  for (std::size_t i = 0; i < count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    const std::string half = "GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    EXPECT_EQ(::send(fd, half.data(), half.size(), 0), static_cast<ssize_t>(half.size()));
    sockets.push_back(fd);
  }
  return sockets;
}

// GET /api/overview with the token, waiting at most `patience`.
httplib::Result authorised_get(const RunningServer& server, const std::string& token,
                               std::chrono::seconds patience) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_connection_timeout(patience);
  client.set_read_timeout(patience);
  client.set_bearer_token_auth(token);
  return client.Get("/api/overview");
}

const std::string kToken(24, 't');

// Five times cpp-httplib's default pool of 8 threads, which these used to
// hold for 25 s: an honest request waits for none of them.
TEST(DashboardSlowClients, HalfSentConnectionsDoNotDelayAnAuthorisedRequest) {
  ae::test::TempDir home;
  RunningServer server(home.path(), kToken);
  const auto stalled = stall(server.port(), 40);
  const auto response = authorised_get(server, kToken, kHeld + kMargin);
  ASSERT_TRUE(response) << "no answer: " << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 200);
  for (const int fd : stalled) ::close(fd);
}

// More stalled connections than the cap: the server drops them after its
// read timeout (answering 400: the request is incomplete), then answers the
// honest request; every stalled connection is closed by the server.
TEST(DashboardSlowClients, BeyondTheConnectionCapTheServerRecoversAfterTheReadTimeout) {
  ae::test::TempDir home;
  RunningServer server(home.path(), kToken);
  const auto stalled = stall(server.port(), kMaxConnections + 4);
  const auto response = authorised_get(server, kToken, kHeld + kMargin);
  ASSERT_TRUE(response) << "no answer: " << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 200);
  for (const int fd : stalled) {
    const timeval patience{static_cast<time_t>((kHeld + kMargin).count()), 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    char buffer[512];
    ssize_t received = 0;
    while ((received = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
    }
    EXPECT_EQ(received, 0) << "the server did not close a stalled connection";
    ::close(fd);
  }
}

}  // namespace
}  // namespace ae::web::test
