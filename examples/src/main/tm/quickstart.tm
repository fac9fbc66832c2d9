// The quickstart: normalise rows, then a gelu, in one pipeline.
// Run it with:  ./tmc run examples/src/main/tm/quickstart.tm --input x=rand:1 --input w=rand:2 --input b=rand:3
package dev.tmc.examples;

pipeline Quickstart(x: f32[4, 8], w: f32[8], b: f32[8]) -> f32[4, 8] {
  let y = layer_norm(x, w, b);
  return gelu(y);
}
