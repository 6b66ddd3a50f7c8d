#!/usr/bin/env bash
# Builds a libFuzzer target with -sanitize=fuzzer,address and runs it for a fixed budget.
#
#   scripts/fuzz.sh TARGET [SECONDS]      TARGET: HTMLParser, Feed or Extraction (folders of Fuzz/); default 60 s
#
# The modules under test are built by SwiftPM with the sanitizers into .build-fuzz/ (its own
# scratch path, so the normal build is untouched); the entry point is then compiled and linked
# against them with FUZZING defined. The run starts from the committed seed corpus
# Fuzz/TARGET/corpus; new inputs go to .build-fuzz/TARGET-corpus (not committed), crashes to
# .build-fuzz/TARGET-artifacts/. The exit status is non-zero when a crash, a leak, or an input
# taking more than 10 s was found. Reproduce a finding with a plain build:
#   swift run HTMLFuzzer .build-fuzz/HTMLParser-artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
case "$target" in
    HTMLParser) modules=(HTML5Parser); entry=Fuzz/HTMLParser/HTMLFuzzer.swift ;;
    Feed) modules=(HTML5Parser NewsCore FeedParsing); entry=Fuzz/Feed/FeedFuzzer.swift ;;
    Extraction) modules=(HTML5Parser NewsCore Extraction Publisher); entry=Fuzz/Extraction/ExtractionFuzzer.swift
        extra_seeds=(Tests/ExtractionTests/Fixtures/pages) ;;  # real pages, kept once in the test fixtures
    *) echo "unknown fuzz target $target (HTMLParser, Feed or Extraction)" >&2; exit 2 ;;
esac
out=.build-fuzz
mkdir -p "$out/$target-corpus" "$out/$target-artifacts"
for module in "${modules[@]}"; do
    swift build -c release --scratch-path "$out/spm" --target "$module" -Xswiftc -sanitize=fuzzer,address
done
built="$out/spm/release"
objects=()
for module in "${modules[@]}"; do objects+=("$built/$module.build"/*.o); done
swiftc -O -sanitize=fuzzer,address -parse-as-library -DFUZZING -module-name "${target}Fuzz" -I "$built/Modules" -I "$built" \
    "$entry" "${objects[@]}" -o "$out/$target"
echo "fuzzing $target for $seconds s…"
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt:print_suppressions=0"
"$out/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$out/$target-artifacts/" "$out/$target-corpus" "Fuzz/$target/corpus" ${extra_seeds[@]+"${extra_seeds[@]}"}
