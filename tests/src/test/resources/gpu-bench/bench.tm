// The pipelines of the GPU benchmark (scripts/gpu-bench.sh, GpuBench); scripts/gpu_bench.py writes
// the same computations in PyTorch.
precision balanced;

pipeline GeluBias(x: bf16[N, D], b: bf16[D]) -> bf16[N, D] {
  return gelu(x + b);
}

pipeline RmsNorm(x: bf16[N, D], w: bf16[D]) -> bf16[N, D] {
  return rms_norm(x, w, eps = 1e-6);
}

pipeline LayerNorm(x: bf16[N, D], w: bf16[D], b: bf16[D]) -> bf16[N, D] {
  return layer_norm(x, w, b, eps = 1e-5);
}

pipeline Softmax(x: bf16[N, D]) -> bf16[N, D] {
  return softmax(x, axis = -1);
}

// Ten elementwise operations.
pipeline Chain10(x: bf16[N]) -> bf16[N] {
  let a = x * 1.5;
  let b = a + 0.25;
  let c = b * b;
  let d = c - 0.5;
  let e = abs(d);
  let f = e + 1.0;
  let g = sqrt(f);
  let h = g * 0.75;
  let i = -h;
  return exp(i);
}

pipeline MatmulGelu(x: bf16[M, K], w: bf16[K, N], b: bf16[N]) -> bf16[M, N] {
  return gelu(x @ w + b);
}

pipeline Attention(q: bf16[B, H, T, E], k: bf16[B, H, T, E], v: bf16[B, H, T, E]) -> bf16[B, H, T, E] {
  return softmax((q @ transpose(k, 0, 1, 3, 2)) * rsqrt(E), axis = -1) @ v;
}

// Several kernels a call (norm, two library matmuls, gelu, the residual): GpuBench's host time with
// and without CUDA graph replay, at one row.
pipeline DecoderMlp(x: bf16[N, D], w: bf16[D], w1: bf16[D, F], w2: bf16[F, D]) -> bf16[N, D] {
  return x + gelu(rms_norm(x, w, eps = 1e-6) @ w1) @ w2;
}
