#include "web/connection_limits.h"

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ae::web {
namespace {

// cpp-httplib's task queue with a thread per connection up to a cap: a
// connection starts a thread when the waiting connections outnumber the idle
// threads and fewer than `max_threads` exist; otherwise it waits for the
// next free one.
class ConnectionPool final : public httplib::TaskQueue {
 public:
  explicit ConnectionPool(std::size_t max_threads) : max_threads_(max_threads) {}
  ~ConnectionPool() override = default;

  void enqueue(std::function<void()> fn) override {
    {
      const std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(fn));
      if (jobs_.size() > idle_ && threads_.size() < max_threads_)
        threads_.emplace_back([this] { work(); });
    }
    ready_.notify_one();
  }

  void shutdown() override {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& thread : threads_) thread.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        ++idle_;
        ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        --idle_;
        if (jobs_.empty()) return;  // stopping, nothing left to serve
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  const std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace

void apply_connection_limits(httplib::Server& server) {
  server.set_read_timeout(kReadTimeout);
  server.set_write_timeout(kWriteTimeout);
  server.set_keep_alive_timeout(kKeepAliveTimeout.count());
  server.set_keep_alive_max_count(kKeepAliveMaxRequests);
  server.set_payload_max_length(kMaxPayloadBytes);
  server.new_task_queue = [] { return new ConnectionPool(kMaxConnections); };
}

}  // namespace ae::web
