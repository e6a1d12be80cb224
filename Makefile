# alpha-engine: the two commands are `make run` and `make test` (see README.md).
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
BENCH_DIR ?= build-bench
FUZZ_DIR  ?= build-fuzz
FUZZ_SECONDS ?= 300
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
PREFIX ?= /usr/local
AE_HOME ?= $(CURDIR)/var
CTEST_ARGS ?= --output-on-failure -j $(JOBS) -LE slow

.PHONY: all deps deps-run configure test-peers build build-ae install run test test-slow bench asan fuzz format clean

all: build

# Every package (tests, benchmarks, fuzzing); deps-run only what `ae` and the
# main job need, so that a first `make run` installs no browser or AWS CLI.
deps:
	@scripts/install-deps.sh

deps-run:
	@scripts/install-deps.sh run

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/build.ninja

# The npm packages (and, if the system's is too old, the Node.js) the tests
# drive, into $(BUILD_DIR)/tests/: the tests never install anything.
test-peers: configure
	@scripts/install-test-peers.sh $(BUILD_DIR)

build: deps configure test-peers
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job needs only the binary: the tests are built by `make test`.
build-ae: deps-run configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target ae

# bin/ae, the pipelines, schemas, default config, web assets, docs, the
# systemd unit and the shell completions under $(PREFIX) (cmake/install.cmake).
install: build-ae
	cmake --build $(BUILD_DIR) -j $(JOBS) --target ae_completions
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

run: build-ae
	@AE_HOME=$(AE_HOME) scripts/run-main-job.sh $(BUILD_DIR)/ae

test: build
	ctest --test-dir $(BUILD_DIR) $(CTEST_ARGS)

test-slow: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) -L slow

bench: deps
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BENCH_DIR) -j $(JOBS)
	bench/run-all.sh $(BENCH_DIR)

asan: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAE_SANITIZE=ON -DAE_BUILD_BENCH=OFF
	cmake --build $(ASAN_DIR) -j $(JOBS)
	scripts/install-test-peers.sh $(ASAN_DIR)
	ctest --test-dir $(ASAN_DIR) $(CTEST_ARGS)

# The libFuzzer targets of fuzz/ (clang, ASan + UBSan, asserts on at -O1),
# each run for FUZZ_SECONDS, two at a time (scripts/run-fuzz.sh; docs/reliability.md).
fuzz: deps
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DAE_FUZZ=ON \
	  -DAE_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g"
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_targets
	scripts/run-fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

format:
	git ls-files -z '*.h' '*.cc' | xargs -0 clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
