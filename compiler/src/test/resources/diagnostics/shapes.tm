// Shapes: broadcasting, matmul, axes, reshape, slices, concat and outputs.

// case: broadcast of different literal dims
pipeline P(a: f32[3], b: f32[4]) -> f32[3] {
  return a + b;  // expect-error:10: cannot broadcast [3] with [4]: dims 3 and 4 differ at axis -1
}

// case: broadcast of different symbols
pipeline P(a: f32[N], b: f32[M]) -> f32[N] {
  return a * b;  // expect-error:10: dims N and M differ at axis -1 (dims with different names are not assumed equal
}

// case: broadcast mismatch on an outer axis
pipeline P(a: f32[2, N], b: f32[3, 1]) -> f32[2, N] {
  return a - b;  // expect-error:10: dims 2 and 3 differ at axis -2
}

// case: where whose branches do not broadcast
pipeline P(c: bool[N], a: f32[N], b: f32[M]) -> f32[N] {
  return where(c, a, b);  // expect-error:10: cannot broadcast [N] with [M]
}

// case: matmul inner dims differ
pipeline P(a: f32[N, K], b: f32[J, M]) -> f32[N, M] {
  return a @ b;  // expect-error:10: matmul inner dims differ: f32[N, K] @ f32[J, M] contracts K with J
}

// case: matmul of vectors of different lengths
pipeline P(a: f32[3], b: f32[4]) -> f32[] {
  return matmul(a, b);  // expect-error:10: contracts 3 with 4
}

// case: matmul batch dims that do not broadcast
pipeline P(a: f32[2, N, K], b: f32[3, K, M]) -> f32[2, N, M] {
  return a @ b;  // expect-error:10: cannot broadcast [2] with [3]
}

// case: matmul with a scalar
pipeline P(a: f32[N]) -> f32[N] {
  return 2 @ a;  // expect-error:10: matmul needs tensors of rank 1 or more, found an integer literal
}

// case: reduction axis out of range
pipeline P(a: f32[N, K]) -> f32[N] {
  return sum(a, axis = 2);  // expect-error:24: axis 2 is out of range for a tensor of rank 2
}

// case: negative reduction axis out of range
pipeline P(a: f32[N, K]) -> f32[N] {
  return max(a, axis = -3);  // expect-error:24: axis -3 is out of range for a tensor of rank 2
}

// case: repeated reduction axis
pipeline P(a: f32[N, K]) -> f32[] {
  return sum(a, axis = [0, -2]);  // expect-error:24: axis -2 is repeated
}

// case: argmax over two axes
pipeline P(a: f32[N, K]) -> i32[] {
  return argmax(a, axis = [0, 1]);  // expect-error:27: argmax takes a single axis
}

// case: argmax of a scalar
pipeline P(a: f32) -> i32[] {
  return argmax(a);  // expect-error:10: argmax needs a tensor of rank 1 or more
}

// case: transpose permutation with a repeated axis
pipeline P(a: f32[N, K]) -> f32[K, N] {
  return transpose(a, 0, 0);  // expect-error:23: axis 0 appears twice in the permutation
}

// case: transpose permutation of the wrong length
pipeline P(a: f32[N, K]) -> f32[K, N] {
  return transpose(a, [1, 0, 2]);  // expect-error:23: transpose of a rank-2 tensor needs 2 axes, found 3
}

// case: transpose permutation axis out of range
pipeline P(a: f32[N, K]) -> f32[K, N] {
  return transpose(a, 2, 0);  // expect-error:23: axis 2 is out of range for a tensor of rank 2
}

// case: reshape to a different element count
pipeline P(a: f32[2, 3]) -> f32[5] {
  return reshape(a, 5);  // expect-error:10: cannot reshape f32[2, 3] (6 elements) to [5] (5 elements)
}

// case: reshape of symbols to a different element count
pipeline P(a: f32[N, D]) -> f32[N, N] {
  return reshape(a, N, N);  // expect-error:10: cannot reshape f32[N, D] (D*N elements) to [N, N] (N*N elements)
}

// case: reshape with two inferred dims
pipeline P(a: f32[2, 3]) -> f32[6] {
  return reshape(a, -1, -1);  // expect-error:25: only one dim of a reshape can be -1
}

// case: reshape whose inferred dim does not divide
pipeline P(a: f32[N]) -> f32[2, N] {
  return reshape(a, 2, -1);  // expect-error:24: cannot infer -1: N elements are not a multiple of 2
}

// case: reshape to a zero dim
pipeline P(a: f32[N]) -> f32[N] {
  return reshape(a, 0, N);  // expect-error:21: reshape dims must be positive, found 0
}

// case: broadcast to a lower rank
pipeline P(a: f32[N, D]) -> f32[D] {
  return broadcast(a, D);  // expect-error:10: cannot broadcast f32[N, D] to the lower rank [D]
}

// case: broadcast of a dim that is not 1
pipeline P(a: f32[N, D]) -> f32[N, 3] {
  return broadcast(a, N, 3);  // expect-error:10: dim D is neither 1 nor 3
}

// case: broadcast to a negative dim
pipeline P(a: f32[1]) -> f32[] {
  return sum(broadcast(a, -1));  // expect-error:14: broadcast needs non-negative dims, found -1
}

// case: reshape to a negative dim whose element count matches
pipeline P(a: f32[N]) -> f32[] {
  return sum(reshape(a, -N, -1));  // expect-error:29: reshape needs non-negative dims, found -1
}

// case: slice past the end of a literal dim
pipeline P(a: f32[4]) -> f32[3] {
  return a[2:5];  // expect-error:12: slice 2:5 ends after the dim 4 of axis 0
}

// case: negative slice start past the beginning
pipeline P(a: f32[4]) -> f32[4] {
  return a[-5:];  // expect-error:12: starts before 0 on axis 0
}

// case: slice that ends before it starts
pipeline P(a: f32[N]) -> f32[N] {
  return a[3:1];  // expect-error:12: slice 3:1 ends before it starts on axis 0
}

// case: index past the end of a literal dim
pipeline P(a: f32[4]) -> f32[] {
  return a[4];  // expect-error:12: index 4 ends after the dim 4 of axis 0
}

// case: slice step zero
pipeline P(a: f32[N]) -> f32[N] {
  return a[::0];  // expect-error:12: slice steps must be positive, found 0
}

// case: too many indices
pipeline P(a: f32[N, D]) -> f32[] {
  return a[0, 1, 2];  // expect-error:18: too many indices for a tensor of rank 2
}

// case: concat of different ranks
pipeline P(a: f32[N], b: f32[N, M]) -> f32[N] {
  return concat(a, b);  // expect-error:20: concat of tensors of different rank: f32[N] and f32[N, M]
}

// case: concat with different dims off the axis
pipeline P(a: f32[N, 2], b: f32[N, 3]) -> f32[N, 5] {
  return concat(a, b);  // expect-error:20: concat along axis 0 needs equal dims elsewhere
}

// case: concat axis out of range
pipeline P(a: f32[N], b: f32[M]) -> f32[N] {
  return concat(a, b, axis = 1);  // expect-error:30: axis 1 is out of range for a tensor of rank 1
}

// case: arange of a negative length
pipeline P() -> i32[1] {
  return arange(-1);  // expect-error:10: arange needs a non-negative length, found -1
}

// case: output shape differs from the declared shape
pipeline P(a: f32[N]) -> f32[N, N] {
  return a;  // expect-error:10: output 'out' is declared f32[N, N] but the value has shape [N]
}

// case: strided slice declared with the wrong length
pipeline P(a: f32[N]) -> f32[N / 2] {
  return a[::2];  // expect-error:10: but the value has shape [(N + 1)/2]
}

// case: one value returned for two outputs
pipeline P(a: f32[N]) -> (x: f32[N], y: f32[N]) {
  return a;  // expect-error:10: pipeline 'P' returns 1 value but declares 2 outputs
}

// case: two values returned for one output
pipeline P(a: f32[N]) -> f32[N] {
  return (a, a);  // expect-error:11: pipeline 'P' returns 2 values but declares 1 output
}
