// The QuickFIX headers the FIX broker and the exchange use, in one place.
// Debian's QuickFIX 1.15 declares dynamic exception specifications
// (`throw(X)`), which C++17 removed; they are declarations only (no throw
// expression in its headers is written `throw(`), so they are compiled away
// here. The standard headers come first so that the macro never meets them.
#pragma once

// clang-format off
#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <fstream>
#include <iostream>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <new>
#include <queue>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#define throw(...)
#include <quickfix/Application.h>
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/ThreadedSocketInitiator.h>
#include <quickfix/ThreadedSocketAcceptor.h>
#include <quickfix/fix44/BusinessMessageReject.h>
#include <quickfix/fix44/ExecutionReport.h>
#include <quickfix/fix44/NewOrderSingle.h>
#include <quickfix/fix44/OrderCancelReject.h>
#include <quickfix/fix44/OrderCancelReplaceRequest.h>
#include <quickfix/fix44/OrderCancelRequest.h>
#include <quickfix/fix44/OrderStatusRequest.h>
#include <quickfix/fix44/Reject.h>
#undef throw
#pragma GCC diagnostic pop
// clang-format on
