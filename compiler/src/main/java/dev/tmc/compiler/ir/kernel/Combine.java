// How a reduction combines two partial results; the identity starts an accumulator.
package dev.tmc.compiler.ir.kernel;

import dev.tmc.runtime.DType;

public enum Combine {
    SUM, PROD, MAX, MIN;

    /**
     * The neutral element in {@code type}, a value of that type: the lowest finite value stands in
     * for -inf on integers; for bool (false < true) max starts at false and min at true.
     */
    public double identity(DType type) {
        if (type == DType.BOOL && (this == MAX || this == MIN)) {
            return this == MAX ? 0 : 1;
        }
        switch (this) {
            case SUM: return 0;
            case PROD: return 1;
            case MAX: return type.isFloat() ? Double.NEGATIVE_INFINITY : Integer.MIN_VALUE;
            default: return type.isFloat() ? Double.POSITIVE_INFINITY : Integer.MAX_VALUE;
        }
    }
}
