#!/bin/bash
# Runs on the GPU machine, from the folder scripts/gpu-prepare.sh filled: unpacks the Java runtime
# and runs GpuCheck (examples and random programs on CudaDevice against the reference interpreter),
# with every block of device memory filled with 0xff bytes before use, so unwritten elements show;
# then GpuPackagedCheck: the examples' classes built by `tmc compile --target cpu,cuda` (their
# .fatbin beside them) loaded through their own load(Device) on CudaDevice, against the reference.
# Usage: scripts/gpu-check.sh [PREPARED_DIR] [RANDOM_PROGRAMS]   (exit status 0: all agree)
# TMC_JAVA_OPTS adds JVM options, e.g. -Dtmc.cuda.cublaslt=false to check library steps' kernels.
set -euo pipefail
dir=$(realpath "${1:-.devcarry/tmc}")
count=${2:-300}
[ -x /tmp/tmc-jre/bin/java ] || tar -C /tmp -xzf "$dir/jre.tar.gz"
cd "$dir/work"
/tmp/tmc-jre/bin/java ${TMC_JAVA_OPTS:-} -Dtmc.cuda.poison=true -cp "$dir/lib/*" dev.tmc.tests.GpuCheck run "$dir/cu" 1 "$count"
/tmp/tmc-jre/bin/java ${TMC_JAVA_OPTS:-} -cp "$dir/lib/*" dev.tmc.tests.GpuPackagedCheck
