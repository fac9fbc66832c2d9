// Row softmax of a scaled input; the trailing default makes call(x) and call(x, scale).
package it.good;

pipeline ScaledSoftmax(x: f32[R, C], scale: f32 = 2.0) -> f32[R, C] {
  return softmax(x * scale, axis = -1);
}
