// Reductions over axes in the graph IR.
package dev.tmc.compiler.ir.graph;

public enum ReduceFn {
    SUM("sum"), PROD("prod"), MAX("max"), MIN("min"), MEAN("mean"), ARGMAX("argmax"), ARGMIN("argmin");

    private final String spelling;

    ReduceFn(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** argmax/argmin return i32 indices of one axis rather than combining values. */
    public boolean isArg() {
        return this == ARGMAX || this == ARGMIN;
    }
}
