// Errors inside a prelude fn are reported at the user's call, naming the fn.

// case: softmax over an axis the tensor lacks
pipeline P(x: f32[N]) -> f32[N] {
  return softmax(x, axis = 3);  // expect-error:10: axis 3 is out of range for a tensor of rank 1 (inside fn 'softmax')
}

// case: rms_norm with a weight of the wrong dim
pipeline P(x: f32[N, D], w: f32[N]) -> f32[N, D] {
  return rms_norm(x, w);  // expect-error:10: dims D and N differ at axis -1 (dims with different names are not assumed equal; name them the same if they are) (inside fn 'rms_norm')
}

// case: log_softmax of bool
pipeline P(b: bool[N]) -> f32[N] {
  return log_softmax(b);  // expect-error:10: arithmetic operator - on bool operands; cast them first, e.g. `x as i32` (inside fn 'log_softmax')
}

// case: logsumexp with an integer keepdims
pipeline P(x: f32[N]) -> f32[] {
  return logsumexp(x, keepdims = 1);  // expect-error:10: keepdims must be true or false, found an integer literal (inside fn 'logsumexp')
}

// case: layer_norm of a scalar
pipeline P(x: f32, w: f32[D], b: f32[D]) -> f32[D] {
  return layer_norm(x, w, b);  // expect-error:10: axis -1 is out of range for a tensor of rank 0 (inside fn 'layer_norm')
}

// case: error in a user fn is reported in its body
fn scale(x) = x * factor;  // expect-error:19: unknown name 'factor'
pipeline P(x: f32[N]) -> f32[N] {
  return scale(x);
}

// case: prelude error reached through a user fn
fn normalize(x) = softmax(x, axis = 1);  // expect-error:19: axis 1 is out of range for a tensor of rank 1 (inside fn 'softmax')
pipeline P(x: f32[N]) -> f32[N] {
  return normalize(x);
}
