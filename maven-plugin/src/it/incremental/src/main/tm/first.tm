package it.inc;

pipeline First(x: f32[N]) -> f32[N] {
  return x + 1;
}
