// The CPU backend on a Java runtime without a compiler (a JRE): a usage error that says what to do,
// before any work; with a compiler, the same pipeline runs.
package dev.tmc.cli;

import dev.tmc.compiler.interp.HostArray;
import dev.tmc.compiler.ir.graph.Module;
import dev.tmc.compiler.ir.graph.Precision;
import dev.tmc.runtime.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuBackendTest {
    @TempDir
    Path dir;

    private Module module() throws Exception {
        Path file = Files.writeString(dir.resolve("p.tm"), "pipeline P(x: f32[N]) -> f32[N] {\n  return x * 2 + 1;\n}\n");
        DiagnosticReport report = new DiagnosticReport(new PrintWriter(new StringWriter()));
        return SourceLoader.lower(file.toString(), Precision.BALANCED, report).orElseThrow();
    }

    @Test
    void withoutAJavaCompilerItIsAUsageErrorNamingTheWayOut() throws Exception {
        Module m = module();
        CliError e = assertThrows(CliError.class,
                () -> new CpuBackend(() -> false).prepare(m, m.pipelines().get(0), Precision.BALANCED));
        assertEquals(ExitStatus.USAGE, e.exitStatus());
        assertTrue(e.getMessage().startsWith("--device cpu compiles the pipeline's Java kernels with the JDK's compiler"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("run tmc with a JDK 17 or later, or use --device reference"), e.getMessage());
    }

    @Test
    void withACompilerThePipelineRuns() throws Exception {
        Module m = module();
        Backend.Call call = new CpuBackend(() -> true).prepare(m, m.pipelines().get(0), Precision.BALANCED);
        Map<String, HostArray> out = call.run(Map.of("x", new HostArray(DType.F32, new long[] {3},
                new double[] {0.5, -1, 2})));
        assertArrayEquals(new double[] {2, -1, 5}, out.get("out").data());
    }
}
