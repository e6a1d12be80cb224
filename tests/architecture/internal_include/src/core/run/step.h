#pragma once

#include "core/run/internal/execution.h"
