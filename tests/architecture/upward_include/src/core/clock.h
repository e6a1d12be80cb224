#pragma once

#include "core/date.h"
#include "executor/ledger.h"
