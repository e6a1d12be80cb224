// AWS Signature Version 4 verification (HMAC-SHA256 through OpenSSL) of a
// request to the Step Functions API. The request must carry
//   Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/states/aws4_request,
//                  SignedHeaders=<h1;h2;...>, Signature=<64 hex digits>
// and X-Amz-Date (yyyymmddThhmmssZ), with host and x-amz-date among the signed
// headers. The signature is recomputed over the canonical request (method,
// path, sorted query, the signed headers' trimmed values, the SHA-256 of the
// body as received) with the secret of the key id, and compared in constant
// time. Failures are ApiError with AWS's types:
//   IncompleteSignature (403)        no or malformed Authorization / X-Amz-Date
//   UnrecognizedClientException (403) an access key id not configured
//   InvalidSignatureException (403)  the signature does not match
//   RequestExpired (400)             X-Amz-Date more than 15 minutes from now
// Any region is accepted (the scope's date must be X-Amz-Date's).
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "core/date.h"
#include "states/api/credentials.h"

namespace ae::states::api {

inline constexpr std::chrono::minutes kMaxClockSkew{15};

struct SignedRequest {
  std::string method;
  std::string path;                                 // as sent, percent-encoded
  std::multimap<std::string, std::string> query;    // decoded names and values
  std::multimap<std::string, std::string> headers;  // lowercase names
  std::string body;
};

void verify_signature(const SignedRequest& request, const Credentials& credentials,
                      core::Timestamp now);

}  // namespace ae::states::api
