// A MetalBridge without a GPU, for the tests of everything above the bridge: it records every call
// in order, keeps buffers in heap memory, "runs" a command buffer by calling Java stand-ins of its
// kernels over the bound buffers and bytes, and completes it when the test says so.
package dev.tmc.runtime.metal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

final class FakeMetal implements MetalBridge {
    /** A kernel's stand-in: one threadgroup's work over the arguments at their [[buffer(i)]] indices. */
    interface Kernel {
        void run(long group, int threads, Map<Integer, ByteBuffer> buffers, Map<Integer, ByteBuffer> bytes);
    }

    final Map<String, Kernel> kernels = new HashMap<>();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger librariesLoaded = new AtomicInteger();
    final AtomicInteger librariesCompiled = new AtomicInteger();
    final AtomicInteger librariesReleased = new AtomicInteger();
    final AtomicInteger pipelinesCreated = new AtomicInteger();
    final AtomicInteger buffersAllocated = new AtomicInteger();
    final AtomicInteger commandsReleased = new AtomicInteger();
    final List<FakeCommands> pending = Collections.synchronizedList(new ArrayList<>());
    volatile boolean completeOnCommit = true;
    volatile String failCommandBuffersWith;
    volatile long allocationLimit = Long.MAX_VALUE;
    volatile int maxThreads = 1024;
    volatile byte[] lastMetallib;
    volatile String lastSource;

    @Override
    public String deviceName() {
        return "fake GPU";
    }

    @Override
    public Library loadLibrary(byte[] metallib) {
        librariesLoaded.incrementAndGet();
        lastMetallib = metallib.clone();
        return librariesReleased::incrementAndGet;
    }

    @Override
    public Library compileLibrary(String source) {
        librariesCompiled.incrementAndGet();
        lastSource = source;
        return librariesReleased::incrementAndGet;
    }

    @Override
    public Pipeline pipeline(Library library, String function) {
        if (!kernels.containsKey(function)) {
            throw new MetalException("the Metal library has no function named " + function);
        }
        pipelinesCreated.incrementAndGet();
        int max = maxThreads;
        return new Pipeline() {
            @Override
            public String function() {
                return function;
            }

            @Override
            public int maxThreadsPerThreadgroup() {
                return max;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public Buffer allocate(long bytes) {
        if (bytes > allocationLimit) {
            throw new MetalException("out of memory: Metal cannot allocate a shared buffer of " + bytes + " bytes");
        }
        buffersAllocated.incrementAndGet();
        return new FakeBuffer(ByteBuffer.allocate((int) bytes));
    }

    @Override
    public Commands begin() {
        events.add("begin");
        return new FakeCommands();
    }

    /** Runs and completes every committed command buffer not yet completed, in commit order. */
    void completeAll() {
        List<FakeCommands> now;
        synchronized (pending) {
            now = new ArrayList<>(pending);
            pending.clear();
        }
        now.forEach(FakeCommands::complete);
    }

    static final class FakeBuffer implements Buffer {
        final ByteBuffer memory;
        volatile boolean released;

        FakeBuffer(ByteBuffer memory) {
            this.memory = memory;
        }

        @Override
        public long length() {
            return memory.capacity();
        }

        @Override
        public ByteBuffer view(long offset, int length) {
            if (released) {
                throw new AssertionError("a released buffer is used");
            }
            return memory.duplicate().position((int) offset).limit((int) offset + length).slice();
        }

        @Override
        public void release() {
            released = true;
        }
    }

    private record Launch(Pipeline pipeline, Map<Integer, ByteBuffer> buffers, Map<Integer, ByteBuffer> bytes,
                          long groups, int threads) {
    }

    final class FakeCommands implements Commands {
        private Pipeline pipeline;
        private Map<Integer, ByteBuffer> buffers = new HashMap<>();
        private Map<Integer, ByteBuffer> bytes = new HashMap<>();
        private final List<Launch> launches = new ArrayList<>();
        private final CountDownLatch completed = new CountDownLatch(1);
        private Completion completion;
        private volatile boolean released;
        private volatile String error;

        @Override
        public void setPipeline(Pipeline p) {
            events.add("setPipeline " + p.function());
            pipeline = p;
        }

        @Override
        public void setBuffer(Buffer buffer, long offset, int index) {
            events.add("setBuffer " + index + " @" + offset);
            FakeBuffer b = (FakeBuffer) buffer;
            buffers.put(index, b.memory.duplicate().position((int) offset).slice().order(ByteOrder.LITTLE_ENDIAN));
        }

        @Override
        public void setBytes(byte[] data, int index) {
            events.add("setBytes " + index);
            bytes.put(index, ByteBuffer.wrap(data.clone()).order(ByteOrder.LITTLE_ENDIAN));
        }

        @Override
        public void dispatch(long threadgroups, int threads) {
            events.add("dispatch " + threadgroups + " x " + threads);
            launches.add(new Launch(pipeline, Map.copyOf(buffers), Map.copyOf(bytes), threadgroups, threads));
        }

        @Override
        public void commit(Completion onDone) {
            events.add("commit");
            completion = onDone;
            error = failCommandBuffersWith;
            if (completeOnCommit) {
                complete();
            } else {
                pending.add(this);
            }
        }

        void complete() {
            if (error == null) {
                for (Launch l : launches) {
                    Kernel k = kernels.get(l.pipeline().function());
                    for (long g = 0; g < l.groups(); g++) {
                        k.run(g, l.threads(), l.buffers(), l.bytes());
                    }
                }
            }
            completed.countDown();
            completion.completed(Optional.ofNullable(error));
        }

        @Override
        public void waitUntilCompleted() {
            events.add("wait");
            try {
                completed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MetalException("interrupted");
            }
            if (error != null) {
                throw new MetalException(error);
            }
        }

        @Override
        public void release() {
            if (released) {
                throw new AssertionError("command buffer released twice");
            }
            released = true;
            commandsReleased.incrementAndGet();
        }
    }
}
