# smpipe: the two quickstart commands are `make compile` and `make test`; both install what they need.
SHELL := /bin/bash
SPECS := $(wildcard pipeline-specs/*.yaml)
VARS ?= pipeline-specs/vars/example.yaml
SPEC ?= pipeline-specs/llama3-dpo.yaml
LOCAL_PYTHON ?= .venv/bin/python
# A new name when the builder changes what it builds (build-tiny-llama.py leaves an existing folder as it is).
TINY_LLAMA := .smpipe/local/models/tiny-llama-taught
# The flagship locally: transformers generates (vLLM needs a GPU); 3 answers per question give 3
# pairs each instead of 6, which halves DPO's CPU time and still leaves ~35 held-out pairs.
LOCAL_PARAMS := --param GenerationBackend=transformers --param ResponsesPerQuestion=3
AWS_ARGS = $(if $(PROFILE),--profile $(PROFILE)) $(if $(REGION),--region $(REGION))
PIP_MIRROR := $(if $(wildcard /opt/pypi/simple),--index-url file:///opt/pypi/simple $(if $(wildcard /opt/pypi-more/simple),--extra-index-url file:///opt/pypi-more/simple))
TS_SOURCES := $(shell find src -type f \( -name '*.ts' -o -name '*.cts' -o -name '*.json' -o -name '*.hbs' -o -name '*.py' \) 2>/dev/null)
BRIDGE_SOURCES := $(wildcard containers/labeling-bridge/*.ts containers/labeling-bridge/*.mjs)

.PHONY: compile test test-ts test-py test-node22 typecheck lint format format-check bench golden schema clean help plan upsert start demo bridge run-local

help:
	@echo "make compile   compile every spec in pipeline-specs/ to build/ (VARS=$(VARS))"
	@echo "make test      lint, format check, type-check, TypeScript tests, Python container tests, determinism on Node 22"
	@echo "make lint      ESLint with typescript-eslint (eslint.config.js)"
	@echo "make format    format the TypeScript and JavaScript in place (eslint.style.config.js)"
	@echo "make bench     compile benchmarks (medians and ratios; BASELINE=DIR compares another built checkout)"
	@echo "make golden    rewrite golden files after an intended change (UPDATE_GOLDEN=1)"
	@echo "make schema    regenerate schema/*.json, the API shape model and the precompiled worker template"
	@echo "make plan      show what upsert would change (SPEC=$(SPEC) VARS=$(VARS) [PROFILE=…] [REGION=…])"
	@echo "make upsert    upload assets and create or update the pipeline in AWS"
	@echo "make start     start an execution (PARAMS=\"Beta=0.2 LoraRank=32\" WAIT=1)"
	@echo "make demo      the whole flow against a local emulator, nothing from AWS"
	@echo "make bridge    bundle the Ground Truth labeling bridge (build/labeling-bridge/index.mjs)"
	@echo "make run-local run the tabular example, then SPEC with a tiny Llama and simulated labelers, on this machine"

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# tsc's output (the library, and the files found next to modules), then the CLI's bundle
# (dist/cli/smpipe.cjs, scripts/bundle-cli.ts) and its start (dist/cli/start.cjs), which
# bin/smpipe.js requires: a build by tsc alone does not run bin/smpipe.js.
dist/.built: node_modules/.package-lock.json tsconfig.json tsconfig.build.json $(TS_SOURCES) $(BRIDGE_SOURCES) scripts/bundle-cli.ts
	rm -rf dist
	npx tsc -p tsconfig.build.json
	cd src && find . \( -name '*.json' -o -name '*.hbs' -o -name '*.py' \) -exec install -D -m 0644 {} ../dist/src/{} \;
	node --import tsx scripts/bundle-cli.ts
	@touch $@

# SPEC compiles with VARS; another spec with pipeline-specs/vars/<its name>.yaml when there is one,
# else with its own vars' defaults (the tabular example needs none).
compile: dist/.built
	@for spec in $(SPECS); do vars=pipeline-specs/vars/$$(basename $$spec .yaml).yaml; [ "$$spec" = "$(SPEC)" ] && vars=$(VARS); \
	  node bin/smpipe.js compile $$spec $$( [ -f $$vars ] && echo --vars $$vars ) || exit 1; done

typecheck: node_modules/.package-lock.json
	npx tsc -p tsconfig.json --noEmit

# The run tests start job code with .venv's Python (torch, transformers, TRL: test/run/harness.ts).
# Test files run TEST_JOBS at a time (node's default is one fewer than the cores: one on a 2-core
# machine). The local flagship run (minutes of CPU training) starts first, so the other files run
# beside it instead of after it.
TEST_JOBS ?= $(shell n=$$(nproc); echo $$(( n > 2 ? n : 2 )))
SLOW_TESTS = test/run/flagship-local.test.ts
test-ts: dist/.built typecheck .venv/.installed
	node --import tsx --test --test-reporter=spec --test-concurrency=$(TEST_JOBS) \
	  $(SLOW_TESTS) $$(find test -name '*.test.ts' | sort | grep -vxF '$(SLOW_TESTS)')

# The mirror's second index holds few packages: pip warns "Location ... is ignored" for every other
# package it looks up there (116 lines). Those lines are dropped; anything else pip says still shows,
# and pip's exit status is kept (pipefail).
.venv/.installed: containers/requirements-test.txt
	rm -rf .venv
	python3 -m venv .venv
	bash -o pipefail -c '.venv/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_MIRROR) \
		-r containers/requirements-test.txt 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }'
	@touch $@

# The serving image's transformers (4.57, LMI 17) in its own venv: the train-dpo tests load the saved
# model with it (containers/train-dpo/tests/test_serving_layout.py). --no-deps: see the file's header.
.venv-serving/.installed: containers/requirements-serving-check.txt
	rm -rf .venv-serving
	python3 -m venv .venv-serving
	bash -o pipefail -c '.venv-serving/bin/python -m pip install --quiet --disable-pip-version-check --no-deps $(PIP_MIRROR) \
		-r containers/requirements-serving-check.txt 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }'
	@touch $@

test-py: .venv/.installed .venv-serving/.installed
	.venv/bin/python -m pytest containers -q -p no:cacheprovider

# ESLint with typescript-eslint's type-aware rules (eslint.config.js); warnings are listed, errors fail.
lint: node_modules/.package-lock.json
	npx eslint .

# The formatter (@stylistic rules in the house style, eslint.style.config.js); `make test` checks it.
format: node_modules/.package-lock.json
	npx eslint -c eslint.style.config.js --fix .

format-check: node_modules/.package-lock.json
	npx eslint -c eslint.style.config.js .

test: lint format-check test-ts test-py test-node22

# Determinism across Node releases (DESIGN.md §4): the determinism, golden and asset tests again
# on Node 22, from the npm registry's per-platform Node package (no other download), and the
# flagship compiled by both Nodes must be byte-identical. The package is cached in build/node22.
NODE22_VERSION := 22.23.5
NODE22_PKG := node-$(shell node -p 'process.platform + "-" + process.arch')
NODE22 := build/node22/node_modules/$(NODE22_PKG)/bin/node

$(NODE22):
	npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error --prefix build/node22 $(NODE22_PKG)@$(NODE22_VERSION)

test-node22: dist/.built $(NODE22)
	$(NODE22) --import tsx --test $$(ls test/determinism.test.ts test/golden.test.ts test/assets/*.test.ts)
	rm -rf build/node-versions
	node bin/smpipe.js compile $(SPEC) --vars $(VARS) --out build/node-versions/node20 2>/dev/null
	$(NODE22) bin/smpipe.js compile $(SPEC) --vars $(VARS) --out build/node-versions/node22 2>/dev/null
	diff -r build/node-versions/node20 build/node-versions/node22 && echo "node $$(node --version) and $$($(NODE22) --version): identical output"

golden: dist/.built
	UPDATE_GOLDEN=1 node --import tsx --test $$(find test -name '*.test.ts' | sort)

schema: node_modules/.package-lock.json
	npx tsx scripts/gen-spec-schema.ts
	npx tsx -e "import('./src/render/precompiled.ts').then((m) => m.writePrecompiledTemplates())"
	npx tsx scripts/gen-readme.ts
	npx tsx scripts/gen-api-shapes.ts
	npx tsx scripts/gen-definition-schema.ts

# The labeling bridge's Lambdas, one esbuild bundle; smpipe labeling deploy uploads it.
bridge: build/labeling-bridge/index.mjs

build/labeling-bridge/index.mjs: node_modules/.package-lock.json $(BRIDGE_SOURCES)
	npx tsc -p containers/labeling-bridge/tsconfig.json
	node containers/labeling-bridge/build.mjs $@

# BASELINE=DIR: another built checkout (say the commit before a change), measured in the same run.
bench: dist/.built
	$(if $(BASELINE),BENCH_BASELINE=$(BASELINE)) node --import tsx bench/compile.bench.ts

# Deploy (src/deploy): the only targets that talk to AWS. `plan` exits 2 when there are changes.
plan: dist/.built
	@node bin/smpipe.js plan $(SPEC) --vars $(VARS) $(AWS_ARGS) || [ $$? -eq 2 ]

upsert: dist/.built
	node bin/smpipe.js upsert $(SPEC) --vars $(VARS) $(AWS_ARGS)

start: dist/.built
	node bin/smpipe.js start $(SPEC) --vars $(VARS) $(foreach p,$(PARAMS),--param $(p)) $(if $(WAIT),--wait) $(AWS_ARGS)

demo: dist/.built
	node bin/smpipe.js compile $(SPEC) --vars pipeline-specs/vars/example.yaml
	node --import tsx test/deploy/demo.ts

# smpipe run on this machine, nothing from AWS or the Hugging Face Hub: the tabular example, then
# the flagship with a tiny Llama built on the fly and simulated labelers (RUN_ARGS adds flags, e.g.
# RUN_ARGS="--from TrainDPO"). Jobs use LOCAL_PYTHON's packages; see README, "Run it locally".
run-local: dist/.built .venv/.installed
	HF_HUB_OFFLINE=1 node bin/smpipe.js run pipeline-specs/tabular-churn.yaml --python $(LOCAL_PYTHON)
	$(LOCAL_PYTHON) scripts/build-tiny-llama.py $(TINY_LLAMA)
	HF_HUB_OFFLINE=1 node bin/smpipe.js run $(SPEC) --vars pipeline-specs/vars/local.yaml --set baseModelId=$(CURDIR)/$(TINY_LLAMA) \
	  --python $(LOCAL_PYTHON) $(LOCAL_PARAMS) --simulate-labels $(RUN_ARGS)

clean:
	rm -rf build dist .venv
