#include "core/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace ae::core {
namespace {

// Formats a record as one JSON object; the message is escaped by nlohmann.
class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    nlohmann::json line;
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(msg.time.time_since_epoch()).count();
    line["ts_us"] = micros;
    line["level"] = std::string(spdlog::level::to_string_view(msg.level).data(),
                                spdlog::level::to_string_view(msg.level).size());
    line["logger"] = std::string(msg.logger_name.data(), msg.logger_name.size());
    line["msg"] = std::string(msg.payload.data(), msg.payload.size());
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }
};

}  // namespace

void check_log_level(std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") {
    throw InvalidInput("unknown log level '" + std::string(level) +
                       "' (expected trace, debug, info, warn, error, critical or off)");
  }
}

void configure_logging(std::string_view level, std::string_view format) {
  check_log_level(level);
  const auto parsed = spdlog::level::from_str(std::string(level));
  auto logger =
      std::make_shared<spdlog::logger>("ae", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (format == "json") {
    logger->set_formatter(std::make_unique<JsonLineFormatter>());
  } else if (format == "text") {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  } else {
    throw InvalidInput("unknown log format '" + std::string(format) + "' (expected text or json)");
  }
  logger->set_level(parsed);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace ae::core
