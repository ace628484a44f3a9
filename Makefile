# channelshift: the two commands a user needs are `make report` and `make test`.
SWIFT      ?= swift
BIN        := .build/release/channelshift
SAMPLE     := data/sample-contacts.csv
SAMPLE_ROWS ?= 230000
SEED       ?= 42
AS_OF      ?= 2022-12-15
NOTEBOOKS  := $(sort $(wildcard Models/*.md))
export SOURCE_DATE_EPOCH ?= 1671062400

.PHONY: all build test report sample check-reports bench fuzz clean

all: build

build:
	$(SWIFT) build -c release --product channelshift

# The suite, then the committed sample reports regenerated and compared byte for byte (check-reports).
test:
	$(SWIFT) test
	$(MAKE) check-reports

$(SAMPLE): | build
	@mkdir -p data
	$(BIN) sample --rows $(SAMPLE_ROWS) --seed $(SEED) --taxonomy Models/wrap-codes.csv --out $@

sample: build $(SAMPLE)

# Renders the data-quality profile and every notebook in Models/ into Reports/.
report: build $(SAMPLE)
	@mkdir -p Reports
	$(BIN) profile --quiet --taxonomy Models/wrap-codes.csv --out Reports/sample-profile.md $(SAMPLE)
	@for nb in $(NOTEBOOKS); do \
	  name=$$(basename $$nb .md); \
	  echo "render $$nb -> Reports/$$name.md"; \
	  $(BIN) render --quiet $$nb --out Reports/$$name.md || exit 1; \
	done

# Regenerates the sample reports and fails if any differs from what is committed.
check-reports: report
	@git diff --exit-code --stat -- Reports/ && test -z "$$(git status --porcelain -- Reports/)" \
	  || { echo "Reports/ differ from the committed ones: review with 'git diff Reports/'"; exit 1; }

bench: build
	bash Benchmarks/run.sh

fuzz:
	bash Tests/Fuzz/run.sh

# One target alone, e.g. hostile assumption values through the analyses: make fuzz-AssumptionValues
fuzz-%:
	bash Tests/Fuzz/run.sh $*

clean:
	rm -rf .build data/sample-contacts.csv
