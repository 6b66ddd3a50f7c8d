#!/usr/bin/env bash
# Builds a libFuzzer target with -sanitize=fuzzer,address and runs it for a fixed budget.
#
#   scripts/fuzz.sh TARGET [SECONDS]      TARGET: HTMLParser or Feed (folders of Fuzz/); default 60 s
#
# The build goes to .build-fuzz/ (its own scratch path, so the normal build is untouched). The run
# starts from the committed seed corpus Fuzz/TARGET/corpus; new inputs it finds go to
# .build-fuzz/TARGET-corpus (not committed), crashes to .build-fuzz/TARGET-artifacts/. The exit
# status is non-zero when a crash, a leak, or an input taking more than 10 s was found. Reproduce a
# finding with a plain build: swift run HTMLFuzzer .build-fuzz/HTMLParser-artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
case "$target" in
    HTMLParser) product=HTMLFuzzer ;;
    Feed) product=FeedFuzzer ;;
    *) echo "unknown fuzz target $target (HTMLParser or Feed)" >&2; exit 2 ;;
esac
out=.build-fuzz
mkdir -p "$out/$target-corpus" "$out/$target-artifacts"
swift build -c release --scratch-path "$out/spm" --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
binary="$out/spm/release/$product"
echo "fuzzing $target for $seconds s…"
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$out/$target-artifacts/" "$out/$target-corpus" "Fuzz/$target/corpus"
