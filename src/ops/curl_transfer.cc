#include "ops/curl_transfer.h"

#include <fmt/format.h>

#include <algorithm>

#include "ops/channel.h"

namespace ae::ops {

bool TransferFailure::tls() const {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

CurlTransfer::CurlTransfer() : handle_(curl_easy_init()) {
  if (handle_ == nullptr) throw DeliveryError("cannot initialise libcurl");
  error_[0] = '\0';
  set(CURLOPT_ERRORBUFFER, error_);
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_WRITEFUNCTION, collect);
  set(CURLOPT_WRITEDATA, this);
}

CurlTransfer::~CurlTransfer() {
  curl_slist_free_all(headers_);
  curl_easy_cleanup(handle_);
}

void CurlTransfer::add_header(const std::string& line) {
  headers_ = curl_slist_append(headers_, line.c_str());
  set(CURLOPT_HTTPHEADER, headers_);
}

void CurlTransfer::verify_tls(const TlsOptions& options) {
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_bundle.empty()) set(CURLOPT_CAINFO, options.ca_bundle.c_str());
}

void CurlTransfer::timeout(std::chrono::milliseconds limit) {
  timeout_ = limit;
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(limit.count()));
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limit.count()));
}

void CurlTransfer::keep_response(std::size_t limit) { response_limit_ = limit; }

size_t CurlTransfer::collect(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<CurlTransfer*>(self);
  const auto room =
      transfer->response_limit_ - std::min(transfer->response_limit_, transfer->response_.size());
  transfer->response_.append(data, std::min(room, size * count));
  return size * count;
}

std::optional<TransferFailure> CurlTransfer::perform() {
  const CURLcode code = curl_easy_perform(handle_);
  if (code == CURLE_OK) return std::nullopt;
  TransferFailure failure{code, ""};
  const std::string detail = error_[0] != '\0' ? error_ : curl_easy_strerror(code);
  if (code == CURLE_OPERATION_TIMEDOUT)
    failure.text = fmt::format("timed out after {} ms", timeout_.count());
  else if (failure.tls())
    failure.text = fmt::format("TLS failure (curl {}): {}", static_cast<int>(code), detail);
  else
    failure.text = fmt::format("{} (curl {})", detail, static_cast<int>(code));
  return failure;
}

long CurlTransfer::response_code() const {
  long code = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

}  // namespace ae::ops
