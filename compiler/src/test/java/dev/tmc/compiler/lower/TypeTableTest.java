// The dtype and shape of expressions: promotion, broadcasting, reductions, matmul and shape ops.
package dev.tmc.compiler.lower;

import dev.tmc.compiler.ir.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TypeTableTest {

    /** parameters | expression | type: the pipeline declares that type as its output. */
    private static final String TABLE = """
        a: f16[N], b: f32[N]          | a + b                          | f32[N]
        a: bf16[N]                    | a * 2.0                        | bf16[N]
        a: bf16[N]                    | 0.5 * a + 1                    | bf16[N]
        a: i32[N], b: i32[N]          | a / b                          | f32[N]
        a: i32[N]                     | a / 2                          | f32[N]
        a: i32[N]                     | a + 1.5                        | f32[N]
        a: f16[N], b: bf16[N]         | a + b                          | f32[N]
        a: bool[N], b: i32[N]         | a + b                          | i32[N]
        a: bool[N], b: bf16[N]        | a * b                          | bf16[N]
        a: bool[N]                    | a + 1                          | i32[N]
        a: bool[N]                    | a * 0.5                        | f32[N]
        a: i32[N], b: f16[N]          | a + b                          | f16[N]
        a: f16[N]                     | a * 2                          | f16[N]
        a: f16[N]                     | a + N                          | f16[N]
        a: i32[N]                     | a * 2                          | i32[N]
        a: i32[N]                     | a ** 2                         | i32[N]
        a: i32[N]                     | a % 3                          | i32[N]
        a: f16[N]                     | -a                             | f16[N]
        a: f16[N], b: f16[N]          | a < b                          | bool[N]
        a: i32[N]                     | a == 1.5                       | bool[N]
        a: bool[N], b: bool[N]        | a && !b                        | bool[N]
        a: i32[N]                     | exp(a)                         | f32[N]
        a: bool[N]                    | sqrt(a as f16)                 | f16[N]
        a: bf16[N]                    | tanh(a)                        | bf16[N]
        a: i32[N]                     | abs(a)                         | i32[N]
        a: i32[N]                     | floor(a)                       | i32[N]
        a: f16[N], b: f32[N]          | max(a, b)                      | f32[N]
        a: i32[N]                     | clamp(a, 0, 10)                | i32[N]
        a: i32[N]                     | clamp(a, 0, 0.5)               | f32[N]
        a: f16[N], b: f32[N]          | where(a > 0, a, b)             | f32[N]
        a: f16[N]                     | where(a > 0, a, 0.0)           | f16[N]
        a: f16[N]                     | a as i32                       | i32[N]
        a: i32[N], s: f32             | a * s                          | f32[N]
        a: f16[N], s: f32             | a * s                          | f32[N]
        s: f16                        | s * 2                          | f16[]
        a: i32[N]                     | mean(a)                        | f32[]
        a: bool[N]                    | mean(a)                        | f32[]
        a: bool[N]                    | sum(a)                         | i32[]
        a: bool[N]                    | prod(a)                        | i32[]
        a: f16[N]                     | sum(a)                         | f16[]
        a: i32[N]                     | sum(a) / N                     | f32[]
        a: f32[N, D]                  | argmax(a, axis = 1)            | i32[N]
        a: f16[N, D]                  | argmin(a)                      | i32[]
        a: f32[N, 1], b: f32[D]       | a + b                          | f32[N, D]
        a: f32[N, D], b: f32[D]       | a * b                          | f32[N, D]
        a: f32[D], b: f32[N, D]       | a - b                          | f32[N, D]
        a: f32[B, 1, D], b: f32[N, 1] | a + b                          | f32[B, N, D]
        a: f32[N, D], s: f32[]        | a - s                          | f32[N, D]
        c: bool[N, 1], a: f32[D]      | where(c, a, 0.0)               | f32[N, D]
        a: f32[N, D]                  | sum(a, axis = -1, keepdims = true) | f32[N, 1]
        a: f32[B, N, D]               | sum(a, axis = [0, 2])          | f32[N]
        a: f32[B, N, D]               | max(a, axis = [-1, 0], keepdims = true) | f32[1, N, 1]
        a: f32[N, D]                  | mean(a)                        | f32[]
        a: f32[N, D]                  | min(a, keepdims = true)        | f32[1, 1]
        a: f32[N, D]                  | sum(a, axis = [])              | f32[N, D]
        a: f32[N, D]                  | argmax(a)                      | i32[]
        a: f32[N, D]                  | argmin(a, keepdims = true)     | i32[1, 1]
        a: f32[N, D]                  | argmax(a, axis = 0, keepdims = true) | i32[1, D]
        a: f32[N, K], b: f32[K, M]    | a @ b                          | f32[N, M]
        a: f32[B, N, K], b: f32[K, M] | a @ b                          | f32[B, N, M]
        a: f32[B, 1, N, K], b: f32[H, K, M] | a @ b                    | f32[B, H, N, M]
        a: f32[K], b: f32[K, M]       | a @ b                          | f32[M]
        a: f32[N, K], b: f32[K]       | a @ b                          | f32[N]
        a: f32[K], b: f32[K]          | a @ b                          | f32[]
        a: f32[B, N, K], b: f32[K]    | matmul(a, b)                   | f32[B, N]
        a: f32[K], b: f32[B, K, M]    | a @ b                          | f32[B, M]
        a: i32[N, K], b: f16[K, M]    | a @ b                          | f16[N, M]
        a: f16[N, K], b: bf16[K, M]   | a @ b                          | f32[N, M]
        a: f32[N, D]                  | transpose(a)                   | f32[D, N]
        a: f32[B, N, D]               | transpose(a)                   | f32[D, N, B]
        a: f32[B, N, D]               | transpose(a, 0, 2, 1)          | f32[B, D, N]
        a: f32[B, N, D]               | transpose(a, [-1, 0, 1])       | f32[D, B, N]
        a: f32[N, D]                  | reshape(a, -1)                 | f32[D*N]
        a: f32[N, D]                  | reshape(a, D, -1)              | f32[D, N]
        a: f32[N, 4, D]               | reshape(a, N * 2, -1)          | f32[2*N, 2*D]
        a: f32[N, D]                  | reshape(a, 1, N, D)            | f32[1, N, D]
        a: f32[2, 3]                  | reshape(a, [3, 2])             | f32[3, 2]
        a: f32[D], y: f32[N]          | broadcast(a, N, D)             | f32[N, D]
        a: f32[N, 1], y: f32[D]       | broadcast(a, N, D)             | f32[N, D]
        a: f32[N]                     | a[::2]                         | f32[(N + 1)/2]
        a: f32[N]                     | a[1::2]                        | f32[N/2]
        a: f32[N]                     | a[1:N-1]                       | f32[N - 2]
        a: f32[N]                     | a[:-1]                         | f32[N - 1]
        a: f32[N, D]                  | a[:, 0]                        | f32[N]
        a: f32[N, D]                  | a[-1]                          | f32[D]
        a: f32[N, D]                  | a[1:, ::3]                     | f32[N - 1, (D + 2)/3]
        a: f32[8]                     | a[::3]                         | f32[3]
        a: f32[8]                     | a[-3:]                         | f32[3]
        a: f32[N, D]                  | slice(a, 0:2, :)               | f32[2, D]
        a: f32[N, D]                  | a[0, 0]                        | f32[]
        a: f32[N], b: f32[M]          | concat(a, b)                   | f32[M + N]
        a: f32[N, D], b: f32[N, 3]    | concat(a, b, axis = -1)        | f32[N, D + 3]
        a: f32[N], b: f32[N], c: f32[2] | concat(a, b, c)              | f32[2*N + 2]
        a: f16[N], b: bf16[N]         | concat(a, b)                   | f32[2*N]
        a: i32[N]                     | arange(N)                      | i32[N]
        a: i32[N]                     | arange(2 * N + 1)              | i32[2*N + 1]
        a: f16[N, D]                  | softmax(a)                     | f16[N, D]
        a: bf16[N, D], w: bf16[D]     | rms_norm(a, w)                 | bf16[N, D]
        a: f32[N, D]                  | logsumexp(a)                   | f32[N]
        a: f32[N, D]                  | logsumexp(a, axis = 0, keepdims = true) | f32[1, D]
        a: i32[N]                     | relu(a)                        | i32[N]
        a: f16[N]                     | gelu(a)                        | f16[N]
        """;

    static Stream<Arguments> table() {
        return TABLE.lines().map(line -> Arrays.stream(line.split("\\|")).map(String::trim).toArray())
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "({0})  {1}  :  {2}")
    @MethodSource("table")
    void typeOfExpression(String params, String expr, String type) {
        String uses = uses(params, expr);
        Graph g = Lowering.pipeline("pipeline P(" + params + ") -> " + type + " {\n  return " + expr + uses + ";\n}");
        assertEquals(type, Lowering.returnedType(g).toString());
    }

    @Test
    void aFloatValueIsStoredInANarrowerFloatOutput() {
        Graph g = Lowering.pipeline("pipeline P(a: f16[N], b: f32[N]) -> f16[N] { return a + b; }");
        assertEquals("f32[N]", Lowering.returnedType(g).toString());
        assertEquals("f16[N]", g.type(g.outputs().get(0).value()).toString());
    }

    /** Parameters the expression does not read are still used, so the pipeline has no warnings. */
    private static String uses(String params, String expr) {
        StringBuilder out = new StringBuilder();
        for (String p : params.split(",\\s*(?![^\\[]*\\])")) {
            String name = p.substring(0, p.indexOf(':')).trim();
            if (!expr.matches(".*\\b" + name + "\\b.*")) {
                out.append(" + 0 * sum(").append(name).append(")");
            }
        }
        return out.toString();
    }
}
