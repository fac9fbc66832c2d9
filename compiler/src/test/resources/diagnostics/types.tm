// Types: dtypes that do not fit an operation, an output or a default.

// case: arithmetic on bool
pipeline P(a: bool[N], b: bool[N]) -> i32[N] {
  return a + b;  // expect-error:10: arithmetic operator + on bool operands; cast them first
}

// case: logical and on floats
pipeline P(a: f32[N], b: f32[N]) -> bool[N] {
  return a && b;  // expect-error:10: operator && needs bool operands, found f32[N]
}

// case: logical or with a number on the right
pipeline P(a: bool[N], b: i32[N]) -> bool[N] {
  return a || b;  // expect-error:15: operator || needs bool operands, found i32[N]
}

// case: not of a number
pipeline P(a: f32[N]) -> bool[N] {
  return !a;  // expect-error:11: operator ! needs a bool operand, found f32[N]
}

// case: negation of a bool
pipeline P(a: bool[N]) -> bool[N] {
  return -a;  // expect-error:11: operator - needs a number, found bool[N]
}

// case: math function of a bool
pipeline P(a: bool[N]) -> f32[N] {
  return exp(a);  // expect-error:14: exp needs a number, found bool[N]
}

// case: where with a float condition
pipeline P(a: f32[N]) -> f32[N] {
  return where(a, a, 0.0);  // expect-error:16: the condition of where must be bool, found f32[N]
}

// case: output declared i32 but the value is a float
pipeline P(a: f32[N]) -> i32[N] {
  return a * 2;  // expect-error:10: output 'out' is declared i32 but the value is f32; convert it explicitly with `as i32`
}

// case: output declared i32 but the value is a float literal
pipeline P() -> i32[] {
  return 1.5;  // expect-error:10: output 'out' is declared i32 but the value is a float
}

// case: output declared bool but the value is i32
pipeline P(a: i32[N]) -> bool[N] {
  return a;  // expect-error:10: output 'out' is declared bool but the value is i32
}

// case: output declared bool but the value is an integer literal
pipeline P() -> bool[] {
  return 2;  // expect-error:10: output 'out' is declared bool but the value is an integer
}

// case: second of two outputs has the wrong dtype
pipeline P(a: f32[N]) -> (y: f32[N], k: i32[N]) {
  return (a, a + 1);  // expect-error:14: output 'k' is declared i32 but the value is f32
}

// case: unknown dtype of a parameter
pipeline P(a: f64[N]) -> f32[N] {  // expect-error:15: unknown dtype 'f64'; expected f32, f16, bf16, i32 or bool
  return a;
}

// case: unknown dtype of an output
pipeline P(a: f32[N]) -> float[N] {  // expect-error:26: unknown dtype 'float'
  return a;
}

// case: unknown dtype in a cast
pipeline P(a: f32[N]) -> f32[N] {
  return a as int;  // expect-error:15: unknown dtype 'int'
}

// case: integer power with a negative exponent
pipeline P(a: i32[N]) -> i32[N] {
  return a ** -1;  // expect-error:15: integer power with a negative exponent; use a float base
}

// case: integer power of literals with a negative exponent
pipeline P(a: f32[N]) -> f32[N] {
  return a * 2 ** -2;  // expect-error:19: integer power with a negative exponent
}

// case: modulo by a literal zero
pipeline P(a: f32[N]) -> f32[N] {
  return a + 5 % 0;  // expect-error:18: modulo by zero
}

// case: float default for an i32 parameter
pipeline P(a: i32[N], k: i32 = 1.5) -> i32[N] {  // expect-error:32: default value '1.5' does not suit a i32 parameter
  return a + k;
}

// case: bool default for a float parameter
pipeline P(a: f32[N], k: f32 = true) -> f32[N] {  // expect-error:32: default value 'true' does not suit a f32 parameter
  return a + k;
}

// case: integer default for a bool parameter
pipeline P(a: i32[N], k: bool = 1) -> i32[N] {  // expect-error:33: default value '1' does not suit a bool parameter
  return where(k, a, 0);
}

// case: default that is not a literal
pipeline P(a: f32[N], k: f32 = 2 * 3) -> f32[N] {  // expect-error:32: a default value must be a literal
  return a + k;
}

// case: default on a tensor parameter
pipeline P(a: f32[N], k: f32[N] = 1.0) -> f32[N] {  // expect-error:35: only scalar parameters can have a default value
  return a + k;
}

// case: matmul of bool tensors
pipeline P(a: bool[N, K], b: bool[K, M]) -> bool[N, M] {
  return a @ b;  // expect-error:10: matmul of bool tensors; cast them first
}

// case: unknown precision at the top of the file
precision turbo;  // expect-error:11: unknown precision 'turbo'; expected strict, balanced or fast
pipeline P(a: f32[N]) -> f32[N] { return a; }

// case: unknown precision in a pipeline
pipeline P(a: f32[N]) -> f32[N] {
  precision exact;  // expect-error:13: unknown precision 'exact'
  return a;
}

// case: float axis
pipeline P(a: f32[N]) -> f32[] {
  return sum(a, axis = 0.5);  // expect-error:24: the axis of sum must be an integer or a list of integers, found a float literal
}

// case: integer keepdims
pipeline P(a: f32[N]) -> f32[1] {
  return sum(a, keepdims = 1);  // expect-error:28: keepdims must be true or false, found an integer literal
}

// case: list in arithmetic
pipeline P(a: f32[N]) -> f32[N] {
  return [1, 2] + a;  // expect-error:10: operator + cannot take a list
}

// case: cast of a list
pipeline P() -> f32[2] {
  return [1, 2] as f32;  // expect-error:10: cannot cast a list to f32
}

// case: reduction of a list
pipeline P() -> f32[] {
  return sum([1, 2]);  // expect-error:14: sum needs a tensor, found a list
}

// case: range outside a slice
pipeline P() -> f32[] {
  return exp(1:2);  // expect-error:14: a range a:b:c can only be a slice index
}

// case: float where a dim belongs
pipeline P(a: f32[N]) -> f32[N] {
  return reshape(a, 2.5);  // expect-error:21: expected an integer known at compile time (a literal or a dimension), found a float literal
}

// case: zero dim of a parameter
pipeline P(a: f32[0]) -> f32[0] {  // expect-error:19: a parameter's dims must be names or positive integers
  return a;
}

// case: output dim divided by a dim
pipeline P(a: f32[N, D]) -> f32[N / D] {  // expect-error:37: a dimension can only be divided by a positive integer
  return reshape(a, -1);
}

// case: two operands of min given an axis
pipeline P(a: f32[N], b: f32[N]) -> f32[N] {
  return min(a, b, axis = 0);  // expect-error:27: min of two operands is elementwise and takes no axis
}
