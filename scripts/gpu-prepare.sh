#!/bin/bash
# Builds everything the GPU machine needs into one folder (default .devcarry/tmc), so that the
# machine needs neither a JDK nor a compiler: a jlinked Java runtime (tarball), the jars and test
# classes (GpuCheck, GpuBench), the example .tm files, and the kernels of the check printed as .cu
# and compiled to fatbins by nvcc here. Usage: scripts/gpu-prepare.sh [OUT_DIR] [RANDOM_PROGRAMS]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$repo/.devcarry/tmc}")
count=${2:-300}
jdk=${TMC_JLINK_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
nvcc=$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)
[ -x "$nvcc" ] || { echo "gpu-prepare: nvcc not found (PATH, /usr/local/cuda/bin)"; exit 1; }

cd "$repo"
mvn -B -o -q -pl tests -am package -DskipTests

rm -rf "$out" && mkdir -p "$out/lib" "$out/work" "$out/examples/src/main/tm" "$out/cu"
for m in grammar runtime compiler codegen-metal codegen-java codegen-cuda runtime-cuda; do
    cp "$m"/target/tmc-"$m"-0.1.0-SNAPSHOT.jar "$out/lib/"
done
cp compiler/target/tmc-compiler-0.1.0-SNAPSHOT-tests.jar "$out/lib/"
cp ~/.m2/repository/org/antlr/antlr4-runtime/4.13.2/antlr4-runtime-4.13.2.jar "$out/lib/"
cp ~/.m2/repository/com/palantir/javapoet/javapoet/0.22.0/javapoet-0.22.0.jar "$out/lib/"
cp ~/.m2/repository/org/bytedeco/javacpp/1.5.14/javacpp-1.5.14.jar "$out/lib/"
(cd tests/target/test-classes && jar cf "$out/lib/tmc-tests-classes.jar" .)
cp examples/src/main/tm/*.tm "$out/examples/src/main/tm/"
cp scripts/gpu_bench.py scripts/gpu-check.sh scripts/gpu-bench.sh scripts/gpu-bench-ab.sh scripts/gpu-bench-mem.sh "$out/"

if [ ! -f "$out/jre.tar.gz" ]; then
    rm -rf /tmp/tmc-jre && "$jdk/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported \
        --strip-debug --no-header-files --no-man-pages --compress=2 --output /tmp/tmc-jre
    tar -C /tmp -czf "$out/jre.tar.gz" tmc-jre
fi

# The examples as a user builds them: `tmc compile --target cpu,cuda` (classes, manifests, .cu and
# the .fatbin nvcc builds), then javac; GpuPackagedCheck loads these classes on CudaDevice.
rm -rf "$out/packaged"
"$jdk/bin/java" -jar cli/target/tmc.jar compile examples/src/main/tm/*.tm -d "$out/packaged" --target cpu,cuda
"$jdk/bin/javac" --release 17 -nowarn -cp "$out/lib/tmc-runtime-0.1.0-SNAPSHOT.jar" -d "$out/packaged/classes" \
    $(find "$out/packaged/java" -name '*.java')
"$jdk/bin/jar" cf "$out/lib/tmc-examples-packaged.jar" -C "$out/packaged/classes" . -C "$out/packaged/resources" .
rm -rf "$out/packaged"

# The kernels of the check (one .cu per example and per 50 seeds) and of the benchmark, for sm_90.
(cd "$out/work" && "$jdk/bin/java" -cp "$out/lib/*" dev.tmc.tests.GpuCheck emit "$out/cu" 1 "$count")
"$jdk/bin/java" -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
if [ "${TMC_PREPARE_AB:-1}" != 0 ]; then # TMC_PREPARE_AB=0: none of the fixed A/B variants below (less nvcc time)
"$jdk/bin/java" -Dtmc.bench.tensorCores=false -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
# gpu-bench-ab.sh's variants: the 32x32 tiles CUDA had before, and any tilings in TMC_BENCH_TILES,
"$jdk/bin/java" -Dtmc.bench.smallTiles=true -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
# ... and Target.CUDA with each 8x8 product in its own m16n8k8 (before matrixRowPairs),
"$jdk/bin/java" -Dtmc.bench.rowPairs=false -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
# ... and without library steps (every matmul a generated kernel with its epilogue fused).
"$jdk/bin/java" -Dtmc.bench.library=false -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
# gpu-bench-mem.sh's variants: no vector accesses nor row registers (before them), and vectors only.
"$jdk/bin/java" -Dtmc.bench.vectorBytes=0 -Dtmc.bench.rowRegisters=0 -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
"$jdk/bin/java" -Dtmc.bench.rowRegisters=0 -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
fi
# ... and each variant of TMC_BENCH_VARIANTS ("name=value:name=value ..." of GpuBench's tmc.bench.*
# properties, e.g. "rowThreads=128:rowRegisters=8"), for gpu-bench-mem.sh's VARIANTS.
for v in ${TMC_BENCH_VARIANTS:-}; do
    "$jdk/bin/java" $(echo "$v" | tr ':' '\n' | sed 's/^/-Dtmc.bench./') -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
done
# ... and attention as three steps (two library matmuls around a softmax) instead of one fused kernel.
if [ "${TMC_PREPARE_AB:-1}" != 0 ]; then
"$jdk/bin/java" -Dtmc.bench.attention=false -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
# ... and the fused attention with 128 query rows a block (8 warps) instead of Target.CUDA's 64.
"$jdk/bin/java" -Dtmc.bench.attentionRows=128 -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
# ... and with no blocks-per-multiprocessor hint (Target.CUDA asks ptxas to fit 3).
"$jdk/bin/java" -Dtmc.bench.attentionPerCore=0 -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
fi
for t in ${TMC_BENCH_TILES:-}; do
    "$jdk/bin/java" -Dtmc.bench.tiles="$t" -cp "$out/lib/*" dev.tmc.tests.GpuBench emit "$out/cu"
done
flags="-std=c++17 -fmad=false -Werror all-warnings -diag-suppress 39 -gencode arch=compute_90,code=sm_90"
ls "$out"/cu/*.cu | xargs -P 2 -I{} sh -c "$nvcc $flags -fatbin {} -o \$(echo {} | sed 's/\\.cu\$/.fatbin/')"
# Flag variants of the benchmark's own kernels (GpuBench -Dtmc.bench.fatbin=SUFFIX loads bench + SUFFIX):
# contraction into fused multiply-adds allowed (measured no faster: docs/gpu-benchmarks.md, third round).
$nvcc ${flags/-fmad=false/-fmad=true} -fatbin "$out/cu/bench.cu" -o "$out/cu/bench_fmad.fatbin"
# erf as a rational fit instead of erff (the fourth round's variant; tmc_prelude.cuh, TMC_ERF_RATIONAL).
$nvcc $flags -DTMC_ERF_RATIONAL -fatbin "$out/cu/bench.cu" -o "$out/cu/bench_erfrat.fatbin"
$nvcc $flags -DTMC_ERF_RATIONAL -DTMC_ERF_RCP -fatbin "$out/cu/bench.cu" -o "$out/cu/bench_erfrcp.fatbin"
$nvcc -O2 -arch=sm_90 scripts/minmax_check.cu -o "$out/minmax_check"
du -sh "$out"
