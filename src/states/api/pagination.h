// The nextToken of the paged actions (ListStateMachines, ListExecutions,
// GetExecutionHistory): opaque to clients, bound to the listing it continues
// (`scope`: the action and its filters) and carrying that listing's cursor.
// A token that does not decode, or that another listing issued, is
// InvalidToken.
#pragma once

#include <string>

namespace ae::states::api {

std::string page_token(const std::string& scope, long long cursor);
long long page_cursor(const std::string& token, const std::string& scope);

}  // namespace ae::states::api
