// One libcurl transfer (an easy handle with its error buffer and header
// list, released on every path), shared by the webhook and SMTP channels.
// verify_tls() turns on peer and host name verification (never off) against
// the configured CA bundle, or libcurl's default store when none is given.
// perform() reports a failure as one line with curl's error and code, for
// the caller to prefix with the endpoint; TLS failures say so ("TLS failure
// (curl 60): SSL certificate problem: ...").
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace ae::ops {

struct TlsOptions {
  std::filesystem::path ca_bundle{};  // PEM file of trusted CAs; empty: libcurl's default
};

struct TransferFailure {
  CURLcode code = CURLE_OK;
  std::string text;  // one line
  bool tls() const;  // a TLS handshake or certificate failure
};

class CurlTransfer {
 public:
  CurlTransfer();
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  template <typename T>
  void set(CURLoption option, T value) {
    curl_easy_setopt(handle_, option, value);
  }
  void add_header(const std::string& line);
  void verify_tls(const TlsOptions& options);
  void timeout(std::chrono::milliseconds limit);
  // Keeps up to `limit` bytes of the response body for failure reports.
  void keep_response(std::size_t limit);

  std::optional<TransferFailure> perform();
  long response_code() const;
  const std::string& response() const { return response_; }

 private:
  static size_t collect(char* data, size_t size, size_t count, void* self);
  CURL* handle_;
  curl_slist* headers_ = nullptr;
  char error_[CURL_ERROR_SIZE];
  std::chrono::milliseconds timeout_{0};
  std::string response_;
  std::size_t response_limit_ = 0;
};

}  // namespace ae::ops
