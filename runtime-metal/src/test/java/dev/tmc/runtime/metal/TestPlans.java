// The hand-written plans of this module's tests, read from test resources.
package dev.tmc.runtime.metal;

import dev.tmc.runtime.plan.FilePlan;
import dev.tmc.runtime.plan.PlanJson;

final class TestPlans {
    private TestPlans() {
    }

    /** Four launches: a grid from a floor division, an empty grid, f16 arena data at a dim-dependent offset. */
    static FilePlan dispatch() {
        return PlanJson.readResource(TestPlans.class, "dispatch.tmc.json");
    }

    /** y = x * s + 1 through an arena value at byte 256; names scale_shift.metallib. */
    static FilePlan scaleShift() {
        return PlanJson.readResource(TestPlans.class, "scale_shift.tmc.json");
    }
}
