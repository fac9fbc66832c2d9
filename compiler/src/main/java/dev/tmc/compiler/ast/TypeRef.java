// A written type: f32 (a scalar), f32[] (rank 0) or f16[N, D].
package dev.tmc.compiler.ast;

import dev.tmc.compiler.source.SourceSpan;

import java.util.List;
import java.util.Optional;

public record TypeRef(String dtype, SourceSpan dtypeSpan, Optional<List<DimRef>> dims, SourceSpan span) {
    public TypeRef {
        dims = dims.map(List::copyOf);
    }

    public boolean isScalar() {
        return dims.isEmpty();
    }
}
