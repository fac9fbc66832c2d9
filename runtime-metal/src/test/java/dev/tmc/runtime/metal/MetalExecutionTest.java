// The Metal backend above the bridge, on a fake GPU (FakeMetal) running Java stand-ins of the
// kernels of scale_shift.tmc.json (y = x * s + 1 through an arena value at byte 256): one command
// buffer per call and no wait in it, waits only where results are read, pipeline states made once
// per load, buffers reused across calls and never while the GPU uses them, Metal's errors surfaced.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.Executable;
import dev.tmc.runtime.Tensor;
import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PipelinePlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetalExecutionTest {
    private static final FilePlan FILE = TestPlans.scaleShift();
    private static final PipelinePlan PLAN = FILE.pipeline("ScaleShift");
    private static final float[] X = {1, 2, 3, 4, 5};

    private FakeMetal gpu;
    private RecordingLogger log;
    private MetalDevice device;

    @BeforeEach
    void fakeGpu() {
        gpu = new FakeMetal();
        gpu.kernels.put("k_mul", (group, threads, buffers, bytes) -> {
            int n = bytes.get(2).getInt(0);
            float s = bytes.get(3).getFloat(0);
            for (int t = 0; t < threads; t++) {
                int i = (int) group * threads + t;
                if (i < n) {
                    buffers.get(1).putFloat(4 * i, buffers.get(0).getFloat(4 * i) * s);
                }
            }
        });
        gpu.kernels.put("k_add_one", (group, threads, buffers, bytes) -> {
            int i = (int) group;
            buffers.get(1).putFloat(4 * i, buffers.get(0).getFloat(4 * i) + 1);
        });
        log = new RecordingLogger();
        device = new MetalDevice(gpu, 1 << 20, log);
    }

    private Executable load() {
        return device.load(FILE, PLAN, null, TestPlans.class);
    }

    private Tensor onDevice(float[] data) {
        try (Tensor host = Tensor.of(data, data.length)) {
            return host.to(device);
        }
    }

    private static float[] expected(float[] x, float s) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * s + 1;
        }
        return y;
    }

    @Test
    void aCallEncodesOneCommandBufferAndReturnsBeforeTheGpuIsDone() throws Exception {
        Executable exe = load();
        gpu.completeOnCommit = false;
        try (Tensor x = onDevice(X)) {
            gpu.events.clear();
            Tensor y = exe.call(x, 2f).get(0);
            assertEquals(List.of("begin",
                    "setPipeline k_mul", "setBuffer 0 @0", "setBuffer 1 @256", "setBytes 2", "setBytes 3",
                    "dispatch 2 x 4", // floor((5 + 3) / 4) threadgroups of 4
                    "setPipeline k_add_one", "setBuffer 0 @256", "setBuffer 1 @0", "dispatch 5 x 1",
                    "commit"), gpu.events, "one command buffer, one encoder, no wait");
            CompletableFuture<float[]> read = CompletableFuture.supplyAsync(y::toFloatArray);
            Thread.sleep(200);
            assertFalse(read.isDone(), "the reader waits for the GPU");
            gpu.completeAll();
            assertArrayEquals(expected(X, 2f), read.get(10, TimeUnit.SECONDS));
            y.close();
        }
    }

    @Test
    void callsAfterTheFirstMakeNoPipelineStateAndLoadNoLibrary() throws IOException {
        Executable exe = load();
        assertEquals(1, gpu.librariesLoaded.get());
        assertEquals(2, gpu.pipelinesCreated.get());
        try (Tensor x = onDevice(X)) {
            for (int i = 0; i < 3; i++) {
                try (Tensor y = exe.call(x, null).get(0)) {
                    assertArrayEquals(expected(X, 3f), y.toFloatArray(), "s takes its default, 3");
                }
            }
        }
        assertEquals(1, gpu.librariesLoaded.get());
        assertEquals(0, gpu.librariesCompiled.get(), "a .metallib is never compiled");
        assertEquals(2, gpu.pipelinesCreated.get());
        try (InputStream in = TestPlans.class.getResourceAsStream("scale_shift.metallib")) {
            assertArrayEquals(in.readAllBytes(), gpu.lastMetallib, "the library is the .metallib the manifest names");
        }
        assertTrue(log.lines.isEmpty(), log.lines.toString());
    }

    @Test
    void sourceIsCompiledOnceAtLoadOnlyWhereNoMetallibWasBuiltAndThatIsLogged() {
        Executable exe = device.load(PLAN, MetalKernels.source("kernel void k_mul() {}", "scale_shift.metal"));
        assertEquals(1, gpu.librariesCompiled.get());
        assertEquals("kernel void k_mul() {}", gpu.lastSource);
        assertEquals(1, log.lines.size());
        assertTrue(log.lines.get(0).startsWith("WARNING tmc: no .metallib was built for scale_shift.metal"),
                log.lines.get(0));
        try (Tensor x = onDevice(X); Tensor y = exe.call(x, 2f).get(0)) {
            assertArrayEquals(expected(X, 2f), y.toFloatArray());
        }
        assertEquals(1, gpu.librariesCompiled.get(), "never at call time");
    }

    @Test
    void aManifestWithoutMetalCodeOrWithoutItsResourceIsAClearError() {
        FilePlan none = new FilePlan(FILE.format(), FILE.source(), FILE.packageName(), FILE.pipelines(),
                Optional.empty(), Optional.empty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.load(none, PLAN, null, TestPlans.class));
        assertTrue(e.getMessage().contains("names no Metal code"), e.getMessage());
        FilePlan missing = new FilePlan(FILE.format(), FILE.source(), FILE.packageName(), FILE.pipelines(),
                Optional.empty(), Optional.of("gone.metallib"));
        e = assertThrows(IllegalArgumentException.class, () -> device.load(missing, PLAN, null, TestPlans.class));
        assertTrue(e.getMessage().contains("names gone.metallib, but there is no such resource next to "
                + TestPlans.class.getName()), e.getMessage());
    }

    @Test
    void aMissingKernelFunctionFailsTheLoadWithMetalsMessage() {
        gpu.kernels.remove("k_add_one");
        MetalException e = assertThrows(MetalException.class, this::load);
        assertEquals("pipeline ScaleShift needs Metal kernel k_add_one of scale_shift.metallib: the Metal library"
                + " has no function named k_add_one", e.getMessage());
        assertEquals(1, gpu.librariesReleased.get(), "a failed load frees what it made");
    }

    @Test
    void moreThreadsPerThreadgroupThanTheDeviceRunsFailsTheLoad() {
        gpu.maxThreads = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::load);
        assertEquals("kernel k_mul of pipeline ScaleShift launches 4 threads per threadgroup, but this device runs at"
                + " most 2 for it", e.getMessage());
    }

    @Test
    void aFailedCommandBufferSurfacesWithMetalsMessageWhereResultsAreRead() throws Exception {
        Executable exe = load();
        try (Tensor x = onDevice(X)) {
            gpu.failCommandBuffersWith = "Caused GPU Timeout Error (00000002:kIOGPUCommandBufferCallbackErrorTimeout)";
            Tensor y = exe.call(x, 2f).get(0);
            MetalException e = assertThrows(MetalException.class, y::toFloatArray);
            assertEquals("pipeline ScaleShift failed on the GPU: Caused GPU Timeout Error"
                    + " (00000002:kIOGPUCommandBufferCallbackErrorTimeout)", e.getMessage());
            assertThrows(MetalException.class, y::sync);

            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> exe.callAsync(x, 2f).get(10, TimeUnit.SECONDS));
            assertInstanceOf(MetalException.class, async.getCause());

            gpu.failCommandBuffersWith = null;
            try (Tensor z = exe.call(y, 2f).get(0)) {
                MetalException downstream = assertThrows(MetalException.class, z::toFloatArray);
                assertTrue(downstream.getMessage().contains("GPU Timeout"), "a call on a failed result fails too: "
                        + downstream.getMessage());
            }
            y.close();
        }
    }

    @Test
    void aSteadyStreamOfCallsAllocatesNoMetalMemoryAfterTheFirst() {
        Executable exe = load();
        try (Tensor x = onDevice(X)) {
            exe.call(x, 2f).get(0).close();
            int allocated = gpu.buffersAllocated.get();
            long fresh = device.buffers().freshAllocations();
            for (int i = 0; i < 10; i++) {
                try (Tensor y = exe.call(x, 2f).get(0)) {
                    assertArrayEquals(expected(X, 2f), y.toFloatArray());
                }
            }
            assertEquals(allocated, gpu.buffersAllocated.get());
            assertEquals(fresh, device.buffers().freshAllocations());
        }
        assertEquals(11, gpu.commandsReleased.get(), "every command buffer is freed once done");
    }

    @Test
    void memoryTheGpuStillUsesIsNotReusedMeanwhile() throws Exception {
        Executable exe = load();
        gpu.completeOnCommit = false;
        Tensor x = onDevice(X);
        Tensor y = exe.call(x, 2f).get(0);
        long retained = device.buffers().retainedBytes();
        x.close();
        y.close();
        assertEquals(retained, device.buffers().retainedBytes(), "nothing goes back while the GPU works");
        try (Tensor other = onDevice(new float[] {-7, -7, -7, -7, -7})) { // would take x's buffer if it were free
            gpu.completeAll();
            // x (32 bytes), y (32 bytes) and the arena (256 + 20 bytes, class 512) are back now
            assertEquals(retained + 32 + 32 + 512, device.buffers().retainedBytes());
            assertArrayEquals(new float[] {-7, -7, -7, -7, -7}, other.toFloatArray());
        }
    }

    @Test
    void inputsClosedRightAfterTheCallAreStillReadByTheGpu() throws Exception {
        Executable exe = load();
        gpu.completeOnCommit = false;
        Tensor x = onDevice(X);
        CompletableFuture<List<Tensor>> pending = exe.callAsync(x, 2f);
        x.close();
        assertFalse(pending.isDone());
        gpu.completeAll();
        try (Tensor y = pending.get(10, TimeUnit.SECONDS).get(0)) {
            assertArrayEquals(expected(X, 2f), y.toFloatArray());
        }
    }

    @Test
    void outOfMemoryIsAMetalExceptionAndLeavesTheInputsUsable() {
        Executable exe = load();
        try (Tensor x = onDevice(X)) {
            gpu.allocationLimit = 16;
            MetalException e = assertThrows(MetalException.class, () -> exe.call(x, 2f));
            assertTrue(e.getMessage().startsWith("out of memory: Metal cannot allocate a shared buffer of"),
                    e.getMessage());
            gpu.allocationLimit = Long.MAX_VALUE;
            assertArrayEquals(X, x.toFloatArray());
            try (Tensor y = exe.call(x, 2f).get(0)) {
                assertArrayEquals(expected(X, 2f), y.toFloatArray());
            }
        }
    }

    @Test
    void argumentsAreCheckedByTheSharedBinderBeforeAnythingIsEncoded() {
        Executable exe = load();
        gpu.events.clear();
        try (Tensor onCpu = Tensor.of(X, 5)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exe.call(onCpu, 2f));
            assertEquals("input 'x' is on cpu, but the pipeline was loaded on metal (fake GPU); copy it there with"
                    + " tensor.to(device)", e.getMessage());
        }
        assertEquals(List.of(), gpu.events);
    }

    @Test
    void manyThreadsMayCallOneExecutableAtOnce() throws Exception {
        Executable exe = load();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                float s = t + 0.5f;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (Tensor x = onDevice(X); Tensor y = exe.call(x, s).get(0)) {
                            assertArrayEquals(expected(X, s), y.toFloatArray());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, gpu.commandsReleased.get());
    }

    @Test
    void hostCopiesReadAndWriteTheSharedBufferInPlace() {
        try (Tensor t = onDevice(new float[] {1.5f, -2})) {
            MetalStorage s = MetalDevice.hold(t);
            try {
                ByteBuffer raw = s.buffer().view(0, 8).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(1.5f, raw.getFloat(0));
                raw.putFloat(4, 9);
            } finally {
                MetalDevice.release(t);
            }
            assertArrayEquals(new float[] {1.5f, 9}, t.toFloatArray());
        }
    }
}
