// Load-time consistency checks of a pipeline's plan for one target: every index, dim, value id and
// op a call will follow must exist, so a call can only fail on its arguments, never on the plan.
package dev.tmc.runtime.call;

import dev.tmc.runtime.DType;
import dev.tmc.runtime.plan.HostExpr;
import dev.tmc.runtime.plan.PipelinePlan;
import dev.tmc.runtime.plan.SizeExpr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Failures are IllegalArgumentExceptions: a plan the compiler should not have written. */
final class PlanCheck {
    private final PipelinePlan plan;
    private final Set<String> boundDims = new HashSet<>();
    private final Map<Integer, PipelinePlan.Allocation> arena = new HashMap<>();
    private final Set<Integer> hostValues = new HashSet<>();

    private PlanCheck(PipelinePlan plan) {
        this.plan = plan;
    }

    static void check(PipelinePlan plan, String target) {
        new PlanCheck(plan).run(target);
    }

    private void run(String target) {
        Set<String> names = new HashSet<>();
        for (PipelinePlan.Param p : plan.params()) {
            require(names.add(p.name()), "two parameters are named " + p.name());
            if (p.scalar()) {
                require(p.shape().isEmpty(), "scalar parameter " + p.name() + " has a shape");
            }
            for (SizeExpr s : p.shape()) {
                s.asDim().ifPresent(boundDims::add);
            }
        }
        for (PipelinePlan.Param p : plan.params()) {
            p.shape().forEach(s -> dims(s, "the shape of parameter " + p.name()));
        }
        for (PipelinePlan.Output o : plan.outputs()) {
            o.shape().forEach(s -> dims(s, "the shape of output " + o.name()));
        }
        for (PipelinePlan.Requirement r : plan.requirements()) {
            dims(r.nonNegative(), "the requirement \"" + r.message() + "\"");
        }
        for (PipelinePlan.HostValue h : plan.hostValues()) {
            require(hostValues.add(h.value()), "host value " + h.value() + " is defined twice");
            host(h.expr(), "host value " + h.value());
        }
        dims(plan.arena(target).bytes(), "the arena size");
        for (PipelinePlan.Allocation a : plan.arena(target).allocations()) {
            require(arena.put(a.value(), a) == null, "value " + a.value() + " has two arena allocations");
            dims(a.bytes(), "the allocation of value " + a.value());
            dims(a.offset(), "the allocation of value " + a.value());
        }
        for (PipelinePlan.KernelPlan k : plan.kernels(target)) {
            kernel(k);
        }
    }

    private void kernel(PipelinePlan.KernelPlan k) {
        String where = "kernel " + k.name();
        dims(k.threadgroups(), "the launch of " + where);
        for (PipelinePlan.BufferBinding b : k.buffers()) {
            String what = where + " buffer " + b.name();
            DType declared;
            if (b.source() instanceof PipelinePlan.FromParam p) {
                require(p.index() >= 0 && p.index() < plan.params().size() && !plan.params().get(p.index()).scalar(),
                        what + " is bound to parameter " + p.index() + ", which is not a tensor parameter");
                declared = plan.params().get(p.index()).dtype();
            } else if (b.source() instanceof PipelinePlan.FromOutput o) {
                require(o.index() >= 0 && o.index() < plan.outputs().size(), what + " is bound to output "
                        + o.index() + ", but there are " + plan.outputs().size());
                declared = plan.outputs().get(o.index()).dtype();
            } else {
                int value = ((PipelinePlan.FromArena) b.source()).value();
                PipelinePlan.Allocation a = arena.get(value);
                require(a != null, what + " is bound to value " + value + ", which has no arena allocation");
                declared = a.dtype();
            }
            require(declared == b.dtype(), what + " is " + b.dtype() + " but is bound to a " + declared + " tensor");
        }
        for (PipelinePlan.ScalarBinding s : k.scalars()) {
            String what = where + " scalar " + s.name();
            if (s.source() instanceof PipelinePlan.FromDim d) {
                require(boundDims.contains(d.dim()), what + " is dim " + d.dim() + ", which no input binds");
            } else if (s.source() instanceof PipelinePlan.FromScalarParam p) {
                scalarParam(p.index(), what);
            } else {
                int value = ((PipelinePlan.FromHostValue) s.source()).value();
                require(hostValues.contains(value), what + " is host value " + value + ", which the plan does not define");
            }
        }
        if (k.library().orElse(null) instanceof PipelinePlan.MatmulStep m) {
            library(k, m, where);
        } else if (k.library().orElse(null) instanceof PipelinePlan.AttentionStep a) {
            library(k, a, where);
        }
    }

    private void library(PipelinePlan.KernelPlan k, PipelinePlan.AttentionStep a, String where) {
        int buffers = k.buffers().size();
        for (int b : new int[] {a.q(), a.k(), a.v(), a.out()}) {
            require(b >= 0 && b < buffers, where + ": its library attention names a buffer it does not have");
        }
        require(k.buffers().get(a.out()).written(), where + ": its library attention writes a buffer it only reads");
        require(a.scale() >= -1 && a.scale() < k.scalars().size(),
                where + ": its library attention names a scalar it does not have");
        for (SizeExpr s : List.of(a.heads(), a.rows(), a.cols(), a.headDim())) {
            dims(s, "the library attention of " + where);
        }
    }

    private void library(PipelinePlan.KernelPlan k, PipelinePlan.MatmulStep m, String where) {
        int buffers = k.buffers().size();
        require(m.a() >= 0 && m.a() < buffers && m.b() >= 0 && m.b() < buffers && m.out() >= 0 && m.out() < buffers
                && m.bias() >= -1 && m.bias() < buffers, where + ": its library matmul names a buffer it does not have");
        require(k.buffers().get(m.out()).written(), where + ": its library matmul writes a buffer it only reads");
        require(m.alpha() >= -1 && m.alpha() < k.scalars().size(),
                where + ": its library matmul names a scalar it does not have");
        for (SizeExpr s : List.of(m.batch(), m.m(), m.n(), m.k())) {
            dims(s, "the library matmul of " + where);
        }
    }

    private void host(HostExpr e, String where) {
        if (e instanceof HostExpr.DimValue d) {
            dims(d.size(), where);
        } else if (e instanceof HostExpr.Param p) {
            scalarParam(p.index(), where);
        } else if (e instanceof HostExpr.Op op) {
            String name = op.op();
            int arity = name.equals("select") ? 3 : name.equals("cast") || HostValues.UNARY.contains(name) ? 1
                    : HostValues.BINARY.contains(name) ? 2 : -1;
            require(arity >= 0, where + " uses the unknown op " + name);
            require(op.args().size() == arity, where + ": " + name + " takes " + arity + " operands, given "
                    + op.args().size());
            require(arity != 1 || name.equals("cast") || op.dtype() != DType.I32 || HostValues.INTEGER_UNARY.contains(name),
                    where + ": " + name + " has no i32 form");
            op.args().forEach(a -> host(a, where));
        }
    }

    private void scalarParam(int index, String where) {
        require(index >= 0 && index < plan.params().size() && plan.params().get(index).scalar(),
                where + " refers to parameter " + index + ", which is not a scalar parameter");
    }

    private void dims(SizeExpr size, String where) {
        for (String d : size.dims()) {
            require(boundDims.contains(d), where + " uses dim " + d + ", which no input binds");
        }
    }

    private void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("the plan of pipeline " + plan.name() + " is inconsistent: " + problem);
        }
    }
}
