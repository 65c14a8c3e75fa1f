# resconv: build, run on the seed, test, lint.
#
#   make          build bin/resconv
#   make run      build, then convert the seed resolution
#   make test     run the tests (cgo needs libxml2-dev and pkg-config)

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)
BIN     := bin/resconv
SEED    := testdata/A_RES_70_237.ods.txt
OUT     := out/A_RES_70_237.akn.xml

.PHONY: build run test bench lint install clean

build:
	go build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/resconv

run: build
	./$(BIN) convert --to akn $(SEED) -o $(OUT)
	@echo "wrote $(OUT)"

# With cgo the schema package links libxml2: say so instead of letting
# the compiler fail on a missing header.
test:
	@if [ "$$(go env CGO_ENABLED)" = 1 ] && ! pkg-config --exists libxml-2.0 2>/dev/null; then \
		echo "make test: libxml2 not found by pkg-config: install libxml2-dev and pkg-config" >&2; \
		echo "  (Debian/Ubuntu: apt-get install libxml2-dev pkg-config; or run .ci/run as root)," >&2; \
		echo "  or test without cgo: CGO_ENABLED=0 make test (uses xmllint from libxml2-utils)" >&2; \
		exit 1; \
	fi
	go test ./...
	@# the schema package again without cgo: its xmllint fallback (skips without xmllint)
	CGO_ENABLED=0 go test ./schema/

# bench: the converter's benchmarks (documents and MB per second on the
# development set, one or two workers; 50 KB, 500 KB and 5 MB documents;
# the JSON writer; an XSD and a JSON Schema validation),
# then batches of BENCH_N documents (at least; copies of the development
# set) through bin/resconv: documents/s, MB/s and peak memory, and the
# start-up of a one-file conversion. BENCH_N=30000 make bench for 30,000.
# BENCH_DEST=/dev/shm writes the outputs to memory, to leave the disk out.
BENCH_N ?= 3000
BENCH_DEST ?=
bench: build
	go test -run '^$$' -bench . -benchmem ./convert/ ./convert/jsondoc/ ./schema/
	go run ./internal/bench -bin $(BIN) -n $(BENCH_N) $(if $(BENCH_DEST),-dest $(BENCH_DEST))

lint:
	@files="$$(gofmt -l .)"; if [ -n "$$files" ]; then \
		echo "gofmt would change these files (run gofmt -w):" >&2; echo "$$files" >&2; exit 1; \
	fi
	go vet ./...

install:
	go install -ldflags "$(LDFLAGS)" ./cmd/resconv

clean:
	rm -rf bin out
