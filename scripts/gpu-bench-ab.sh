#!/bin/bash
# One GPU call that checks and times: gpu-bench.sh (Target.CUDA against PyTorch, the table), then
# GpuBench alone on the variants gpu-prepare.sh printed (the 32x32 tiles CUDA had before, one
# 8x8 product per m16n8k8 as before Target.matrixRowPairs, each
# tiling of TILES, see GpuBench.tiles()), Target.CUDA again for the spread, then gpu-check.sh.
# Usage: TILES="R,C,D,FR,FC,ER,AP,BP,P ..." bash gpu-bench-ab.sh [PREPARED_DIR]   (prepared with the
# same tilings in TMC_BENCH_TILES). Tables, CSV and the check's log land in $OUT (or /tmp/out).
dir=$(realpath "${1:-$(dirname "$0")}")
out=${OUT:-/tmp/out}
mkdir -p "$out" /tmp/ab-logs
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
bash "$dir/gpu-bench.sh" "$dir" /tmp/bench > "$out/bench.log" 2>&1; echo "bench rc=$?"
cp /tmp/bench/tmc.csv "$out/tmc.csv"; cp /tmp/bench/gpu-benchmarks.md "$out/table.md"
bench() { /tmp/tmc-jre/bin/java -Xmx48g "$@" -cp "$dir/lib/*" dev.tmc.tests.GpuBench "$dir/cu" "/tmp/b$RANDOM"; }
bench -Dtmc.bench.smallTiles=true > /tmp/ab-logs/small.log 2>&1; echo "small rc=$?"
bench -Dtmc.bench.rowPairs=false > /tmp/ab-logs/nopairs.log 2>&1; echo "nopairs rc=$?"
for t in ${TILES:-}; do bench -Dtmc.bench.tiles="$t" > "/tmp/ab-logs/tiles_${t//,/_}.log" 2>&1; echo "tiles $t rc=$?"; done
bench > /tmp/ab-logs/again.log 2>&1; echo "again rc=$?"
timeout 240 bash "$dir/gpu-check.sh" "$dir" 300 > "$out/check.log" 2>&1; echo "check rc=$?"
tail -4 "$out/check.log"
echo "== table"; grep -E "matmul|attention|Device" "$out/table.md"
for f in /tmp/ab-logs/small.log /tmp/ab-logs/nopairs.log /tmp/ab-logs/tiles_*.log /tmp/ab-logs/again.log; do
    [ -f "$f" ] && { echo "== $(basename "$f")"; grep -E "matmul|attention|rror" "$f" | cut -c1-150; }
done
