// CreateStateMachine, DescribeStateMachine, ListStateMachines,
// UpdateStateMachine, DeleteStateMachine, ValidateStateMachineDefinition,
// TagResource, UntagResource, ListTagsForResource.
// - A definition is checked by the engine's validator (the one `ae sfn
//   validate` runs): a problem is InvalidDefinition, "Invalid State Machine
//   Definition: '<problem>, <problem>...'".
// - CreateStateMachine is idempotent: the same name with the same
//   definition, type, logging and tracing configuration answers the existing
//   state machine; anything else of that name is StateMachineAlreadyExists.
// - roleArn must be an IAM role ARN (InvalidArn); it is kept and shown, not
//   used. type is STANDARD (the default) or EXPRESS; it cannot change.
// - DeleteStateMachine removes it at once; its executions stay (and those
//   running go on).
// - Tags belong to state machines (50 at most: TooManyTags); another ARN is
//   ResourceNotFound.
#include <algorithm>

#include "states/api/api_context.h"
#include "states/api/errors.h"
#include "states/api/history_events.h"
#include "states/api/lookups.h"
#include "states/api/pagination.h"
#include "states/api/request_fields.h"
#include "states/parse/parser.h"
#include "states/parse/warnings.h"
#include "states/run/arns.h"
#include "states/run/interpreter.h"

namespace ae::states::api {
namespace {

constexpr size_t kMaxTags = 50;

// The validator's problems ("/States/A/Next: ..."); empty when valid.
std::vector<std::string> definition_problems(const std::string& text) {
  try {
    parse_definition_text(text);
    return {};
  } catch (const DefinitionError& error) {
    return error.problems();
  }
}

void check_definition(const std::string& text) {
  const auto problems = definition_problems(text);
  if (problems.empty()) return;
  std::string joined;
  for (const auto& problem : problems) joined += (joined.empty() ? "" : ", ") + problem;
  throw ApiError("InvalidDefinition", "Invalid State Machine Definition: '" + joined + "'");
}

void check_role(const std::string& role) {
  if (!role.starts_with("arn:") || role.find(":iam::") == std::string::npos ||
      role.find(":role/") == std::string::npos)
    throw ApiError("InvalidArn", "Invalid Role Arn: '" + role + "'");
}

std::string machine_type(const Json& body) {
  const std::string type = optional_string(body, "type").value_or("STANDARD");
  if (type != "STANDARD" && type != "EXPRESS")
    throw ApiError("ValidationException",
                   "1 validation error detected: Value '" + type +
                       "' at 'type' failed to satisfy constraint: Member must satisfy enum "
                       "value set: [STANDARD, EXPRESS]");
  return type;
}

Json configuration(const Json& body, const char* member, Json fallback) {
  auto found = body.find(member);
  if (found == body.end() || found->is_null()) return fallback;
  if (!found->is_object())
    throw ApiError("ValidationException", std::string("1 validation error detected: Value at '") +
                                              member +
                                              "' failed to satisfy constraint: Member "
                                              "must be a structure");
  return *found;
}

const Json kDefaultLogging = {{"level", "OFF"}, {"includeExecutionData", false}};
const Json kDefaultTracing = {{"enabled", false}};

Tags tag_list(const Json& list) {
  Tags tags;
  for (const auto& tag : list) {
    if (!tag.is_object() || !tag.contains("key") || !tag["key"].is_string())
      throw ApiError("ValidationException", "1 validation error detected: a tag has no key");
    tags.emplace_back(tag["key"].get<std::string>(), tag.value("value", ""));
  }
  return tags;
}

Json tags_json(const Tags& tags) {
  Json out = Json::array();
  for (const auto& [key, value] : tags) out.push_back({{"key", key}, {"value", value}});
  return out;
}

// A state machine named by a tagging action: only state machines have tags here.
StateMachineRecord tagged_resource(ApiContext& context, const std::string& arn) {
  try {
    return find_state_machine(context, arn);
  } catch (const ApiError& error) {
    if (error.type() == "StateMachineDoesNotExist" || parse_states_arn(arn))
      throw ApiError("ResourceNotFound", "Resource not found: '" + arn + "'");
    throw;
  }
}

Json create(ApiContext& context, const Json& body) {
  const std::string name = required_string(body, "name");
  check_name(name, "state machine");
  StateMachineRecord record;
  record.name = name;
  record.arn = state_machine_arn(name);
  record.definition = required_string(body, "definition");
  record.role_arn = required_string(body, "roleArn");
  record.type = machine_type(body);
  record.logging = configuration(body, "loggingConfiguration", kDefaultLogging);
  record.tracing = configuration(body, "tracingConfiguration", kDefaultTracing);
  check_role(record.role_arn);
  check_definition(record.definition);
  const Tags tags = tag_list(optional_array(body, "tags"));
  if (tags.size() > kMaxTags)
    throw ApiError("TooManyTags", "Too many tags: at most 50 per resource");
  record.creation_date = record.update_date = format_aws_time(context.clock.now());
  if (!context.machines.create(record, tags)) {
    const auto existing = context.machines.find(record.arn);
    if (!existing || existing->definition != record.definition || existing->type != record.type ||
        existing->logging != record.logging || existing->tracing != record.tracing)
      throw ApiError("StateMachineAlreadyExists",
                     "State Machine Already Exists: '" + record.arn + "'");
    record = *existing;
  }
  return {{"stateMachineArn", record.arn}, {"creationDate", epoch_seconds(record.creation_date)}};
}

Json describe_state_machine(ApiContext& context, const Json& body) {
  const auto record = find_state_machine(context, required_string(body, "stateMachineArn"));
  return {{"stateMachineArn", record.arn},
          {"name", record.name},
          {"status", "ACTIVE"},
          {"definition", record.definition},
          {"roleArn", record.role_arn},
          {"type", record.type},
          {"creationDate", epoch_seconds(record.creation_date)},
          {"loggingConfiguration", record.logging},
          {"tracingConfiguration", record.tracing}};
}

Json list_state_machines(ApiContext& context, const Json& body) {
  const size_t size = page_size(body);
  std::optional<long long> after;
  if (auto token = optional_string(body, "nextToken"))
    after = page_cursor(*token, "ListStateMachines");
  auto records = context.machines.list(after, size + 1);
  Json out = {{"stateMachines", Json::array()}};
  if (records.size() > size) {
    records.resize(size);
    out["nextToken"] = page_token("ListStateMachines", records.back().sequence);
  }
  for (const auto& record : records)
    out["stateMachines"].push_back({{"stateMachineArn", record.arn},
                                    {"name", record.name},
                                    {"type", record.type},
                                    {"creationDate", epoch_seconds(record.creation_date)}});
  return out;
}

Json update(ApiContext& context, const Json& body) {
  auto record = find_state_machine(context, required_string(body, "stateMachineArn"));
  const auto definition = optional_string(body, "definition");
  const auto role = optional_string(body, "roleArn");
  const bool logging = body.contains("loggingConfiguration");
  const bool tracing = body.contains("tracingConfiguration");
  if (!definition && !role && !logging && !tracing)
    throw ApiError("MissingRequiredParameter",
                   "Either the definition, the roleArn, the loggingConfiguration or the "
                   "tracingConfiguration must be specified");
  if (definition) {
    check_definition(*definition);
    record.definition = *definition;
  }
  if (role) {
    check_role(*role);
    record.role_arn = *role;
  }
  if (logging) record.logging = configuration(body, "loggingConfiguration", kDefaultLogging);
  if (tracing) record.tracing = configuration(body, "tracingConfiguration", kDefaultTracing);
  record.update_date = format_aws_time(context.clock.now());
  context.machines.update(record);
  return {{"updateDate", epoch_seconds(record.update_date)}};
}

Json remove(ApiContext& context, const Json& body) {
  const std::string arn = required_string(body, "stateMachineArn");
  const auto parsed = parse_states_arn(arn);
  if (!parsed || parsed->resource_type != "stateMachine")
    throw ApiError("InvalidArn", "Invalid Arn: '" + arn + "'");
  context.machines.remove(arn);  // deleting one that does not exist succeeds, as on AWS
  return Json::object();
}

// "/States/A/Next: message" -> location "/States/A/Next", message.
Json diagnostic(const std::string& severity, const std::string& code, const std::string& text) {
  Json out = {{"severity", severity}, {"code", code}, {"message", text}};
  const size_t colon = text.find(": ");
  if (!text.empty() && text.front() == '/' && colon != std::string::npos) {
    out["location"] = text.substr(0, colon);
    out["message"] = text.substr(colon + 2);
  }
  return out;
}

Json validate(ApiContext&, const Json& body) {
  const std::string definition = required_string(body, "definition");
  machine_type(body);
  const std::string severity = optional_string(body, "severity").value_or("ERROR");
  if (severity != "ERROR" && severity != "WARNING")
    throw ApiError("ValidationException",
                   "1 validation error detected: Value '" + severity +
                       "' at 'severity' failed to satisfy constraint: Member must satisfy enum "
                       "value set: [ERROR, WARNING]");
  const size_t limit = std::min<size_t>(page_size(body), 100);
  Json diagnostics = Json::array();
  const auto problems = definition_problems(definition);
  for (const auto& problem : problems)
    diagnostics.push_back(diagnostic("ERROR",
                                     problem.find("not valid JSON") != std::string::npos
                                         ? "INVALID_JSON_DESCRIPTION"
                                         : "SCHEMA_VALIDATION_FAILED",
                                     problem));
  if (problems.empty() && severity == "WARNING")
    for (const auto& warning : definition_warnings(*parse_definition_text(definition)))
      diagnostics.push_back(diagnostic("WARNING", "TASK_WITHOUT_TIMEOUT", warning));
  const bool truncated = diagnostics.size() > limit;
  if (truncated)
    diagnostics.erase(diagnostics.begin() + static_cast<long>(limit), diagnostics.end());
  return {{"result", problems.empty() ? "OK" : "FAIL"},
          {"diagnostics", diagnostics},
          {"truncated", truncated}};
}

Json tag(ApiContext& context, const Json& body) {
  const auto record = tagged_resource(context, required_string(body, "resourceArn"));
  const Tags tags = tag_list(optional_array(body, "tags"));
  if (context.machines.tag_count_after(record.arn, tags) > kMaxTags)
    throw ApiError("TooManyTags", "Too many tags: at most 50 per resource");
  context.machines.tag(record.arn, tags);
  return Json::object();
}

Json untag(ApiContext& context, const Json& body) {
  const auto record = tagged_resource(context, required_string(body, "resourceArn"));
  std::vector<std::string> keys;
  for (const auto& key : optional_array(body, "tagKeys"))
    if (key.is_string()) keys.push_back(key.get<std::string>());
  context.machines.untag(record.arn, keys);
  return Json::object();
}

Json list_tags(ApiContext& context, const Json& body) {
  const auto record = tagged_resource(context, required_string(body, "resourceArn"));
  return {{"tags", tags_json(context.machines.tags(record.arn))}};
}

}  // namespace

void add_state_machine_actions(Actions& actions) {
  actions["CreateStateMachine"] = create;
  actions["DescribeStateMachine"] = describe_state_machine;
  actions["ListStateMachines"] = list_state_machines;
  actions["UpdateStateMachine"] = update;
  actions["DeleteStateMachine"] = remove;
  actions["ValidateStateMachineDefinition"] = validate;
  actions["TagResource"] = tag;
  actions["UntagResource"] = untag;
  actions["ListTagsForResource"] = list_tags;
}

}  // namespace ae::states::api
