# PreventAssist: the first two targets are the README's first two commands.
SWIFT ?= swift
# Debian packages the build and the tests need (C libraries and test tools).
DEBIAN_PACKAGES ?= libsqlite3-dev libcurl4-openssl-dev
SOURCES := Package.swift Sources Tests
STRICT := -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error
# The release build's own folder, so it never waits on (or invalidates) the debug build in .build.
RELEASE_DIR ?= .build-release

.PHONY: run test deps build lint format kb-check eval bench clean release deb package-test desk-browser

## run: chat with the assistant in this terminal (shipped content, embedded defaults)
run: deps
	$(SWIFT) run prevent-assist chat

## test: format check, strict build (warnings are errors), the whole test suite, the desk's browser suite
test: deps lint
	$(SWIFT) build --build-tests $(STRICT)
	$(SWIFT) test --skip-build
	scripts/desk-browser-tests.sh

## desk-browser: the safeguarding desk in a real browser (chromium + chromium-driver; fails under CI=true without them)
desk-browser:
	$(SWIFT) build $(STRICT) --product prevent-assist
	scripts/desk-browser-tests.sh

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

## release: the self-contained release binaries (Swift runtime and Foundation linked in) in $(RELEASE_DIR)/release:
## prevent-assist (the bot and host commands) and prevent-assist-relay (the relay alone, for the DMZ host)
## SwiftPM 6.3 fails every second `--static-swift-stdlib --product` build in a reused scratch folder with "unknown
## build description" (its cached llbuild manifest goes stale); removing that manifest makes it plan again, and the
## compiled objects are still reused.
release: deps
	rm -f $(RELEASE_DIR)/release.yaml
	$(SWIFT) build -c release --static-swift-stdlib --product prevent-assist --scratch-path $(RELEASE_DIR)
	rm -f $(RELEASE_DIR)/release.yaml
	$(SWIFT) build -c release --static-swift-stdlib --product prevent-assist-relay --scratch-path $(RELEASE_DIR)

## deb: dist/prevent-assist_<version>_amd64.deb from the release build (docs/deployment.md)
deb: release
	scripts/build-deb.sh $(RELEASE_DIR)/release dist

## package-test: the .deb installed and used in a fresh Debian 12 root without a Swift toolchain (every .ci/run;
## PREVENT_ASSIST_PACKAGE_TEST=0 skips it in a local run)
package-test: deb
	scripts/test-package.sh dist

clean:
	rm -rf .build
