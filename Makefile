# smpipe: the two quickstart commands are `make compile` and `make test`; both install what they need.
SHELL := /bin/bash
SPECS := $(wildcard pipeline-specs/*.yaml)
VARS ?= pipeline-specs/vars/example.yaml
PIP_MIRROR := $(if $(wildcard /opt/pypi/simple),--index-url file:///opt/pypi/simple $(if $(wildcard /opt/pypi-more/simple),--extra-index-url file:///opt/pypi-more/simple))
TS_SOURCES := $(shell find src -type f \( -name '*.ts' -o -name '*.json' \) 2>/dev/null)

.PHONY: compile test test-ts test-py typecheck bench golden schema clean help

help:
	@echo "make compile   compile every spec in pipeline-specs/ to build/ (VARS=$(VARS))"
	@echo "make test      type-check, TypeScript tests, Python container tests"
	@echo "make bench     compile benchmarks (medians and ratios)"
	@echo "make golden    rewrite golden files after an intended change (UPDATE_GOLDEN=1)"
	@echo "make schema    regenerate schema/*.json and the API shape model"

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

dist/.built: node_modules/.package-lock.json tsconfig.json tsconfig.build.json $(TS_SOURCES)
	rm -rf dist
	npx tsc -p tsconfig.build.json
	cd src && find . -name '*.json' -exec install -D -m 0644 {} ../dist/src/{} \;
	@touch $@

compile: dist/.built
	@for spec in $(SPECS); do node bin/smpipe.js compile $$spec --vars $(VARS) || exit 1; done

typecheck: node_modules/.package-lock.json
	npx tsc -p tsconfig.json --noEmit

test-ts: dist/.built typecheck
	node --import tsx --test --test-reporter=spec $$(find test -name '*.test.ts' | sort)

.venv/.installed: containers/requirements-test.txt
	rm -rf .venv
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check $(PIP_MIRROR) -r containers/requirements-test.txt
	@touch $@

test-py: .venv/.installed
	.venv/bin/python -m pytest containers -q -p no:cacheprovider

test: test-ts test-py

golden: dist/.built
	UPDATE_GOLDEN=1 node --import tsx --test $$(find test -name '*.test.ts' | sort)

schema: node_modules/.package-lock.json
	npx tsx scripts/gen-spec-schema.ts
	npx tsx scripts/gen-readme.ts
	npx tsx scripts/gen-api-shapes.ts
	npx tsx scripts/gen-definition-schema.ts

bench: dist/.built
	node --import tsx bench/compile.bench.ts

clean:
	rm -rf build dist .venv
