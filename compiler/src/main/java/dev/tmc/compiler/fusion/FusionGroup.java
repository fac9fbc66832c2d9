// One fusion group: the instructions one kernel computes, what it reads and what it writes.
package dev.tmc.compiler.fusion;

import dev.tmc.compiler.shape.Shape;

import java.util.List;
import java.util.Map;

/**
 * @param members     instruction ids computed in the kernel, in graph order; free values
 *                    (constants, dims, iotas and cheap arithmetic on them) appear in every group
 *                    that uses them
 * @param inputs      values the kernel loads: parameters and other groups' outputs
 * @param outputs     members the kernel stores: pipeline outputs and values other groups read
 * @param domain      POINTWISE and MATMUL: the output shape; reductions: the reduced input's shape
 * @param reduceAxes  the reduced axes of the domain (empty unless a reduction template)
 * @param spaces      reduction templates: the space of each member (others: all FULL)
 * @param notes       what explain should say: recomputed work, views folded into loads
 */
public record FusionGroup(int id, String name, Template template, List<Integer> members, List<Integer> inputs,
                          List<Integer> outputs, Shape domain, List<Integer> reduceAxes,
                          Map<Integer, Space> spaces, List<String> notes) {
    public FusionGroup {
        members = List.copyOf(members);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        reduceAxes = List.copyOf(reduceAxes);
        spaces = Map.copyOf(spaces);
        notes = List.copyOf(notes);
    }

    public Space space(int member) {
        return spaces.getOrDefault(member, Space.FULL);
    }
}
