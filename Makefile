# The two commands of the README are `make run` and `make test`; the rest are their parts.
SHELL := /bin/bash
.DEFAULT_GOAL := run
DB ?= data/ngoaivu.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: run test setup build build-debug build-clang test-unit test-e2e format lint bench clean

setup:
	@bash scripts/setup.sh

build: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-debug: setup
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

build-clang: setup
	@cmake --preset clang >/dev/null
	@cmake --build --preset clang -j $(JOBS)

# Builds, creates $(DB) with reference and demo data when absent, prints how to sign in, and
# serves on $(LISTEN).
run: build
	@if [ ! -f "$(DB)" ]; then \
	    ./build/release/ngoaivu init --db "$(DB)" && \
	    ./build/release/ngoaivu demo --db "$(DB)" --seed 1 --scale 1 >/dev/null; fi
	@echo "================================================================================"
	@echo " Ngoaivu: http://$(LISTEN)/   (Ctrl+C để dừng / to stop)"
	@echo " Đăng nhập / Sign in (dữ liệu mẫu / demo data), mật khẩu / password: Demo-Ngoaivu-2026"
	@echo "   demo-admin        quản trị / administrator"
	@echo "   demo-mofa         Bộ Ngoại giao / MOFA staff       demo-mofa-viewer  MOFA (xem / read)"
	@echo "   demo-officer-01   chuyên viên Hà Nội / officer     demo-leader-01    lãnh đạo Hà Nội / leader"
	@echo "   demo-officer-79   chuyên viên TP. Hồ Chí Minh      demo-mission-kr   ĐSQ tại Hàn Quốc / embassy"
	@echo "   demo-viewer       xem / viewer"
	@echo "================================================================================"
	@./build/release/ngoaivu serve --db "$(DB)" --listen "$(LISTEN)"

# Every test: format and lint checks; the GCC debug build with ASan+UBSan runs the whole ctest
# suite on SQLite and (the tests labelled `postgres`) on a throw-away PostgreSQL cluster that
# scripts/pg_test_cluster.sh starts and always stops; the Clang 14 build with sanitizers runs it on
# SQLite; the release build runs the browser, OpenAPI and multi-process tests (the latter on the
# cluster); the benchmarks are built and run once briefly as a smoke test.
test: setup lint build-debug build-clang build
	@UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    bash scripts/pg_test_cluster.sh run ctest --preset debug -j $(JOBS)
	@UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --preset clang -j $(JOBS) -LE postgres
	@bash scripts/pg_test_cluster.sh run bash tests/e2e/run.sh
	@bash scripts/bench_smoke.sh

format:
	@bash scripts/format.sh

lint:
	@bash scripts/lint.sh

bench: build
	@bash bench/http_bench.sh build/release/ngoaivu

clean:
	rm -rf build
