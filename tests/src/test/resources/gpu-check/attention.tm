// Attentions that pass fuse-attention makes one kernel on CUDA (GpuCheck runs them at the shapes
// it lists: rows and columns that are not multiples of the 64-row tiles, head sizes 64 and 128 of
// the tensor-core path and others of the plain loop).
precision balanced;

pipeline Attention(q: bf16[B, H, T, E], k: bf16[B, H, T, E], v: bf16[B, H, T, E]) -> bf16[B, H, T, E] {
  return softmax((q @ transpose(k, 0, 1, 3, 2)) * rsqrt(E), axis = -1) @ v;
}

pipeline Cross(q: bf16[H, T, 64], k: bf16[H, S, 64], v: bf16[H, S, 64]) -> bf16[H, T, 64] {
  return softmax((q @ transpose(k, 0, 2, 1)) * 0.125, axis = -1) @ v;
}

pipeline CrossHalf(q: f16[B, T, 64], k: f16[B, S, 64], v: f16[B, S, 64], s: f32) -> f16[B, T, 64] {
  return softmax(s * (q @ transpose(k, 0, 2, 1)), axis = -1) @ v;
}

// An attention and a second output: two steps a call, so GpuCheck's repeated calls replay them as
// one CUDA graph (with the attention on cuDNN where it is there).
pipeline TwoOutputs(q: bf16[B, H, T, E], k: bf16[B, H, S, E], v: bf16[B, H, S, E])
    -> (o: bf16[B, H, T, E], r: bf16[B, H, S, E]) {
  let o = softmax((q @ transpose(k, 0, 1, 3, 2)) * rsqrt(E), axis = -1) @ v;
  return (o, v * 1.5);
}
