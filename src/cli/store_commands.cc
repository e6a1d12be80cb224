// `ae store ...`: inspect and edit the artifact store under $AE_HOME/store.
//   ae store ls [PREFIX]     keys, one per line, sorted
//                            (JSON: {"prefix", "keys": [...]})
//   ae store get KEY         the object's bytes on stdout
//                            (JSON: {"key", "object"}: the parsed object, or
//                            its text when it is not JSON)
//   ae store put KEY [FILE]  atomically store FILE (or stdin with '-' / none);
//                            a contract key (signals, predictions, order book,
//                            health) is validated first; --raw skips that
//                            (JSON: {"key", "bytes", "validated"})
//   ae store rm KEY          remove; error if absent (JSON: {"key", "removed"})
#include <spdlog/spdlog.h>

#include <iostream>
#include <iterator>

#include "cli/command.h"
#include "core/artifact_store.h"
#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/error.h"

namespace ae::cli {

void add_store_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* store = app.add_subcommand("store", "Read and write the artifact store ($AE_HOME/store)");
  store->require_subcommand(1);

  auto* ls = store->add_subcommand("ls", "List keys under a prefix");
  auto prefix = std::make_shared<std::string>();
  ls->add_option("prefix", *prefix, "Key prefix (plain string prefix, as S3)");
  dispatcher.bind(ls, [prefix](const Context& context) {
    spdlog::debug("listing '{}' in store {}", *prefix, context.home.store().string());
    core::FileSystemStore files(context.home.store());
    const auto keys = files.list(*prefix);
    context.output.print({{"prefix", *prefix}, {"keys", keys}}, [&](std::ostream& out) {
      for (const auto& key : keys) out << key << "\n";
    });
    return 0;
  });

  auto* get = store->add_subcommand("get", "Print an object");
  auto get_key = std::make_shared<std::string>();
  get->add_option("key", *get_key, "Object key")->required();
  dispatcher.bind(get, [get_key](const Context& context) {
    core::FileSystemStore files(context.home.store());
    const auto bytes = files.get(*get_key);
    if (!context.output.json()) {
      std::cout << bytes;
      return 0;
    }
    auto object = nlohmann::json::parse(bytes, nullptr, false);
    context.output.print(
        {{"key", *get_key}, {"object", object.is_discarded() ? nlohmann::json(bytes) : object}});
    return 0;
  });

  auto* put = store->add_subcommand("put", "Store a file (or stdin) atomically under a key");
  auto put_key = std::make_shared<std::string>();
  auto put_file = std::make_shared<std::string>("-");
  put->add_option("key", *put_key, "Object key")->required();
  put->add_option("file", *put_file, "File to store, '-' for stdin")->capture_default_str();
  auto put_raw = std::make_shared<bool>(false);
  put->add_flag("--raw", *put_raw,
                "Store the bytes as they are, without validating a contract key (drills)");
  dispatcher.bind(put, [put_key, put_file, put_raw](const Context& context) {
    std::string bytes = *put_file == "-" ? std::string(std::istreambuf_iterator<char>(std::cin), {})
                                         : core::read_file(*put_file);
    core::FileSystemStore files(context.home.store());
    if (*put_raw) {
      files.put(*put_key, bytes);
    } else {
      core::put_store_object(files, *put_key, bytes);
    }
    context.output.print({{"key", *put_key}, {"bytes", bytes.size()}, {"validated", !*put_raw}},
                         [](std::ostream&) {});
    return 0;
  });

  auto* rm = store->add_subcommand("rm", "Remove an object");
  auto rm_key = std::make_shared<std::string>();
  rm->add_option("key", *rm_key, "Object key")->required();
  dispatcher.bind(rm, [rm_key](const Context& context) {
    core::FileSystemStore files(context.home.store());
    if (!files.remove(*rm_key)) throw core::NotFound("no object '" + *rm_key + "' in the store");
    context.output.print({{"key", *rm_key}, {"removed", true}}, [](std::ostream&) {});
    return 0;
  });
}

}  // namespace ae::cli
