#include "tasks/pipelines.h"

namespace ae::tasks {

std::string pipeline_definition(const std::string& name) {
  return std::string(core::find_embedded(pipelines::embedded_files(), name + ".asl.json"));
}

}  // namespace ae::tasks
