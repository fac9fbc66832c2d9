// Runs kernel IR the way a GPU does, for tests: the threads of a threadgroup execute in lock step
// (a value per thread, a mask for the threads that take a branch or stay in a loop), so barriers
// hold by construction and simd reductions combine lanes that are all at the same statement.
// Every operation rounds to its type, as hardware computing in that type would.
package dev.tmc.compiler.testing;

import dev.tmc.compiler.ir.graph.OpSemantics;
import dev.tmc.compiler.ir.graph.UnaryFn;
import dev.tmc.compiler.ir.kernel.Combine;
import dev.tmc.compiler.ir.kernel.KExpr;
import dev.tmc.compiler.ir.kernel.KStmt;
import dev.tmc.compiler.ir.kernel.Kernel;
import dev.tmc.compiler.ir.kernel.ThreadAxis;
import dev.tmc.runtime.DType;
import dev.tmc.runtime.numeric.ScalarMath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class KernelInterpreter {
    private final Kernel kernel;
    private final int threads;
    private final int simdWidth;
    private final Map<String, double[]> buffers;
    private final Map<String, double[]> vars = new HashMap<>();
    private final Map<String, double[]> shared = new HashMap<>();
    private final Map<String, double[][]> local = new HashMap<>();
    /** Simdgroup matrices: name to one 8x8 matrix (row-major) per simdgroup. */
    private final Map<String, double[][]> matrices = new HashMap<>();
    private int threadgroup;

    private KernelInterpreter(Kernel kernel, int simdWidth, Map<String, double[]> buffers, Map<String, Double> scalars) {
        this.kernel = kernel;
        this.threads = kernel.launch().threadsPerThreadgroup();
        this.simdWidth = simdWidth;
        this.buffers = buffers;
        for (Map.Entry<String, Double> s : scalars.entrySet()) {
            double[] v = new double[threads];
            java.util.Arrays.fill(v, s.getValue());
            vars.put(s.getKey(), v);
        }
    }

    /** Runs every threadgroup of {@code kernel}; buffers are read and written in place. */
    public static void run(Kernel kernel, long threadgroups, int simdWidth, Map<String, double[]> buffers,
                           Map<String, Double> scalars) {
        KernelInterpreter k = new KernelInterpreter(kernel, simdWidth, buffers, scalars);
        for (long tg = 0; tg < threadgroups; tg++) {
            k.threadgroup = (int) tg;
            k.shared.clear();
            k.local.clear();
            k.matrices.clear();
            boolean[] all = new boolean[k.threads];
            java.util.Arrays.fill(all, true);
            k.block(kernel.body(), all);
        }
    }

    private void block(List<KStmt> stmts, boolean[] mask) {
        for (KStmt s : stmts) {
            stmt(s, mask);
        }
    }

    private void stmt(KStmt s, boolean[] mask) {
        if (s instanceof KStmt.Declare d) {
            double[] v = vars.computeIfAbsent(d.name(), n -> new double[threads]);
            double[] init = eval(d.init(), mask);
            assign(v, init, mask);
        } else if (s instanceof KStmt.Assign a) {
            assign(vars.get(a.name()), eval(a.value(), mask), mask);
        } else if (s instanceof KStmt.Store st) {
            double[] index = eval(st.index(), mask);
            double[] value = eval(st.value(), mask);
            double[] buffer = buffers.get(st.buffer());
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    buffer[(int) index[t]] = value[t];
                }
            }
        } else if (s instanceof KStmt.StoreArray st) {
            double[] index = eval(st.index(), mask);
            double[] value = eval(st.value(), mask);
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    array(st.array(), t)[(int) index[t]] = value[t];
                }
            }
        } else if (s instanceof KStmt.LoadRun l) {
            double[] first = eval(l.first(), mask);
            double[] offset = eval(l.offset(), mask);
            double[] buffer = buffers.get(l.buffer());
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    runBounds(first[t], l.length(), buffer.length);
                    System.arraycopy(buffer, (int) first[t], array(l.array(), t), (int) offset[t], l.length());
                }
            }
        } else if (s instanceof KStmt.StoreRun st) {
            double[] first = eval(st.first(), mask);
            double[] offset = eval(st.offset(), mask);
            double[] buffer = buffers.get(st.buffer());
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    runBounds(first[t], st.length(), buffer.length);
                    System.arraycopy(array(st.array(), t), (int) offset[t], buffer, (int) first[t], st.length());
                }
            }
        } else if (s instanceof KStmt.ArrayRound r) {
            double[] from = eval(r.from(), mask);
            double[] to = eval(r.to(), mask);
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    double[] a = array(r.array(), t);
                    for (int i = (int) from[t]; i < (int) to[t]; i++) {
                        a[i] = r.type().round(a[i]);
                    }
                }
            }
        } else if (s instanceof KStmt.LoadStrip l) {
            // Buffers hold values (a half as its exact double), so converting a strip is copying it.
            double[] first = eval(l.first(), mask);
            double[] length = eval(l.length(), mask);
            double[] buffer = buffers.get(l.buffer());
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    stripBounds(first[t], (int) length[t], buffer.length);
                    System.arraycopy(buffer, (int) first[t], array(l.array(), t), 0, (int) length[t]);
                }
            }
        } else if (s instanceof KStmt.StoreStrip st) {
            double[] first = eval(st.first(), mask);
            double[] length = eval(st.length(), mask);
            double[] buffer = buffers.get(st.buffer());
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    stripBounds(first[t], (int) length[t], buffer.length);
                    double[] a = array(st.array(), t);
                    for (int k = 0; k < (int) length[t]; k++) {
                        buffer[(int) first[t] + k] = st.type().round(a[k]);
                    }
                }
            }
        } else if (s instanceof KStmt.ArrayReduce r) {
            double[] from = eval(r.from(), mask);
            double[] to = eval(r.to(), mask);
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    double[] lanes = array(r.lanes(), t);
                    double[] a = array(r.array(), t);
                    for (int i = (int) from[t]; i < (int) to[t]; i++) {
                        int k = (i - (int) from[t]) % lanes.length;
                        lanes[k] = combine(r.combine(), lanes[k], a[i], DType.F32);
                    }
                }
            }
        } else if (s instanceof KStmt.ArrayMap m) {
            double[] from = eval(m.from(), mask);
            double[] to = eval(m.to(), mask);
            KExpr.Unary fn = new KExpr.Unary(m.fn(), new KExpr.Lit(DType.F32, 0), DType.F32);
            for (int t = 0; t < threads; t++) {
                if (mask[t]) {
                    double[] a = array(m.array(), t);
                    for (int i = (int) from[t]; i < (int) to[t]; i++) {
                        a[i] = floatUnary(fn, a[i]);
                    }
                }
            }
        } else if (s instanceof KStmt.ThreadgroupArray a) {
            shared.put(a.name(), new double[a.length()]);
        } else if (s instanceof KStmt.LocalArray a) {
            local.put(a.name(), new double[threads][a.length()]);
        } else if (s instanceof KStmt.For f) {
            loop(f, mask);
        } else if (s instanceof KStmt.SimdMatrix m) {
            double[][] per = new double[(threads + simdWidth - 1) / simdWidth][64];
            for (double[] one : per) {
                java.util.Arrays.fill(one, m.fill());
            }
            matrices.put(m.name(), per);
        } else if (s instanceof KStmt.SimdMatrixLoad l) {
            double[] offset = eval(l.offset(), mask);
            forEachSimdgroup(mask, (g, lane) -> {
                double[] from = shared.get(l.array());
                for (int e = 0; e < 64; e++) {
                    matrices.get(l.name())[g][e] = from[(int) offset[lane] + (e / 8) * l.stride() + e % 8];
                }
            });
        } else if (s instanceof KStmt.SimdMatrixStore st) {
            double[] offset = eval(st.offset(), mask);
            forEachSimdgroup(mask, (g, lane) -> {
                double[] to = shared.get(st.array());
                for (int e = 0; e < 64; e++) {
                    to[(int) offset[lane] + (e / 8) * st.stride() + e % 8] = matrices.get(st.name())[g][e];
                }
            });
        } else if (s instanceof KStmt.SimdMatrixMultiplyAccumulate mma) {
            forEachSimdgroup(mask, (g, lane) -> matrices.get(mma.d())[g] =
                    product(matrices.get(mma.a())[g], matrices.get(mma.b())[g], matrices.get(mma.c())[g]));
        } else if (s instanceof KStmt.SimdMatrixMultiplyAccumulatePair p) {
            forEachSimdgroup(mask, (g, lane) -> {
                double[] b = matrices.get(p.b())[g];
                double[] d0 = product(matrices.get(p.a0())[g], b, matrices.get(p.c0())[g]);
                double[] d1 = product(matrices.get(p.a1())[g], b, matrices.get(p.c1())[g]);
                matrices.get(p.d0())[g] = d0; // both read before either is written
                matrices.get(p.d1())[g] = d1;
            });
        } else if (s instanceof KStmt.Attention a) {
            attention(a, mask);
        } else if (s instanceof KStmt.If i) {
            double[] c = eval(i.cond(), mask);
            boolean[] yes = new boolean[threads];
            boolean[] no = new boolean[threads];
            for (int t = 0; t < threads; t++) {
                yes[t] = mask[t] && c[t] != 0;
                no[t] = mask[t] && c[t] == 0;
            }
            block(i.then(), yes);
            block(i.otherwise(), no);
        }
        // Barrier: threads run in lock step, so every earlier write is already visible. Comment: nothing.
    }

    private void loop(KStmt.For f, boolean[] mask) {
        double[] v = vars.computeIfAbsent(f.var(), n -> new double[threads]);
        assign(v, eval(f.from(), mask), mask);
        boolean[] active = mask.clone();
        while (true) {
            double[] to = eval(f.to(), active);
            boolean any = false;
            for (int t = 0; t < threads; t++) {
                active[t] = active[t] && v[t] < to[t];
                any |= active[t];
            }
            if (!any) {
                return;
            }
            block(f.body(), active);
            double[] step = eval(f.step(), active);
            for (int t = 0; t < threads; t++) {
                if (active[t]) {
                    v[t] += step[t];
                }
            }
        }
    }

    /** {@code a * b + c} on 8x8 matrices, each element summed exactly and rounded to f32 once. */
    private static double[] product(double[] a, double[] b, double[] c) {
        double[] d = new double[64];
        for (int r = 0; r < 8; r++) {
            for (int col = 0; col < 8; col++) {
                double sum = c[r * 8 + col];
                for (int x = 0; x < 8; x++) {
                    sum += a[r * 8 + x] * b[x * 8 + col];
                }
                d[r * 8 + col] = (float) sum;
            }
        }
        return d;
    }

    /** Runs a collective matrix operation once per simdgroup whose lanes are active (first lane's offsets). */
    private void forEachSimdgroup(boolean[] mask, java.util.function.BiConsumer<Integer, Integer> op) {
        for (int start = 0, g = 0; start < threads; start += simdWidth, g++) {
            for (int t = start; t < start + simdWidth && t < threads; t++) {
                if (mask[t]) {
                    op.accept(g, t);
                    break;
                }
            }
        }
    }

    private static void assign(double[] target, double[] value, boolean[] mask) {
        for (int t = 0; t < target.length; t++) {
            if (mask[t]) {
                target[t] = value[t];
            }
        }
    }

    /** A run must be whole and aligned to its length, as a target's vector access needs. */
    private void stripBounds(double first, int length, int bufferLength) {
        if (length < 0 || first < 0 || first + length > bufferLength) {
            throw new IndexOutOfBoundsException(kernel.name() + ": strip of " + length + " at " + first
                    + " in a buffer of " + bufferLength);
        }
    }

    private static void runBounds(double first, int length, int bufferLength) {
        if (first % length != 0 || first < 0 || first + length > bufferLength) {
            throw new IllegalStateException("run of " + length + " at " + first + " in a buffer of " + bufferLength);
        }
    }

    private double[] array(String name, int thread) {
        double[] s = shared.get(name);
        return s != null ? s : local.get(name)[thread];
    }

    private double[] eval(KExpr e, boolean[] mask) {
        double[] out = new double[threads];
        if (e instanceof KExpr.SimdReduce r) {
            double[] x = eval(r.x(), mask);
            for (int start = 0; start < threads; start += simdWidth) {
                double acc = r.combine().identity(r.type());
                for (int t = start; t < start + simdWidth && t < threads; t++) {
                    if (mask[t]) {
                        acc = combine(r.combine(), acc, x[t], r.type());
                    }
                }
                for (int t = start; t < start + simdWidth && t < threads; t++) {
                    out[t] = acc;
                }
            }
            return out;
        }
        for (int t = 0; t < threads; t++) {
            out[t] = mask[t] ? scalar(e, t) : 0;
        }
        return out;
    }

    private static double combine(Combine c, double a, double b, DType type) {
        switch (c) {
            case SUM: return type.round(a + b);
            case PROD: return type.round(a * b);
            case MAX: return OpSemantics.max(a, b);
            default: return OpSemantics.min(a, b);
        }
    }

    /** One thread's value of an expression (lanes of a simd reduction are handled by eval). */
    private double scalar(KExpr e, int t) {
        if (e instanceof KExpr.Lit l) {
            return l.value();
        }
        if (e instanceof KExpr.Var v) {
            double[] values = vars.get(v.name());
            if (values == null) {
                throw new IllegalStateException("kernel " + kernel.name() + " reads " + v.name() + " before setting it");
            }
            return values[t];
        }
        if (e instanceof KExpr.ThreadIndex ti) {
            return thread(ti.axis(), t);
        }
        if (e instanceof KExpr.Load l) {
            double[] buffer = buffers.get(l.buffer());
            int i = (int) scalar(l.index(), t);
            if (i < 0 || i >= buffer.length) {
                throw new IndexOutOfBoundsException(kernel.name() + " reads " + l.buffer() + "[" + i + "] of "
                        + buffer.length);
            }
            return buffer[i];
        }
        if (e instanceof KExpr.LoadArray l) {
            return array(l.array(), t)[(int) scalar(l.index(), t)];
        }
        if (e instanceof KExpr.Unary u) {
            double x = scalar(u.x(), t);
            return u.type() == DType.I32 ? OpSemantics.integer(u.fn(), (int) x) : floatUnary(u, x);
        }
        if (e instanceof KExpr.Binary b) {
            double x = scalar(b.a(), t);
            double y = scalar(b.b(), t);
            boolean integer = b.type() == DType.I32 && b.a().type() == DType.I32;
            return integer ? OpSemantics.integer(b.fn(), (int) x, (int) y) : b.type().round(OpSemantics.binary(b.fn(), x, y));
        }
        if (e instanceof KExpr.IndexOp i) {
            long x = (long) scalar(i.a(), t);
            long y = (long) scalar(i.b(), t);
            return i.fn() == KExpr.IndexFn.DIV ? x / y : x % y;
        }
        if (e instanceof KExpr.Select s) {
            return scalar(s.cond(), t) != 0 ? scalar(s.a(), t) : scalar(s.b(), t);
        }
        KExpr.Convert c = (KExpr.Convert) e;
        return c.type().round(scalar(c.x(), t));
    }

    private double thread(ThreadAxis axis, int t) {
        switch (axis) {
            case THREAD_IN_GRID: return (double) threadgroup * threads + t;
            case THREADGROUP_IN_GRID: return threadgroup;
            case THREAD_IN_THREADGROUP: return t;
            case SIMDGROUP_IN_THREADGROUP: return t / simdWidth;
            default: return t % simdWidth;
        }
    }

    /**
     * f32 exp and erf are ScalarMath's float functions (each within an ulp of the rounded f64 meaning), as the
     * Java kernels call them, so that those agree with this interpreter bit for bit; every other float function
     * is the f64 meaning rounded once.
     */
    private static double floatUnary(KExpr.Unary u, double x) {
        if (u.type() == DType.F32 && u.fn() == UnaryFn.EXP) {
            return ScalarMath.exp((float) x);
        }
        if (u.type() == DType.F32 && u.fn() == UnaryFn.ERF) {
            return ScalarMath.erf((float) x);
        }
        return u.type().round(OpSemantics.unary(u.fn(), x));
    }

    /** The threadgroup's rows of a fused attention, as KStmt.Attention defines them (f32 throughout). */
    private void attention(KStmt.Attention a, boolean[] mask) {
        int heads = (int) eval(a.heads(), mask)[0];
        int rows = (int) eval(a.rows(), mask)[0];
        int cols = (int) eval(a.cols(), mask)[0];
        int e = (int) eval(a.headDim(), mask)[0];
        float scale = (float) eval(a.scale(), mask)[0];
        int tiles = (rows + a.rowsPerThreadgroup() - 1) / a.rowsPerThreadgroup();
        int head = threadgroup / tiles;
        if (head >= heads) {
            return;
        }
        double[] q = buffers.get(a.q());
        double[] k = buffers.get(a.k());
        double[] v = buffers.get(a.v());
        double[] out = buffers.get(a.out());
        int first = threadgroup % tiles * a.rowsPerThreadgroup();
        float[] s = new float[cols];
        for (int r = first; r < Math.min(rows, first + a.rowsPerThreadgroup()); r++) {
            long qRow = ((long) head * rows + r) * e;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                long kRow = ((long) head * cols + j) * e;
                float dot = 0;
                for (int x = 0; x < e; x++) {
                    dot += (float) q[(int) (qRow + x)] * (float) k[(int) (kRow + x)];
                }
                s[j] = scale * dot;
                max = Math.max(max, s[j]);
            }
            float sum = 0;
            for (int j = 0; j < cols; j++) {
                s[j] = (float) Math.exp(s[j] - max);
                sum += s[j];
            }
            for (int x = 0; x < e; x++) {
                float o = 0;
                for (int j = 0; j < cols; j++) {
                    o += (float) a.dtype().round(s[j]) * (float) v[(int) (((long) head * cols + j) * e + x)];
                }
                out[(int) (qRow + x)] = a.dtype().round(cols == 0 ? 0f : o / sum);
            }
        }
    }
}
