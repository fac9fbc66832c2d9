package it.inc;

pipeline Second(x: f32[N]) -> f32[N] {
  return x * x;
}
