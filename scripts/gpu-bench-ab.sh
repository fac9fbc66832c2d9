#!/bin/bash
# One GPU call that checks and times: gpu-bench.sh (Target.CUDA against PyTorch, the table), then
# GpuBench alone on the variants gpu-prepare.sh printed: each option set of VARIANTS (separated by
# ';', default: no library steps, i.e. matmuls as generated kernels with their epilogue fused; and
# library steps on their generated kernels), each tiling of TILES (see GpuBench.tiles()),
# Target.CUDA again for the spread; then gpu-check.sh, and again without cuBLASLt and cuDNN (the
# fallback kernels).
# Usage: TILES="R,C,D,FR,FC,ER,AP,BP,P ..." bash gpu-bench-ab.sh [PREPARED_DIR]   (prepared with the
# same tilings in TMC_BENCH_TILES). Tables, CSV and the check's log land in $OUT (or /tmp/out).
dir=$(realpath "${1:-$(dirname "$0")}")
out=${OUT:-/tmp/out}
mkdir -p "$out" /tmp/ab-logs
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
bash "$dir/gpu-bench.sh" "$dir" /tmp/bench > "$out/bench.log" 2>&1; echo "bench rc=$?"
cp /tmp/bench/tmc.csv "$out/tmc.csv"; cp /tmp/bench/gpu-benchmarks.md "$out/table.md"
bench() { /tmp/tmc-jre/bin/java -Xmx48g "$@" -cp "$dir/lib/*" dev.tmc.tests.GpuBench "$dir/cu" "/tmp/b$RANDOM"; }
IFS=';' read -ra variants <<< "${VARIANTS:--Dtmc.bench.library=false;-Dtmc.cuda.cublaslt=false}"
for v in "${variants[@]}"; do
    name=$(echo "$v" | tr -c 'A-Za-z0-9=\n' '_'); read -ra opts <<< "$v"
    bench "${opts[@]}" > "/tmp/ab-logs/variant_$name.log" 2>&1; echo "variant $v rc=$?"
done
for t in ${TILES:-}; do bench -Dtmc.bench.tiles="$t" > "/tmp/ab-logs/tiles_${t//,/_}.log" 2>&1; echo "tiles $t rc=$?"; done
bench > /tmp/ab-logs/again.log 2>&1; echo "again rc=$?"
timeout 240 bash "$dir/gpu-check.sh" "$dir" 300 > "$out/check.log" 2>&1; echo "check rc=$?"
tail -4 "$out/check.log"
TMC_JAVA_OPTS="-Dtmc.cuda.cublaslt=false -Dtmc.cuda.cudnn=false" timeout 240 bash "$dir/gpu-check.sh" "$dir" 300 \
    > "$out/check-fallback.log" 2>&1
echo "check without cuBLASLt and cuDNN rc=$?"; tail -3 "$out/check-fallback.log"
echo "== table"; grep -E "matmul|attention|Device" "$out/table.md"
for f in /tmp/ab-logs/variant_*.log /tmp/ab-logs/tiles_*.log /tmp/ab-logs/again.log; do
    [ -f "$f" ] && { echo "== $(basename "$f")"; grep -E "matmul|attention|rror" "$f" | cut -c1-150; }
done
cp /tmp/ab-logs/*.log "$out/" 2>/dev/null || true
