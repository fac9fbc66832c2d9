// The prelude: composite operations written in the language itself, so that every later pass
// (fusion above all) sees through them. Every .tm file can call these; a fn of the same name in
// the file takes precedence.

fn relu(x) = max(x, 0);

fn silu(x) = x * sigmoid(x);

// The exact GELU, 0.5 x (1 + erf(x / sqrt 2)), as PyTorch's gelu(approximate='none').
fn gelu(x) = 0.5 * x * (1 + erf(x * 0.7071067811865476));

// The tanh approximation, as PyTorch's gelu(approximate='tanh').
fn gelu_tanh(x) = 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));

// Subtracting the maximum keeps exp finite for any input; it cancels in the quotient.
fn softmax(x, axis = -1) {
  let e = exp(x - max(x, axis = axis, keepdims = true));
  return e / sum(e, axis = axis, keepdims = true);
}

fn logsumexp(x, axis = -1, keepdims = false) {
  let m = max(x, axis = axis, keepdims = true);
  let s = log(sum(exp(x - m), axis = axis, keepdims = true)) + m;
  return sum(s, axis = axis, keepdims = keepdims);
}

fn log_softmax(x, axis = -1) {
  let shifted = x - max(x, axis = axis, keepdims = true);
  return shifted - log(sum(exp(shifted), axis = axis, keepdims = true));
}

fn layer_norm(x, w, b, eps = 1e-5) {
  let mu = mean(x, axis = -1, keepdims = true);
  let centered = x - mu;
  let variance = mean(centered * centered, axis = -1, keepdims = true);
  return centered * rsqrt(variance + eps) * w + b;
}

fn rms_norm(x, w, eps = 1e-6) {
  let ms = mean(x * x, axis = -1, keepdims = true);
  return x * rsqrt(ms + eps) * w;
}
