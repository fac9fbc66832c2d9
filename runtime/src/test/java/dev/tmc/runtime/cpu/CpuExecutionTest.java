// Runs the hand-written ScaleAdd plan on CPU devices: results, dims bound per call, the pool's
// reuse across calls, async calls, concurrent calls and tensors closed while a call reads them.
package dev.tmc.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.Device;
import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.testing.ScaleAddPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CpuExecutionTest {
    private static float[] random(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextFloat() * 4 - 2;
        }
        return a;
    }

    /** A copy of {@code t} on {@code device}; {@code t} itself is closed. */
    static Tensor on(Device device, Tensor t) {
        try (t) {
            return t.to(device);
        }
    }

    private static Executable load(Device device) {
        return device.load(ScaleAddPlan.file(), ScaleAddPlan.pipeline(), ScaleAddPlan.KERNELS, CpuExecutionTest.class);
    }

    /** Calls with fresh inputs on {@code device} and checks both outputs against the test's own arithmetic. */
    private static void checkCall(Executable exe, Device device, Random rng, int n, int d, Float scale) {
        float[] x = random(rng, n * d);
        float[] w = random(rng, d);
        try (Tensor tx = on(device, Tensor.of(x, n, d)); Tensor tw = on(device, Tensor.of(w, d))) {
            List<Tensor> outs = exe.call(tx, tw, scale);
            float[][] want = ScaleAddPlan.expected(x, w, scale == null ? 2f : scale, n, d);
            try (Tensor out = outs.get(0); Tensor mean = outs.get(1)) {
                assertArrayEquals(new long[] {n, d}, out.shape());
                assertArrayEquals(new long[] {n}, mean.shape());
                assertSame(device, out.device());
                assertArrayEquals(want[0], out.toFloatArray());
                assertArrayEquals(want[1], mean.toFloatArray());
            }
        }
    }

    @Test
    void twoKernelsThroughTheArenaThenAReductionWithAHostValue() {
        Executable exe = load(Device.cpu());
        checkCall(exe, Device.cpu(), new Random(1), 5, 3, 0.5f);
        checkCall(exe, Device.cpu(), new Random(2), 37, 129, null); // the default scale, 2
    }

    @Test
    void dimsAreBoundFromEachCallsShapes() {
        Executable exe = load(Device.cpu());
        Random rng = new Random(3);
        int[][] shapes = {{1, 2}, {4, 2}, {1000, 7}, {0, 5}, {3, 1000}};
        for (int[] s : shapes) {
            checkCall(exe, Device.cpu(), rng, s[0], s[1], 1.5f);
        }
    }

    @Test
    void aSecondCallWithClosedOutputsAllocatesNothing() {
        CpuDevice device = new CpuDevice(2, 1 << 20);
        Executable exe = load(device);
        Random rng = new Random(4);
        try (Tensor x = on(device, Tensor.of(random(rng, 60), 10, 6)); Tensor w = on(device, Tensor.of(random(rng, 6), 6))) {
            exe.call(x, w, 1f).forEach(Tensor::close);
            long before = device.pool().freshAllocations();
            for (int i = 0; i < 5; i++) {
                exe.call(x, w, 1f).forEach(Tensor::close);
            }
            assertEquals(0, device.pool().freshAllocations() - before, "buffers allocated by calls after the first");
            // Open outputs keep their arrays, so the next call needs fresh ones.
            List<Tensor> kept = exe.call(x, w, 1f);
            exe.call(x, w, 1f).forEach(Tensor::close);
            assertEquals(2, device.pool().freshAllocations() - before);
            kept.forEach(Tensor::close);
        }
    }

    @Test
    void callAsyncCompletesWithTheSameResults() throws Exception {
        Executable exe = load(Device.cpu());
        Random rng = new Random(5);
        float[] x = random(rng, 64 * 33);
        float[] w = random(rng, 33);
        Tensor tx = Tensor.of(x, 64, 33);
        Tensor tw = Tensor.of(w, 33);
        CompletableFuture<List<Tensor>> f = exe.callAsync(tx, tw, 3f);
        // The call holds its inputs: closing them now must not recycle their memory under it.
        tx.close();
        tw.close();
        List<Tensor> outs = f.get(30, TimeUnit.SECONDS);
        float[][] want = ScaleAddPlan.expected(x, w, 3f, 64, 33);
        assertArrayEquals(want[0], outs.get(0).toFloatArray());
        assertArrayEquals(want[1], outs.get(1).toFloatArray());
        outs.forEach(Tensor::close);
    }

    @Test
    void callAsyncChecksArgumentsBeforeReturning() {
        Executable exe = load(Device.cpu());
        try (Tensor x = Tensor.of(new float[6], 2, 3)) {
            assertThrows(IllegalArgumentException.class, () -> exe.callAsync(x, x, 1f));
        }
    }

    @Test
    void eightThreadsCallingAtOnceEachGetTheirOwnResults() throws Exception {
        Executable exe = load(Device.cpu());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = 100 + t;
                done.add(callers.submit(() -> {
                    start.await();
                    Random rng = new Random(seed);
                    for (int i = 0; i < 20; i++) {
                        checkCall(exe, Device.cpu(), rng, 1 + rng.nextInt(300), 2 + rng.nextInt(40), rng.nextFloat());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aSeparateDeviceRunsOnItsOwnThreadsAndRefusesOthersTensors() {
        CpuDevice device = new CpuDevice(3, 1 << 20);
        assertEquals(3, device.threads());
        Executable exe = load(device);
        checkCall(exe, device, new Random(6), 50, 9, 2f);
        try (Tensor x = Tensor.of(new float[6], 2, 3); Tensor w = Tensor.of(new float[3], 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exe.call(x, w, 1f));
            assertTrue(e.getMessage().startsWith("input 'x' is on cpu, but the pipeline was loaded on cpu (3 threads"),
                    e.getMessage());
        }
    }

    @Test
    void aFailingKernelNamesItselfAndLeaksNoBuffers() {
        CpuDevice device = new CpuDevice(2, 1 << 20);
        CpuKernelLibrary broken = name -> name.equals("k_add")
                ? (first, end, buffers, scalars) -> {
                    throw new ArithmeticException("boom");
                }
                : ScaleAddPlan.KERNELS.kernel(name);
        Executable exe = device.load(ScaleAddPlan.file(), ScaleAddPlan.pipeline(), broken, getClass());
        try (Tensor x = on(device, Tensor.of(new float[6], 2, 3)); Tensor w = on(device, Tensor.of(new float[3], 3))) {
            long retained = device.pool().retainedBytes();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> exe.call(x, w, 1f));
            assertTrue(e.getMessage().startsWith("CPU kernel k_add of pipeline ScaleAdd failed"), e.getMessage());
            // Both outputs (6 and 2 floats, in classes of 8 and 2) and the arena (6, class 8) went back.
            assertEquals((8 + 2 + 8) * Float.BYTES, device.pool().retainedBytes() - retained, "bytes back in the pool");
        }
    }

    @Test
    void missingKernelsAreRefusedAtLoad() {
        CpuKernelLibrary none = name -> {
            throw new IllegalArgumentException("no CPU kernel " + name);
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Device.cpu().load(ScaleAddPlan.file(), ScaleAddPlan.pipeline(), none, getClass()));
        assertEquals("pipeline ScaleAdd needs CPU kernel k_scale, which its kernel library lacks (no CPU kernel k_scale)",
                e.getMessage());
        IllegalArgumentException noLibrary = assertThrows(IllegalArgumentException.class,
                () -> Device.cpu().load(ScaleAddPlan.file(), ScaleAddPlan.pipeline(), null, getClass()));
        assertTrue(noLibrary.getMessage().contains("without its CPU kernels"), noLibrary.getMessage());
    }

    @Test
    void outputsAreNewTensorsOfTheDeclaredDtype() {
        Executable exe = load(Device.cpu());
        try (Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2); Tensor w = Tensor.of(new float[] {10, 20}, 2)) {
            List<Tensor> outs = exe.call(x, w, null);
            assertEquals(2, outs.size());
            assertEquals(DType.F32, outs.get(1).dtype());
            assertArrayEquals(new float[] {12, 24, 16, 28}, outs.get(0).toFloatArray());
            assertArrayEquals(new float[] {18, 22}, outs.get(1).toFloatArray());
            outs.forEach(Tensor::close);
        }
    }
}
