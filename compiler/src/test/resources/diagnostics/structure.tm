// Structure of bodies: returns, statement order, tuples and values that are not tensors.

// case: pipeline without a return
pipeline P(a: f32[N]) -> f32[N] {  // expect-error:1: pipeline 'P' has no return statement
  let b = a;
}

// case: statement after the return
pipeline P(a: f32[N]) -> f32[N] {
  return a;
  let b = a;  // expect-error:3: unreachable statement after return
}

// case: precision statement after a let
pipeline P(a: f32[N]) -> f32[N] {
  let b = a;
  precision fast;  // expect-error:3: precision can only be set first in a pipeline
  return b;
}

// case: tuple in a let
pipeline P(a: f32[N]) -> f32[N] {
  let t = (a, a);  // expect-error:11: a tuple can only be returned
  return a;
}

// case: fn without a return
fn f(x) {  // expect-error:1: fn 'f' has no return statement
  let y = x;
}
pipeline P(a: f32[N]) -> f32[N] { return f(a); }

// case: fn returning a tuple
fn pair(x) = (x, x);
pipeline P(a: f32[N]) -> f32[N] {
  return pair(a);  // expect-error:10: fn 'pair' returns a tuple; fns return one value
}

// case: list as an output
pipeline P() -> f32[2] {
  return [1, 2];  // expect-error:10: output 'out' cannot be a list
}

// case: unused values warn but compile
pipeline P(a: f32[N], unused: f32[N]) -> f32[N] {  // expect-warning:23: parameter 'unused' is never used
  let b = a * 2;  // expect-warning:7: value 'b' is never used
  return a;
}
