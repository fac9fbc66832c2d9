package it.bad;

pipeline Bad(a: bool[N], b: bool[N]) -> i32[N] {
  return a + b;
}
