// Several errors in one file: each is reported once, and one mistake does not cascade.

// case: several syntax errors in one pipeline
pipeline P(x: f32[N]) -> f32[N] {
  let a = x +;  // expect-error:14: unexpected ';'; expected an expression
  let b = (x;  // expect-error:13: unexpected ';'; expected ')' or ','
  return x  // expect-error:11: expected ';' before '}'
}

// case: errors in several statements, without cascades from invalid values
pipeline P(x: f32[N]) -> f32[N] {
  let a = x + y;  // expect-error:15: unknown name 'y'
  let b = a @ a;
  let c = b * true;
  return undefined_value;  // expect-error:10: unknown name 'undefined_value'
}

// case: errors in several pipelines
pipeline P(x: f32[N]) -> f32[N] { return x; }
pipeline Q(x: f32[N]) -> f32[M] { return x; }  // expect-error:30: unknown dim 'M'
pipeline R(x: bool[N]) -> f32[N] { return -x; }  // expect-error:44: operator - needs a number
pipeline S(x: f32[N], x: f32[N]) -> f32[N] { return x; }  // expect-error:23: 'x' is already defined

// case: the same fn error at two calls reports once per call
fn bad(x) = x + missing;  // expect-error:17: unknown name 'missing' // expect-error:17: unknown name 'missing'
pipeline P(x: f32[N]) -> f32[N] {
  return bad(x) * bad(2 * x);
}

// case: signature errors and body errors together
pipeline P(x: f64[N], k: i32 = 0.5) -> f32[N] {  // expect-error:15: unknown dtype 'f64' // expect-error:32: does not suit a i32 parameter
  return x + q;  // expect-error:14: unknown name 'q'
}
