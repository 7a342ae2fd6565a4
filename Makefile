# Steward build/test entry points. See scripts/test.sh and scripts/postgres.sh.

SWIFT ?= swift
# Extra arguments: `make run ARGS="--port 9090"`, `make test TESTARGS="--filter Foo"`.
ARGS ?=
TESTARGS ?=

.PHONY: all build test run bench clean

all: build

build:
	$(SWIFT) build --build-tests

test: build
	scripts/test.sh $(TESTARGS)

run:
	$(SWIFT) run steward serve $(ARGS)

bench:
	bash bench/run.sh $(ARGS)

clean:
	rm -rf .build steward-data
