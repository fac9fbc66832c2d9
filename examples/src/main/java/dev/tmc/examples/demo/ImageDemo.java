// Runs the pipelines of image.tm on a synthetic 8-bit RGB picture: ImageNet normalisation, luma, and
// 2x downsampling, and draws the downsampled luma as text.
//   java -cp examples/target/tmc-examples.jar dev.tmc.examples.demo.ImageDemo
package dev.tmc.examples.demo;

import dev.tmc.examples.image.Downsample;
import dev.tmc.examples.image.Grayscale;
import dev.tmc.examples.image.Normalize;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Tensor;

import java.util.Locale;

public final class ImageDemo {
    /** ImageNet's per-channel mean and standard deviation. */
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] STD = {0.229f, 0.224f, 0.225f};

    private ImageDemo() {
    }

    /**
     * @param normalized [3, h, w]: the picture normalised per channel, planar
     * @param luma       [h, w] in [0, 1]
     * @param half       [h / 2, w / 2]: luma averaged over 2x2 blocks
     */
    public record Result(float[] normalized, float[] luma, float[] half) {
    }

    /** Runs the three pipelines on {@code rgb}, h x w x 3 values in 0..255. */
    public static Result run(Device device, int[] rgb, int h, int w) {
        float[] unit = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            unit[i] = rgb[i] / 255f;
        }
        try (Tensor img = Tensor.ofInts(rgb, 1, h, w, 3);
             Tensor mean = Tensor.of(MEAN, 3);
             Tensor std = Tensor.of(STD, 3);
             Tensor normalized = Normalize.load(device).call(img, mean, std);
             Tensor rgbUnit = Tensor.of(unit, h, w, 3);
             Tensor luma = Grayscale.load(device).call(rgbUnit);
             Tensor half = Downsample.load(device).call(luma)) {
            return new Result(normalized.toFloatArray(), luma.toFloatArray(), half.toFloatArray());
        }
    }

    /** A sky-to-ground gradient with a bright sun: something recognisable in the text drawing. */
    public static int[] picture(int h, int w) {
        int[] rgb = new int[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sun = Math.hypot(x - w * 0.7, y - h * 0.3) < h * 0.18 ? 1 : 0;
                int i = (y * w + x) * 3;
                rgb[i] = (int) Math.min(255, 40 + 150.0 * y / h + 215 * sun);
                rgb[i + 1] = (int) Math.min(255, 60 + 100.0 * x / w + 195 * sun);
                rgb[i + 2] = (int) Math.min(255, 200 - 160.0 * y / h + 55 * sun);
            }
        }
        return rgb;
    }

    public static void main(String[] args) {
        int h = 40;
        int w = 96;
        Result r = run(Device.cpu(), picture(h, w), h, w);
        System.out.printf(Locale.ROOT, "Normalize: f32[1, 3, %d, %d]; channel means after normalising:", h, w);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < h * w; i++) {
                sum += r.normalized()[c * h * w + i];
            }
            System.out.printf(Locale.ROOT, " %.3f", sum / (h * w));
        }
        System.out.printf(Locale.ROOT, "%nGrayscale, then Downsample to %d x %d:%n", h / 2, w / 2);
        String shades = " .:-=+*#%@";
        for (int y = 0; y < h / 2; y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < w / 2; x++) {
                float v = r.half()[y * (w / 2) + x];
                line.append(shades.charAt(Math.min(shades.length() - 1, (int) (v * shades.length()))));
            }
            System.out.println(line);
        }
    }
}
