#!/usr/bin/env bash
# Builds a libFuzzer target with -sanitize=fuzzer,address and runs it for a fixed budget.
#
#   scripts/fuzz.sh TARGET [SECONDS]      TARGET: a folder of Fuzz/ (HTMLParser, …); default 60 s
#
# The target's Swift sources are compiled together with the modules it names in Fuzz/TARGET/modules
# (one module name per line) into one binary in .build-fuzz/. It starts from the committed seed
# corpus Fuzz/TARGET/corpus; new inputs it finds go to .build-fuzz/TARGET-corpus (not committed),
# crashes to .build-fuzz/TARGET-artifacts/. Exit status is non-zero when a crash, leak or timeout
# (any single input taking more than 10 s) was found.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
dir=Fuzz/$target
[ -d "$dir" ] || { echo "no fuzz target $dir" >&2; exit 2; }
out=.build-fuzz
mkdir -p "$out/$target-corpus" "$out/$target-artifacts"
sources=("$dir"/*.swift)
while read -r module; do
    [ -n "$module" ] && sources+=($(find "Sources/$module" -name '*.swift' | sort))
done < "$dir/modules"
echo "building $target from ${#sources[@]} files…"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "${target}Fuzz" \
    "${sources[@]}" -o "$out/$target"
echo "fuzzing $target for $seconds s…"
"$out/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$out/$target-artifacts/" "$out/$target-corpus" "$dir/corpus"
