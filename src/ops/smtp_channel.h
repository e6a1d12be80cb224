// An email subscription: one message to every recipient through an SMTP
// relay (libcurl: EHLO, [STARTTLS, EHLO], [AUTH], MAIL FROM, RCPT TO, DATA
// with dot-stuffing, QUIT), within a timeout.
//   - smtps: implicit TLS from the first byte (smtps://, usually port 465);
//   - otherwise STARTTLS per `starttls`: required (the session is refused
//     when the server does not offer it), opportunistic (upgraded when
//     offered), off. Unset means required, except opportunistic toward a
//     loopback host;
//   - TLS verifies the server's certificate and host name (CA bundle);
//   - AUTH (PLAIN or LOGIN, or whichever the server offers when `auth` is
//     any) when a username is set. Credentials are sent only over TLS unless
//     the host is loopback (InvalidInput otherwise) and never appear in
//     describe() or an error.
// deliver() throws DeliveryError naming the server, curl's error and the
// last SMTP reply.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ops/channel.h"
#include "ops/curl_transfer.h"

namespace ae::ops {

enum class StartTls { kRequired, kOpportunistic, kOff };
enum class SmtpAuth { kAny, kPlain, kLogin };

// "required" | "opportunistic" | "off"; "any" | "plain" | "login". InvalidInput otherwise.
StartTls parse_starttls(const std::string& text);
SmtpAuth parse_smtp_auth(const std::string& text);

struct SmtpOptions {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string from = "alpha-engine@localhost";
  std::chrono::milliseconds timeout{10000};
  bool smtps = false;
  std::optional<StartTls> starttls{};  // unset: see the header comment
  std::string username{};              // AUTH when not empty
  std::string password{};
  SmtpAuth auth = SmtpAuth::kAny;
  TlsOptions tls{};
};

class SmtpChannel final : public Channel {
 public:
  SmtpChannel(std::vector<std::string> recipients, SmtpOptions options);
  std::string describe() const override;
  void deliver(const Message& message) override;

 private:
  std::string url() const;
  std::vector<std::string> recipients_;
  SmtpOptions options_;
  StartTls starttls_;
};

}  // namespace ae::ops
