#!/bin/bash
# Runs on the GPU machine, from the folder scripts/gpu-prepare.sh filled: GpuBench (tmc on
# CudaDevice: timings, and inputs/outputs at a small size for the check), then gpu_bench.py
# (the check against float64 PyTorch, PyTorch eager and torch.compile timings, the ceilings, the
# table). Usage: scripts/gpu-bench.sh [PREPARED_DIR] [OUT_DIR]
set -euo pipefail
dir=$(realpath "${1:-.devcarry/tmc}")
out=$(realpath -m "${2:-/tmp/tmc-bench}")
mkdir -p "$out"
[ -x /tmp/tmc-jre/bin/java ] || tar -C /tmp -xzf "$dir/jre.tar.gz"
/tmp/tmc-jre/bin/java -Xmx48g -cp "$dir/lib/*" dev.tmc.tests.GpuBench "$dir/cu" "$out"
PYTHONUNBUFFERED=1 python3 "$dir/gpu_bench.py" "$out" "$out/gpu-benchmarks.md"
