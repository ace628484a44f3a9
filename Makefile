# channelshift: the two commands a user needs are `make report` and `make test`.
SWIFT      ?= swift
BIN        := .build/release/channelshift
SAMPLE     := data/sample-contacts.csv
SAMPLE_ROWS ?= 230000
SEED       ?= 42
AS_OF      ?= 2022-12-15
NOTEBOOKS  := $(sort $(wildcard Models/*.md))
# Three years with seasons, bank holidays, growth and known go-live effects: the outturn paper's data.
HISTORY    := data/sample-history.csv
HISTORY_ROWS ?= 1650000
HISTORY_OPTS := --start 2021-04-01 --end 2024-03-31 --seasonal --nation england-and-wales --growth 2% --go-live 2023-04-01 \
  --effect "Missed Collection:phone:-15%" --effect "Missed Collection:web_form:+40%" --effect "Bulky Waste Collection:phone:-8%"
export SOURCE_DATE_EPOCH ?= 1671062400

.PHONY: all build test report sample check-reports check-scale check-html check-docx paper-tools bench bench-forecast bench-large fuzz clean

all: build

build:
	$(SWIFT) build -c release --product channelshift

# The suite, then the committed sample reports regenerated and compared byte for byte (check-reports), then
# docs/scale.md's DuckDB SQL against cube (check-scale).
test:
	$(SWIFT) test
	$(MAKE) check-reports
	$(MAKE) check-scale

$(SAMPLE): | build
	@mkdir -p data
	$(BIN) sample --rows $(SAMPLE_ROWS) --seed $(SEED) --taxonomy Models/wrap-codes.csv --out $@

$(HISTORY): | build
	@mkdir -p data
	$(BIN) sample --quiet --rows $(HISTORY_ROWS) --seed $(SEED) --taxonomy Models/wrap-codes.csv $(HISTORY_OPTS) --out $@

sample: build $(SAMPLE) $(HISTORY)

# Renders the data-quality profile and every notebook in Models/ into Reports/, as Markdown, HTML and Word.
report: build $(SAMPLE) $(HISTORY)
	@mkdir -p Reports
	$(BIN) profile --quiet --taxonomy Models/wrap-codes.csv --out Reports/sample-profile.md $(SAMPLE)
	@for nb in $(NOTEBOOKS); do \
	  name=$$(basename $$nb .md); \
	  echo "render $$nb -> Reports/$$name.md, .html, .docx"; \
	  $(BIN) render --quiet $$nb --format md,html,docx --out Reports/$$name.md || exit 1; \
	done

# Regenerates the sample reports and fails if any differs from what is committed.
check-reports: report
	@git diff --exit-code --stat -- Reports/ && test -z "$$(git status --porcelain -- Reports/)" \
	  || { echo "Reports/ differ from the committed ones: review with 'git diff Reports/'"; exit 1; }

# Tools that check the papers as a reader meets them: a Python venv (selenium, axe-core, python-docx) and
# Debian's chromium, chromedriver, LibreOffice Writer and poppler. Installed on first use.
VENV ?= .build-venv
$(VENV)/.ready:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet selenium axe-selenium-python python-docx
	touch $@

paper-tools: $(VENV)/.ready
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
	  || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	       chromium chromium-driver libreoffice-writer poppler-utils fonts-dejavu-core; }

# DuckDB (pinned as in ../shared/bench) for check-scale, in a venv of its own: the paper tests take .build-venv
# as the sign that selenium and python-docx are installed. Installed on first use.
SCALE_VENV ?= .build/scale-venv
$(SCALE_VENV)/.ready:
	python3 -m venv $(SCALE_VENV)
	$(SCALE_VENV)/bin/pip install --quiet --disable-pip-version-check duckdb==2.0.0
	touch $@

# docs/scale.md's DuckDB SQL on normalise's output equals cube on the export, byte for byte (50,000 rows).
check-scale: build $(SCALE_VENV)/.ready
	bash Tests/scale-check/check-scale.sh $(SCALE_VENV)/bin/python

# axe-core on every HTML paper in headless Chromium: fails on any violation; screenshots in .build/check-html/.
check-html: report paper-tools
	$(VENV)/bin/python Tests/paper-checks/check-html.py --screenshots .build/check-html Reports/*.html

# python-docx opens every Word paper; LibreOffice turns it into PDF and pdftoppm into pages in .build/check-docx/.
check-docx: report paper-tools
	$(VENV)/bin/python Tests/paper-checks/check-docx.py --pages .build/check-docx Reports/*.docx

bench: build
	bash Benchmarks/run.sh
	bash Benchmarks/forecast.sh

bench-forecast: build
	bash Benchmarks/forecast.sh

# 100 million rows (LARGE_ROWS) through cube --query ab (in memory and within --memory LARGE_MEMORY) and avoidable,
# with peak RSS; not part of make test (an hour and ~11 GB of disk at 100M). See Benchmarks/RESULTS.md.
bench-large: build
	bash Benchmarks/large.sh

fuzz:
	bash Tests/Fuzz/run.sh

# One target alone, e.g. hostile assumption values through the analyses: make fuzz-AssumptionValues
fuzz-%:
	bash Tests/Fuzz/run.sh $*

clean:
	rm -rf .build data/sample-contacts.csv $(HISTORY)
