// The manifest file: a FilePlan as JSON, written by the compiler next to the generated classes and
// read by them at class initialisation.
package dev.tmc.runtime.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * The schema, every key required (null where a record holds an empty Optional) and no other allowed,
 * except the two marked optional, written only where present (so plans without them read as before):
 *
 * <pre>
 * file      {"format": 1, "source": str, "package": str, "metalSource": str|null,
 *            "metalLibrary": str|null, "pipelines": [pipeline]}
 * pipeline  {"name": str, "params": [param], "outputs": [output], "requirements": [requirement],
 *            "hostValues": [{"value": int, "expr": host}],
 *            "arena": {"bytes": size, "allocations": [allocation]},
 *            "kernels": {target: [kernel]},                      targets sorted by name
 *            "arenas": {target: arena}}                          optional: a target's own arena
 * arena     {"bytes": size, "allocations": [allocation]}
 * param     {"name": str, "dtype": dtype, "shape": [size], "scalar": bool, "default": real|null}
 * output    {"name": str, "dtype": dtype, "shape": [size]}
 * requirement {"nonNegative": size, "message": str}
 * allocation {"value": int, "slot": int, "offset": size, "bytes": size, "dtype": dtype}
 * kernel    {"name": str, "template": str, "threadgroups": size, "threadsPerThreadgroup": int,
 *            "buffers": [{"name": str, "dtype": dtype, "written": bool, "source": bufsrc}],
 *            "scalars": [{"name": str, "dtype": dtype, "source": scalarsrc}],
 *            "library": matmul|attention}                        optional: a library step
 * matmul    {"op": "matmul", "a": int, "b": int, "out": int, "bias": int, "alpha": int,
 *            "transposeA": bool, "transposeB": bool, "batch": size, "m": size, "n": size, "k": size,
 *            "dtype": dtype}                                     buffer / scalar indices, -1: none
 * attention {"op": "attention", "q": int, "k": int, "v": int, "out": int, "scale": int,
 *            "scaleConstant": real, "heads": size, "rows": size, "cols": size, "headDim": size,
 *            "dtype": dtype}                                     scale -1: scaleConstant
 * bufsrc    {"param": int} | {"output": int} | {"arena": value}
 * scalarsrc {"dim": str} | {"scalarParam": int} | {"hostValue": value}
 * host      {"const": real, "dtype": dtype} | {"dim": size, "dtype": dtype}
 *           | {"param": int, "dtype": dtype} | {"op": str, "dtype": dtype, "args": [host]}
 * size      int                        a constant
 *           | str                      one dim, e.g. "N"
 *           | [[int, factor...]...]    a sum of terms coef * factor * ...; [] is 0
 * factor    str | {"floordiv": size, "by": int}
 * dtype     "f32" | "f16" | "bf16" | "i32" | "bool"
 * real      a JSON number (shortest round-trip decimal) | "nan" | "inf" | "-inf"
 * </pre>
 *
 * <p>Writing is deterministic: keys in the order above, 2-space indentation, arrays and objects
 * that fit in 100 columns on one line, a final newline.
 */
public final class PlanJson {
    private PlanJson() {}

    public static String write(FilePlan plan) {
        return JsonWriter.write(PlanEncoder.file(plan));
    }

    /**
     * @param sourceName names the text in error messages, e.g. the resource path
     * @throws PlanFormatException for malformed JSON, a manifest of another format, or any key
     *                             missing, unknown or of the wrong kind
     */
    public static FilePlan read(String json, String sourceName) {
        return PlanDecoder.file(JsonParser.parse(json, sourceName), sourceName);
    }

    /**
     * Reads a UTF-8 manifest resource found as {@code anchor.getResourceAsStream(resourcePath)}
     * does: relative to the anchor's package unless the path starts with '/'.
     *
     * @throws PlanFormatException when the resource is missing or is not a valid manifest
     */
    public static FilePlan readResource(Class<?> anchor, String resourcePath) {
        String name = resourceName(anchor, resourcePath);
        try (InputStream in = anchor.getResourceAsStream(resourcePath)) {
            if (in == null) {
                throw new PlanFormatException(name, "no such resource next to " + anchor.getName()
                        + " (is the manifest packaged with the generated classes?)");
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
            return read(text, name);
        } catch (CharacterCodingException e) {
            throw new PlanFormatException(name, "not valid UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The resource's full path, as errors should show it. */
    private static String resourceName(Class<?> anchor, String resourcePath) {
        if (resourcePath.startsWith("/")) {
            return resourcePath.substring(1);
        }
        String pkg = anchor.getPackageName();
        return pkg.isEmpty() ? resourcePath : pkg.replace('.', '/') + "/" + resourcePath;
    }
}
