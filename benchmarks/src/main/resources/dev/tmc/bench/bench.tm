// The pipelines the benchmark harness times (dev.tmc.bench.Bench). Dims are symbolic: the harness
// binds them per size. Each is memory-bound when fused: one read of every input, one write of the
// output.
package dev.tmc.bench.generated;

pipeline GeluBias(x: f32[N, D], b: f32[D]) -> f32[N, D] {
  return gelu(x + b);
}

pipeline RmsNorm(x: f32[N, D], w: f32[D]) -> f32[N, D] {
  return rms_norm(x, w);
}

pipeline LayerNorm(x: f32[N, D], w: f32[D], b: f32[D]) -> f32[N, D] {
  return layer_norm(x, w, b);
}

pipeline Softmax(x: f32[N, D]) -> f32[N, D] {
  return softmax(x);
}

// Ten cheap elementwise ops on one input: a fused kernel reads x once and writes once.
pipeline Chain10(x: f32[N]) -> f32[N] {
  let a = x * 1.5;
  let b = a + 0.25;
  let c = abs(b);
  let d = c - 0.5;
  let e = max(d, 0.125);
  let f = e * e;
  let g = min(f, 4.0);
  let h = sqrt(g);
  let i = h - x;
  return i * 0.75;
}

pipeline GeluBiasF16(x: f16[N, D], b: f16[D]) -> f16[N, D] {
  return gelu(x + b);
}

pipeline RmsNormF16(x: f16[N, D], w: f16[D]) -> f16[N, D] {
  return rms_norm(x, w);
}
