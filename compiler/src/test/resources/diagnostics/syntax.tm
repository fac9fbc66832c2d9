// Syntax errors: each case is one file as the parser sees it. The column is where the error's
// span starts; for a missing token it is just after the token before the gap.

// case: missing semicolon after a let
pipeline P(x: f32[N]) -> f32[N] {
  let a = x + 1   // expect-error:16: expected ';' before 'return'
  return a;
}

// case: unbalanced parenthesis
pipeline P(x: f32[N]) -> f32[N] {
  return (x + 1;  // expect-error:16: unexpected ';'; expected ')' or ','
}

// case: closing parenthesis without an opening one
pipeline P(x: f32[N]) -> f32[N] {
  return x);  // expect-error:11: unexpected ')'; expected ';'
}

// case: a character outside the language
pipeline P(x: f32[N]) -> f32[N] {
  return x $ 1;  // expect-error:12: unexpected character '$'
}

// case: missing arrow before the outputs
pipeline P(x: f32[N]) f32[N] {  // expect-error:22: expected '->' before 'f32'
  return x;
}

// case: stray closing brace after a pipeline
pipeline P(x: f32[N]) -> f32[N] {
  return x;
} }  // expect-error:3: unexpected '}'; expected end of file, 'fn' or 'pipeline'

// case: two expressions side by side
pipeline P(x: f32[N]) -> f32[N] {
  let a = x x;  // expect-error:13: unexpected 'x'; expected ';'
  return a;
}

// case: chained comparison
pipeline P(a: f32[N], b: f32[N], c: f32[N]) -> bool[N] {
  return a < b < c;  // expect-error:16: comparisons cannot be chained; combine them with &&
}

// case: integer literal too large for 64 bits
pipeline P(x: f32[N]) -> f32[N] {
  return x + 99999999999999999999;  // expect-error:14: integer literal 99999999999999999999 is too large
}

// case: float literal out of range
pipeline P(x: f32[N]) -> f32[N] {
  return x * 1e999;  // expect-error:14: number 1e999 is out of range
}

// case: operator without a right operand
pipeline P(x: f32[N]) -> f32[N] {
  return x +;  // expect-error:13: unexpected ';'; expected an expression
}

// case: keyword argument without a value
pipeline P(x: f32[N]) -> f32[N] {
  return softmax(x, axis = );  // expect-error:28: unexpected ')'; expected an expression
}

// case: trailing comma in a call
pipeline P(x: f32[N]) -> f32[N] {
  return exp(x,);  // expect-error:16: unexpected ')'; expected an expression
}

// case: keyword where an expression belongs
pipeline P(x: f32[N]) -> f32[N] {
  return let;  // expect-error:10: unexpected 'let'; expected an expression
}

// case: parameter without a type
pipeline P(x) -> f32[N] {  // expect-error:13: unexpected ')'; expected ':'
  return x;
}

// case: fn without its final semicolon at end of file
fn twice(x) = 2 * x  // expect-error:20: expected ';' before end of file

// case: file precision after a declaration
fn twice(x) = 2 * x;
precision fast;  // expect-error:1: unexpected 'precision'; expected end of file, 'fn' or 'pipeline'

// case: unterminated block comment
pipeline P(x: f32[N]) -> f32[N] {
  /* return x; }  // expect-error:3: unexpected '/'

// case: end of file inside a pipeline body (the last case of this file, so the file ends here)
pipeline P(x: f32[N]) -> f32[N] {
  return x;
// expect-error@+1:1: unexpected end of file; expected 'precision', 'let', 'return' or '}'
