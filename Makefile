# PreventAssist: the first two targets are the README's first two commands.
SWIFT ?= swift
# Debian packages the build and the tests need (C libraries and test tools).
DEBIAN_PACKAGES ?= libsqlite3-dev libcurl4-openssl-dev
SOURCES := Package.swift Sources Tests
STRICT := -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error

.PHONY: run test deps build lint format kb-check eval bench clean

## run: chat with the assistant in this terminal (shipped content, embedded defaults)
run: deps
	$(SWIFT) run prevent-assist chat

## test: format check, strict build (warnings are errors), the whole test suite
test: deps lint
	$(SWIFT) build --build-tests $(STRICT)
	$(SWIFT) test --skip-build

deps:
	@scripts/install-deps.sh $(DEBIAN_PACKAGES)

build: deps
	$(SWIFT) build $(STRICT)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SOURCES)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(SOURCES)

kb-check: deps
	$(SWIFT) run prevent-assist kb check

## eval: accuracy on the knowledge base's held-out questions (release build)
eval: deps
	$(SWIFT) run -c release prevent-assist eval --questions Tests/PreventAssistTests/Resources/kb-questions.tsv

## bench: release-build benchmarks (CLINC150 and the knowledge base); writes bench/RESULTS.md
bench: deps
	bench/run

clean:
	rm -rf .build
