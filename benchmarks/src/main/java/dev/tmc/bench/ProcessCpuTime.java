// CPU time this JVM has used, all threads together: the work a call costs, which a shared machine's
// contention does not inflate the way it inflates wall time.
package dev.tmc.bench;

import java.lang.management.ManagementFactory;

final class ProcessCpuTime {
    private ProcessCpuTime() {
    }

    /** Nanoseconds of CPU time so far, or -1 where the JVM does not say. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
