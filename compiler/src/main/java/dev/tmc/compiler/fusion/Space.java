// Where a value of a reduction group lives: per element of the reduced input, or per output row.
package dev.tmc.compiler.fusion;

public enum Space {
    /** Shape broadcastable to the group's domain; evaluated per element. */
    FULL,
    /** Reduced axes kept as size 1 (keepdims=true): one value per row. */
    KEPT,
    /** Reduced axes dropped (keepdims=false): one value per row. */
    SQUEEZED,
    /** A matmul operand read through conversions or views (indexed like the operand, not the result). */
    OPERAND
}
