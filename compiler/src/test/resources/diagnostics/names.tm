// Names: unknown and duplicate names, and names the language reserves.

// case: unknown name with a suggestion
pipeline P(x: f32[N]) -> f32[N] {
  let total = x * 2;
  return totl;  // expect-error:10: unknown name 'totl'; did you mean 'total'?
}

// case: unknown name without a suggestion
pipeline P(x: f32[N]) -> f32[N] {
  return x + learning_rate;  // expect-error:14: unknown name 'learning_rate'
}

// case: unknown function with a suggestion
pipeline P(x: f32[N]) -> f32[N] {
  return exq(x);  // expect-error:10: unknown function 'exq'; did you mean 'exp'?
}

// case: unknown function without a suggestion
pipeline P(x: f32[N]) -> f32[N] {
  return frobnicate(x);  // expect-error:10: unknown function 'frobnicate'
}

// case: unknown dim in an output type
pipeline P(x: f32[N]) -> f32[M] {  // expect-error:30: unknown dim 'M'; an output's dims must appear in the parameters
  return x;
}

// case: duplicate let
pipeline P(x: f32[N]) -> f32[N] {
  let y = x;
  let y = x * 2;  // expect-error:7: 'y' is already defined
  return y;
}

// case: let redefining a parameter
pipeline P(x: f32[N]) -> f32[N] {
  let x = 1.0;  // expect-error:7: 'x' is already defined
  return x;
}

// case: duplicate parameter
pipeline P(x: f32[N], x: f32[N]) -> f32[N] {  // expect-error:23: 'x' is already defined
  return x;
}

// case: duplicate output name
pipeline P(x: f32[N]) -> (a: f32[N], a: f32[N]) {  // expect-error:38: 'a' is already defined
  return (x, x);
}

// case: duplicate pipeline
pipeline P(x: f32[N]) -> f32[N] { return x; }
pipeline P(x: f32[N]) -> f32[N] { return x; }  // expect-error:10: 'P' is already defined

// case: fn and pipeline of the same name
fn P(x) = x;
pipeline P(x: f32[N]) -> f32[N] { return x; }  // expect-error:10: 'P' is already defined

// case: let shadowing a dim
pipeline P(x: f32[N]) -> f32[N] {
  let N = 3;  // expect-error:7: 'N' is a dimension of this pipeline
  return x;
}

// case: fn hiding a builtin
fn exp(x) = x;  // expect-error:4: fn 'exp' would hide the builtin of that name
pipeline P(x: f32[N]) -> f32[N] { return exp(x); }

// case: recursive fn
fn f(x) = 1 + f(x);  // expect-error:15: fn 'f' calls itself; fns are inlined, so they cannot be recursive
pipeline P(x: f32[N]) -> f32[N] { return f(x); }

// case: mutually recursive fns
fn ping(x) = pong(x);
fn pong(x) = ping(x);  // expect-error:14: fn 'ping' calls itself
pipeline P(x: f32[N]) -> f32[N] { return ping(x); }

// case: pipeline named like a Java keyword
pipeline class(x: f32[N]) -> f32[N] {  // expect-error:10: pipeline 'class' cannot be a Java class name
  return x;
}

// case: unknown keyword argument with a suggestion
pipeline P(x: f32[N]) -> f32[N] {
  return softmax(x, axs = 0);  // expect-error:21: softmax has no parameter 'axs'; did you mean 'axis'?
}

// case: keyword argument a builtin does not take
pipeline P(x: f32[N]) -> f32[N] {
  return exp(x, axis = 0);  // expect-error:17: exp has no parameter 'axis'
}

// case: argument given twice
pipeline P(x: f32[N, D]) -> f32[N] {
  return sum(x, axis = 1, axis = 1);  // expect-error:27: argument 'axis' of sum is given twice
}

// case: positional argument after a keyword argument
pipeline P(x: f32[N], w: f32[N], b: f32[N]) -> f32[N] {
  return layer_norm(x, w, eps = 0.1, b);  // expect-error:38: positional argument after a keyword argument
}

// case: too many positional arguments
pipeline P(x: f32[N]) -> f32[N] {
  return exp(x, x);  // expect-error:17: exp takes at most 1 positional argument
}

// case: missing argument
pipeline P(x: f32[N], w: f32[N]) -> f32[N] {
  return layer_norm(x, w);  // expect-error:10: layer_norm is missing its argument 'b'
}
