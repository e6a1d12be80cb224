#include "states/api/sigv4.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "core/digest.h"
#include "states/api/errors.h"
#include "states/parse/timestamp.h"

namespace ae::states::api {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

ApiError incomplete(const std::string& what) {
  return ApiError("IncompleteSignature",
                  "The request signature does not conform to AWS standards: " + what, 403);
}

// RFC 3986 percent-encoding of everything but the unreserved characters (and
// '/' when `keep_slash`), as SigV4 encodes paths and query components.
std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// Trimmed, with runs of spaces collapsed to one.
std::string canonical_value(const std::string& value) {
  std::string out;
  bool space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

struct Authorization {
  std::string key_id, date, region, service, terminal;
  std::vector<std::string> signed_headers;
  std::string signature;
};

Authorization parse_authorization(const std::string& header) {
  if (!header.starts_with(kAlgorithm) || header.size() == kAlgorithm.size() ||
      header[kAlgorithm.size()] != ' ')
    throw incomplete("the Authorization header does not start with " + std::string(kAlgorithm));
  std::map<std::string, std::string> fields;
  for (auto part : split(header.substr(kAlgorithm.size() + 1), ',')) {
    part = canonical_value(part);
    const auto equals = part.find('=');
    if (equals != std::string::npos) fields[part.substr(0, equals)] = part.substr(equals + 1);
  }
  for (const char* field : {"Credential", "SignedHeaders", "Signature"})
    if (!fields.contains(field))
      throw incomplete(std::string("the Authorization header has no ") + field);
  const auto scope = split(fields["Credential"], '/');
  if (scope.size() != 5) throw incomplete("Credential is not KEY/DATE/REGION/SERVICE/aws4_request");
  return Authorization{scope[0],           scope[1], scope[2],
                       scope[3],           scope[4], split(fields["SignedHeaders"], ';'),
                       fields["Signature"]};
}

// "20260420T133000Z" -> the instant; nullopt when malformed.
std::optional<core::Timestamp> amz_date(const std::string& text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  return parse_asl_timestamp(text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2) +
                             "T" + text.substr(9, 2) + ":" + text.substr(11, 2) + ":" +
                             text.substr(13, 2) + "Z");
}

std::string header_value(const SignedRequest& request, const std::string& name) {
  std::string joined;
  auto [begin, end] = request.headers.equal_range(name);
  for (auto it = begin; it != end; ++it)
    joined += (joined.empty() ? "" : ",") + canonical_value(it->second);
  return joined;
}

std::string canonical_request(const SignedRequest& request,
                              const std::vector<std::string>& signed_headers) {
  std::vector<std::pair<std::string, std::string>> query;
  for (const auto& [name, value] : request.query)
    query.emplace_back(uri_encode(name, false), uri_encode(value, false));
  std::sort(query.begin(), query.end());
  std::string query_text;
  for (const auto& [name, value] : query)
    query_text += (query_text.empty() ? "" : "&") + name + "=" + value;
  std::string headers;
  for (const auto& name : signed_headers)
    headers += name + ":" + header_value(request, name) + "\n";
  std::string signed_list;
  for (const auto& name : signed_headers) signed_list += (signed_list.empty() ? "" : ";") + name;
  return request.method + "\n" + uri_encode(request.path, true) + "\n" + query_text + "\n" +
         headers + "\n" + signed_list + "\n" + core::sha256_hex(request.body);
}

}  // namespace

void verify_signature(const SignedRequest& request, const Credentials& credentials,
                      core::Timestamp now) {
  const auto authorization_header = request.headers.find("authorization");
  if (authorization_header == request.headers.end())
    throw incomplete("the request has no Authorization header");
  const Authorization authorization = parse_authorization(authorization_header->second);
  const std::string date_text = header_value(request, "x-amz-date");
  const auto date = amz_date(date_text);
  if (!date) throw incomplete("X-Amz-Date is missing or not yyyymmddThhmmssZ");
  if (authorization.date != date_text.substr(0, 8) || authorization.service != "states" ||
      authorization.terminal != "aws4_request")
    throw incomplete("the credential scope does not match X-Amz-Date/<region>/states/aws4_request");
  for (const char* required : {"host", "x-amz-date"})
    if (std::find(authorization.signed_headers.begin(), authorization.signed_headers.end(),
                  required) == authorization.signed_headers.end())
      throw incomplete(std::string("the signed headers do not include ") + required);
  const auto secret = credentials.find(authorization.key_id);
  if (secret == credentials.end())
    throw ApiError("UnrecognizedClientException",
                   "The security token included in the request is invalid.", 403);
  if (*date < now - kMaxClockSkew || *date > now + kMaxClockSkew)
    throw ApiError("RequestExpired",
                   "Signature expired: " + date_text +
                       " is more than 15 minutes from the server's time " +
                       core::format_timestamp(now),
                   400);
  const std::string scope =
      authorization.date + "/" + authorization.region + "/states/aws4_request";
  const std::string to_sign =
      std::string(kAlgorithm) + "\n" + date_text + "\n" + scope + "\n" +
      core::sha256_hex(canonical_request(request, authorization.signed_headers));
  std::string key = core::hmac_sha256("AWS4" + secret->second, authorization.date);
  key = core::hmac_sha256(key, authorization.region);
  key = core::hmac_sha256(key, "states");
  key = core::hmac_sha256(key, "aws4_request");
  const std::string expected = core::hex(core::hmac_sha256(key, to_sign));
  if (expected.size() != authorization.signature.size() ||
      CRYPTO_memcmp(expected.data(), authorization.signature.data(), expected.size()) != 0)
    throw ApiError("InvalidSignatureException",
                   "The request signature we calculated does not match the signature you provided. "
                   "Check your AWS Secret Access Key and signing method.",
                   403);
}

}  // namespace ae::states::api
