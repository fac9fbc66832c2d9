// Where one intermediate lives in the arena of a call, and for how long.
package dev.tmc.compiler.memory;

import dev.tmc.compiler.shape.DimExpr;

import java.util.OptionalInt;

/**
 * @param value       the graph value stored there
 * @param bytes       its size in its storage dtype
 * @param slot        the arena slot it occupies (slots are reused by values whose lives do not overlap)
 * @param offset      the slot's byte offset in the arena
 * @param producer    index of the kernel that writes it
 * @param lastUse     index of the last kernel that reads it
 * @param inPlaceOf   the value whose buffer it overwrites element by element, if any
 */
public record Allocation(int value, DimExpr bytes, int slot, DimExpr offset, int producer, int lastUse,
                         OptionalInt inPlaceOf) {
}
