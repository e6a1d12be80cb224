// The access keys `ae sfn serve` accepts signatures from: from a file in the
// AWS shared-credentials format (every [section] with aws_access_key_id and
// aws_secret_access_key gives one key; '#' and ';' start comments), or from
// AE_SFN_ACCESS_KEY_ID / AE_SFN_SECRET_ACCESS_KEY. Throws InvalidInput for a
// file that gives no key, or a section with only half of one.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace ae::states::api {

using Credentials = std::map<std::string, std::string>;  // access key id -> secret

Credentials parse_credentials(const std::string& text, const std::string& source);
// The environment's pair, if both variables are set and not empty.
std::optional<Credentials> environment_credentials();

}  // namespace ae::states::api
