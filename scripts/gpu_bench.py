"""The PyTorch side of the GPU benchmark (scripts/gpu-bench.sh), run after GpuBench.

Checks tmc's outputs (small sizes, .npy from GpuBench) against a float64 reference computed by
PyTorch from the same inputs, times PyTorch eager and torch.compile on random inputs at the
benchmark sizes (triton.testing.do_bench, median), measures the two ceilings (device-to-device copy
bandwidth, bf16 matmul rate) and writes one markdown table with tmc's numbers.

usage: python3 gpu_bench.py TMC_OUT_DIR TABLE.md
"""
import csv
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
import triton.testing

dev = "cuda"
bf16 = torch.bfloat16


def gelu_bias(x, b):
    return F.gelu(x + b)


def rms_norm(x, w):
    return F.rms_norm(x, (x.shape[-1],), w, 1e-6)


def layer_norm(x, w, b):
    return F.layer_norm(x, (x.shape[-1],), w, b, 1e-5)


def softmax(x):
    return torch.softmax(x, -1)


def chain10(x):
    a = x * 1.5
    b = a + 0.25
    c = b * b
    d = c - 0.5
    e = torch.abs(d)
    f = e + 1.0
    g = torch.sqrt(f)
    h = g * 0.75
    i = -h
    return torch.exp(i)


def matmul_gelu(x, w, b):
    return F.gelu(x @ w + b)


def attention(q, k, v):
    return torch.softmax((q @ k.transpose(-1, -2)) * q.shape[-1] ** -0.5, -1) @ v


# name: (function, parameter names, shapes at the benchmark size, min bytes, FLOPs)
def cases():
    n, d = 16384, 4096
    t = {}
    t["gelu_bias"] = (gelu_bias, ["x", "b"], [(n, d), (d,)], 2 * (2 * n * d + d), 0)
    t["rms_norm"] = (rms_norm, ["x", "w"], [(n, d), (d,)], 2 * (2 * n * d + d), 0)
    t["layer_norm"] = (layer_norm, ["x", "w", "b"], [(n, d), (d,), (d,)], 2 * (2 * n * d + 2 * d), 0)
    t["softmax"] = (softmax, ["x"], [(65536, 1024)], 2 * 2 * 65536 * 1024, 0)
    t["chain10"] = (chain10, ["x"], [(64 << 20,)], 2 * 2 * (64 << 20), 0)
    m, k, nn = 8192, 4096, 11008
    t["matmul_gelu"] = (matmul_gelu, ["x", "w", "b"], [(m, k), (k, nn), (nn,)],
                        2 * (m * k + k * nn + nn + m * nn), 2 * m * k * nn)
    b, h, s, e = 32, 16, 1024, 128
    t["attention"] = (attention, ["q", "k", "v"], [(b, h, s, e)] * 3, 2 * 4 * b * h * s * e, 4 * b * h * s * s * e)
    t["rms_norm_small"] = (rms_norm, ["x", "w"], [(1, 4096), (4096,)], 2 * (2 * 4096 + 4096), 0)
    t["chain10_small"] = (chain10, ["x"], [(4096,)], 2 * 2 * 4096, 0)
    return t


def rel_err(out, ref):
    out = out.double()
    ref = ref.double()
    if torch.isnan(out).any():
        return float("nan")
    return (torch.linalg.vector_norm(out - ref) / torch.linalg.vector_norm(ref)).item()


def check(name, fn, params, check_dir):
    """tmc's output and PyTorch eager bf16, each against float64 on the same inputs."""
    ins = [torch.from_numpy(np.load(os.path.join(check_dir, f"{name}__{p}.npy"))).to(dev) for p in params]
    ref = fn(*[x.double() for x in ins])  # the inputs hold bf16 values exactly
    tmc = torch.from_numpy(np.load(os.path.join(check_dir, f"{name}__out.npy"))).to(dev)
    eager = fn(*[x.to(bf16) for x in ins])
    return rel_err(tmc, ref), rel_err(eager, ref)


def ceilings():
    x = torch.empty(1 << 29, dtype=torch.uint8, device=dev)  # 512 MiB
    y = torch.empty_like(x)
    ms = triton.testing.do_bench(lambda: y.copy_(x), warmup=50, rep=500, return_mode="median")
    bandwidth = 2 * x.numel() / (ms * 1e-3)
    a = torch.randn(8192, 8192, dtype=bf16, device=dev)
    b = torch.randn(8192, 8192, dtype=bf16, device=dev)
    ms = triton.testing.do_bench(lambda: a @ b, warmup=50, rep=500, return_mode="median")
    rate = 2 * 8192 ** 3 / (ms * 1e-3)
    return bandwidth, rate


def host_us_per_call(fn, args, calls=2000):
    torch.cuda.synchronize()
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - t0) * 1e6)
    torch.cuda.synchronize()
    return float(np.median(times))


def main():
    tmc_dir, table_path = sys.argv[1], sys.argv[2]
    tmc = {row["case"]: row for row in csv.DictReader(open(os.path.join(tmc_dir, "tmc.csv")))}
    bandwidth, rate = ceilings()
    gpu = torch.cuda.get_device_name()
    print(f"{gpu}: copy {bandwidth / 1e12:.2f} TB/s (read+write), bf16 matmul {rate / 1e12:.0f} TFLOP/s", flush=True)
    rows = []
    failed = []
    for name, (fn, params, shapes, min_bytes, flops) in cases().items():
        torch.manual_seed(0)
        args = [torch.empty(s, dtype=bf16, device=dev).uniform_(-1, 1) for s in shapes]
        err_tmc, err_eager = check(name, fn, params, os.path.join(tmc_dir, "check"))
        # bf16 outputs: within 1e-2 of float64 (METHOD.md); NaN never passes.
        if not (err_tmc <= 1e-2):
            failed.append(f"{name}: tmc relative error {err_tmc}")
        eager_ms = triton.testing.do_bench(lambda: fn(*args), warmup=25, rep=200, return_mode="median")
        compiled = torch.compile(fn)
        t0 = time.perf_counter()
        compiled(*args)
        torch.cuda.synchronize()
        compile_first_s = time.perf_counter() - t0
        compiled_ms = triton.testing.do_bench(lambda: compiled(*args), warmup=25, rep=200, return_mode="median")
        floor_ms = max(min_bytes / bandwidth, flops / rate) * 1e3
        small = name.endswith("_small")
        eager_host = host_us_per_call(fn, args) if small else None
        compiled_host = host_us_per_call(compiled, args) if small else None
        t = tmc[name]
        tmc_ms = float(t["tmc_ms_median"])
        rows.append((name, t["dims"].replace(";", ","), tmc_ms, eager_ms, compiled_ms, floor_ms, err_tmc, err_eager,
                     float(t["first_call_ms"]), compile_first_s, float(t["host_us_per_call_median"]), eager_host,
                     compiled_host))
        print(rows[-1], flush=True)
        del args, compiled
        torch.cuda.empty_cache()

    def f(x, digits=3):
        return "–" if x is None else f"{x:.{digits}f}"

    lines = [
        f"Device: {gpu}; measured ceilings: device-to-device copy {bandwidth / 1e12:.2f} TB/s (bytes read + written),"
        f" bf16 matmul {rate / 1e12:.0f} TFLOP/s (8192³, random data). Times are medians in ms (CUDA events);"
        " floor = max(min bytes / copy bandwidth, FLOPs / matmul rate).",
        "",
        "| case | dims | tmc ms | eager ms | torch.compile ms | floor ms | tmc / floor | tmc / eager | tmc / compile"
        " | rel. err tmc (eager) vs f64 | tmc first call ms | torch.compile first call s | host µs/call tmc | eager | compile |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (name, dims, tmc_ms, eager_ms, compiled_ms, floor_ms, err_tmc, err_eager, first_ms, compile_s, host_tmc,
         host_eager, host_compiled) in rows:
        lines.append(f"| {name} | {dims} | {f(tmc_ms)} | {f(eager_ms)} | {f(compiled_ms)} | {f(floor_ms)} | "
                     f"{tmc_ms / floor_ms:.1f} | {tmc_ms / eager_ms:.2f} | {tmc_ms / compiled_ms:.2f} | "
                     f"{err_tmc:.1e} ({err_eager:.1e}) | {f(first_ms, 1)} | {f(compile_s, 1)} | {f(host_tmc, 1)} | "
                     f"{f(host_eager, 1)} | {f(host_compiled, 1)} |")
    graphs_csv = os.path.join(tmc_dir, "graphs.csv")
    if os.path.exists(graphs_csv):
        lines += ["", "Several launches a call, tmc only (GpuBench.graphs): host µs per call (median of 2000 after"
                  " 20,000 warm calls) and µs per call on the GPU (events around 1000 calls), launch by launch"
                  " and replayed as one CUDA graph.", "",
                  "| case | dims | CUDA graphs | host µs/call | GPU µs/call | calls replayed |", "|---|---|---|---|---|---|"]
        for g in csv.DictReader(open(graphs_csv)):
            lines.append(f"| {g['case']} | {g['dims'].replace(';', ',')} | {g['graphs']} | "
                         f"{float(g['host_us_per_call_median']):.1f} | {float(g['gpu_us_per_call']):.1f} | {g['replays']} |")
    open(table_path, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    if failed:
        print("CHECK FAILED:", failed)
        sys.exit(1)


if __name__ == "__main__":
    main()
