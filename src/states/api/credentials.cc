#include "states/api/credentials.h"

#include <cstdlib>
#include <sstream>

#include "core/error.h"

namespace ae::states::api {
namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace

Credentials parse_credentials(const std::string& text, const std::string& source) {
  Credentials out;
  std::istringstream lines(text);
  std::string line, section, key_id, secret;
  auto close_section = [&] {
    if (key_id.empty() != secret.empty())
      throw core::InvalidInput(source + ": section [" + section +
                               "] needs both aws_access_key_id and aws_secret_access_key");
    if (!key_id.empty()) out[key_id] = secret;
    key_id.clear();
    secret.clear();
  };
  while (std::getline(lines, line)) {
    line = trim(line);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      close_section();
      section = trim(line.substr(1, line.find(']') - 1));
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string name = trim(line.substr(0, equals));
    if (name == "aws_access_key_id") key_id = trim(line.substr(equals + 1));
    if (name == "aws_secret_access_key") secret = trim(line.substr(equals + 1));
  }
  close_section();
  if (out.empty())
    throw core::InvalidInput(source + ": no aws_access_key_id / aws_secret_access_key pair");
  return out;
}

std::optional<Credentials> environment_credentials() {
  const char* key_id = std::getenv("AE_SFN_ACCESS_KEY_ID");
  const char* secret = std::getenv("AE_SFN_SECRET_ACCESS_KEY");
  if (key_id == nullptr || secret == nullptr || *key_id == '\0' || *secret == '\0')
    return std::nullopt;
  return Credentials{{key_id, secret}};
}

}  // namespace ae::states::api
