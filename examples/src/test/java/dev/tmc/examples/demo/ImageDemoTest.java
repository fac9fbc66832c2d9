// The image pipelines against plain loops over the same picture.
package dev.tmc.examples.demo;

import dev.tmc.runtime.Device;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageDemoTest {
    private static final int H = 7; // odd: Downsample drops the last row
    private static final int W = 6;

    @Test
    void normalizesLumaAndDownsamplesAsPlainLoopsDo() {
        int[] rgb = ImageDemo.picture(H, W);
        ImageDemo.Result r = ImageDemo.run(Device.cpu(), rgb, H, W);
        double[] luma = new double[H * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = (y * W + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double want = (rgb[i + c] / 255.0 - ImageDemo.MEAN[c]) / ImageDemo.STD[c];
                    assertEquals(want, r.normalized()[(c * H + y) * W + x], 1e-5, "normalized c" + c);
                }
                double l = 0.299 * rgb[i] / 255 + 0.587 * rgb[i + 1] / 255 + 0.114 * rgb[i + 2] / 255;
                luma[y * W + x] = Math.max(0, Math.min(1, l));
                assertEquals(luma[y * W + x], r.luma()[y * W + x], 1e-6, "luma " + y + "," + x);
            }
        }
        assertEquals((H / 2) * (W / 2), r.half().length);
        for (int y = 0; y < H / 2; y++) {
            for (int x = 0; x < W / 2; x++) {
                double want = (luma[2 * y * W + 2 * x] + luma[2 * y * W + 2 * x + 1]
                        + luma[(2 * y + 1) * W + 2 * x] + luma[(2 * y + 1) * W + 2 * x + 1]) / 4;
                assertEquals(want, r.half()[y * (W / 2) + x], 1e-6, "half " + y + "," + x);
            }
        }
    }
}
