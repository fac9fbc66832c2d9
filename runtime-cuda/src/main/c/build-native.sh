#!/bin/sh
# Builds libtmc_cuda.so (the C bridge and its JNI entry points) with the system C compiler into
# runtime-cuda/target/native/dev/tmc/runtime/cuda/linux-x86_64/, which `mvn package` then puts in
# the runtime-cuda jar. Needs gcc (or $CC) and a JDK's include/ (JAVA_HOME); no CUDA SDK: the
# driver is opened with dlopen at run time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
cc=${CC:-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "tmc: no C compiler ($cc); runtime-cuda ships without its native library (CudaDevice unavailable)"
    exit 0
fi
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
out="$module/target/native/dev/tmc/runtime/cuda/linux-x86_64"
mkdir -p "$out"
"$cc" -std=c11 -O2 -fPIC -shared -Wall -Wextra -Werror -D_GNU_SOURCE \
    -I"$java_home/include" -I"$java_home/include/linux" \
    "$here/tmc_cuda.c" "$here/tmc_cublaslt.c" "$here/tmc_cuda_jni.c" -ldl -pthread -o "$out/libtmc_cuda.so"
echo "tmc: $out/libtmc_cuda.so"
