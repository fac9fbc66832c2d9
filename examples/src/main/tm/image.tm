// Image preprocessing: 8-bit RGB (held as i32) to normalised planar f32, and a luma conversion.
package dev.tmc.examples.image;

// ImageNet-style normalisation, NHWC in, NCHW out.
pipeline Normalize(img: i32[B, H, W, 3], mean: f32[3], std: f32[3]) -> f32[B, 3, H, W] {
  let x = (img as f32) / 255.0;
  return transpose((x - mean) / std, 0, 3, 1, 2);
}

// Rec. 601 luma, clamped to [0, 1].
pipeline Grayscale(rgb: f32[H, W, 3]) -> f32[H, W] {
  let y = 0.299 * rgb[:, :, 0] + 0.587 * rgb[:, :, 1] + 0.114 * rgb[:, :, 2];
  return clamp(y, 0.0, 1.0);
}

// 2x downsampling by averaging 2x2 blocks.
pipeline Downsample(img: f32[H, W]) -> f32[H / 2, W / 2] {
  let even = img[0:H / 2 * 2:2, :];
  let odd = img[1:H / 2 * 2:2, :];
  let rows = (even + odd) * 0.5;
  return (rows[:, 0:W / 2 * 2:2] + rows[:, 1:W / 2 * 2:2]) * 0.5;
}
