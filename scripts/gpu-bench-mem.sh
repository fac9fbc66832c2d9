#!/bin/bash
# One GPU call for the memory-bound kernels: gpu-bench.sh (Target.CUDA against PyTorch, the table),
# then GpuBench on the memory-bound cases alone for Target.CUDA without vector accesses and row
# registers (the baseline), with vectors only, each variant of VARIANTS ("name=value:..." of
# GpuBench's tmc.bench.* properties), and Target.CUDA again (the spread), then gpu-check.sh.
# Usage: VARIANTS="rowStashRegisters=8 ..." bash gpu-bench-mem.sh [PREPARED_DIR]  (prepared by
# gpu-prepare.sh with the same TMC_BENCH_VARIANTS). CASES=a,b limits the cases; CHECK_PROGRAMS=N the check (as prepared). Logs land in $OUT.
dir=$(realpath "${1:-$(dirname "$0")}")
out=${OUT:-/tmp/out}
mkdir -p "$out"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
if [ -z "${NO_TABLE:-}" ]; then # NO_TABLE=1: tmc's side only, no PyTorch table (an exploring call)
    bash "$dir/gpu-bench.sh" "$dir" /tmp/bench > "$out/bench.log" 2>&1; echo "bench rc=$?"
    cp /tmp/bench/tmc.csv "$out/tmc.csv"; cp /tmp/bench/gpu-benchmarks.md "$out/table.md"
else
    tar -C /tmp -xzf "$dir/jre.tar.gz"; touch "$out/table.md"
fi
bench() { /tmp/tmc-jre/bin/java -Xmx48g -Dtmc.bench.cases=${CASES:-gelu_bias,rms_norm,layer_norm,softmax,chain10} "$@" -cp "$dir/lib/*" dev.tmc.tests.GpuBench "$dir/cu" "/tmp/b$RANDOM"; }
old="before vectors" # NO_OLD=1: skip the first round's baselines (no vectors nor row registers; vectors only)
if [ -z "${NO_OLD:-}" ]; then
    bench -Dtmc.bench.vectorBytes=0 -Dtmc.bench.rowRegisters=0 > "$out/before.log" 2>&1; echo "before rc=$?"
    bench -Dtmc.bench.rowRegisters=0 > "$out/vectors.log" 2>&1; echo "vectors rc=$?"
else
    old=""
fi
for v in ${VARIANTS:-}; do
    bench $(echo "$v" | tr ':' '\n' | sed 's/^/-Dtmc.bench./') > "$out/variant_${v//[:=]/_}.log" 2>&1
    echo "variant $v rc=$?"
done
bench > "$out/again.log" 2>&1; echo "again rc=$?"
timeout 240 bash "$dir/gpu-check.sh" "$dir" "${CHECK_PROGRAMS:-300}" > "$out/check.log" 2>&1; echo "check rc=$?"
tail -4 "$out/check.log"
echo "== table"; grep -E "^\| (gelu|rms|layer|softmax|chain10)|Device" "$out/table.md"
for f in $old $(for v in ${VARIANTS:-}; do echo "variant_${v//[:=]/_}"; done) again; do
    echo "== $f"; grep -E "^(gelu|rms|layer|softmax|chain10)|rror" "$out/$f.log" | cut -d, -f1,4,5
done
