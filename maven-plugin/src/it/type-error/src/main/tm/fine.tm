package it.fine;

pipeline Fine(x: f32[N]) -> f32[N] {
  return x * 2;
}
