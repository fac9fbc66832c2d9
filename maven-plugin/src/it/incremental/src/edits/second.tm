package it.inc;

// Edited between the second and third build: now a cube.
pipeline Second(x: f32[N]) -> f32[N] {
  return x * x * x;
}
