// A pre-norm decoder block for one sequence: multi-head causal self-attention and a SwiGLU MLP.
// Per-head weights ([H, D, K]) let plain batched matmuls do the head split and merge.
package dev.tmc.examples.transformer;

precision balanced;

pipeline Attention(
    x: f16[T, D],
    wq: f16[H, D, K], wk: f16[H, D, K], wv: f16[H, D, K], wo: f16[H, K, D]) -> f16[T, D] {
  let q = x @ wq;                                   // [H, T, K]
  let k = x @ wk;
  let v = x @ wv;
  let scores = (q @ transpose(k, 0, 2, 1)) * rsqrt(K);
  let causal = reshape(arange(T), T, 1) >= arange(T);   // row t sees columns <= t
  let p = softmax(where(causal, scores, -inf), axis = -1);
  return sum((p @ v) @ wo, axis = 0);              // merge heads: [H, T, D] -> [T, D]
}

pipeline SwiGlu(x: f16[T, D], w_gate: f16[D, F], w_up: f16[D, F], w_down: f16[F, D]) -> f16[T, D] {
  return (silu(x @ w_gate) * (x @ w_up)) @ w_down;
}

pipeline TransformerBlock(
    x: f16[T, D],
    attn_norm: f16[D], wq: f16[H, D, K], wk: f16[H, D, K], wv: f16[H, D, K], wo: f16[H, K, D],
    mlp_norm: f16[D], w_gate: f16[D, F], w_up: f16[D, F], w_down: f16[F, D]) -> f16[T, D] {
  let h = rms_norm(x, attn_norm, eps = 1e-5);
  let q = h @ wq;
  let k = h @ wk;
  let v = h @ wv;
  let scores = (q @ transpose(k, 0, 2, 1)) * rsqrt(K);
  let causal = reshape(arange(T), T, 1) >= arange(T);
  let attn = softmax(where(causal, scores, -inf));
  let x1 = x + sum((attn @ v) @ wo, axis = 0);
  let h2 = rms_norm(x1, mlp_norm, eps = 1e-5);
  let mlp = (silu(h2 @ w_gate) * (h2 @ w_up)) @ w_down;
  return x1 + mlp;
}
