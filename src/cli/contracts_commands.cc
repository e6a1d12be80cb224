// `ae contracts ...`: the JSON contracts between stages.
//   ae contracts list                     the contracts and their store keys
//   ae contracts show NAME                the JSON Schema
//   ae contracts validate NAME FILE       validate a file ('-' for stdin)
//   ae contracts validate NAME --key KEY  validate an object in the store
// Validation prints "ok" and exits 0, or prints the violation (pointer and
// rule) and exits 1; a file that cannot be read is an error (exit 3).
// JSON: list {"contracts": [{"name", "keys"}]}; show the schema; validate
// {"contract", "origin", "valid", "problem"?}.
#include <iostream>
#include <iterator>

#include "cli/command.h"
#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/contracts/contract_keys.h"

namespace ae::cli {
namespace {

// "signals/{date}/signals.json, signals/latest.json", from contract_keys.h.
std::string contract_keys(core::Contract contract) {
  std::string keys;
  for (const auto& entry : core::contract_key_patterns())
    if (entry.contract == contract) keys += (keys.empty() ? "" : ", ") + std::string(entry.pattern);
  return keys.empty() ? "(result of the check_coverage task)" : keys;
}

core::Contract contract_by_name(const std::string& name) {
  std::string known;
  for (const auto contract : core::all_contracts()) {
    if (core::contract_name(contract) == name) return contract;
    known += (known.empty() ? "" : ", ") + std::string(core::contract_name(contract));
  }
  throw core::InvalidInput("unknown contract '" + name + "' (known: " + known + ")");
}

}  // namespace

void add_contracts_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* contracts =
      app.add_subcommand("contracts", "JSON contracts between stages: list, show, validate");
  contracts->require_subcommand(1);

  auto* list =
      contracts->add_subcommand("list", "List the contracts and where they live in the store");
  dispatcher.bind(list, [](const Context& context) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto contract : core::all_contracts())
      rows.push_back({{"name", core::contract_name(contract)}, {"keys", contract_keys(contract)}});
    context.output.print({{"contracts", rows}}, [&](std::ostream& out) {
      for (const auto& contract : rows)
        out << contract["name"].get<std::string>() << "\t" << contract["keys"].get<std::string>()
            << "\n";
    });
    return 0;
  });

  auto* show = contracts->add_subcommand("show", "Print a contract's JSON Schema");
  auto show_name = std::make_shared<std::string>();
  show->add_option("name", *show_name, "Contract name (see `ae contracts list`)")->required();
  dispatcher.bind(show, [show_name](const Context& context) {
    context.output.print(core::contract_schema(contract_by_name(*show_name)));
    return 0;
  });

  auto* validate =
      contracts->add_subcommand("validate", "Validate a file or a store object against a contract");
  auto name = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  validate->add_option("name", *name, "Contract name")->required();
  auto* file_option = validate->add_option("file", *file, "JSON file, '-' for stdin");
  auto* key_option = validate->add_option("--key", *key, "Store key instead of a file");
  file_option->excludes(key_option);
  dispatcher.bind(validate, [name, file, key](const Context& context) {
    const auto contract = contract_by_name(*name);
    std::string origin;
    std::string text;
    if (!key->empty()) {
      core::FileSystemStore store(context.home.store());
      origin = *key;
      text = store.get(*key);
    } else if (file->empty() || *file == "-") {
      origin = "<stdin>";
      text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
      origin = *file;
      text = core::read_file(*file);
    }
    nlohmann::json verdict = {
        {"contract", core::contract_name(contract)}, {"origin", origin}, {"valid", true}};
    try {
      if (key->empty()) {
        core::parse_contract(contract, text, origin);
      } else {
        core::parse_stored_contract(contract, text, origin);
      }
    } catch (const core::InvalidInput& violation) {
      verdict["valid"] = false;
      verdict["problem"] = violation.what();
    }
    context.output.print(verdict, [&](std::ostream& out) {
      if (verdict["valid"]) {
        out << "ok: " << origin << " satisfies the " << core::contract_name(contract)
            << " contract\n";
      } else {
        out << "invalid: " << verdict["problem"].get<std::string>() << "\n";
      }
    });
    return verdict["valid"] ? kExitOk : kExitNegative;
  });
}

}  // namespace ae::cli
