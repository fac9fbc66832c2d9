// Npy's reader on headers written by hand in every layout a Python writer could produce.
package dev.tmc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyHeaderParsingTest {
    private static final String TWO_FLOATS = "0000803f00000040";

    /** Each header describes two little-endian f4 values, 1 and 2, of shape (2,). */
    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)}",
        "{'shape': (2,), 'fortran_order': False, 'descr': '<f4'}",
        "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,)}",
        "{'descr':'<f4','fortran_order':False,'shape':(2,),}",
        "  {  'descr' : '<f4' ,\n 'fortran_order' :\tFalse , 'shape' : ( 2 , ) , }  ",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (+2,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': ((2,)),}",
    })
    void acceptsAnyPythonSpelling(String dict) throws Exception {
        NpyArray expected = NpyArray.vector(NpyType.F4, 1, 2);
        assertEquals(expected, Npy.read("a.npy", HandWrittenNpy.padded(1, dict, TWO_FLOATS)));
        assertEquals(expected, Npy.read("a.npy", HandWrittenNpy.raw(1, dict, TWO_FLOATS)), "unpadded");
        assertEquals(expected, Npy.read("a.npy", HandWrittenNpy.padded(2, dict, TWO_FLOATS)), "version 2.0");
        assertEquals(expected, Npy.read("a.npy", HandWrittenNpy.padded(3, dict, TWO_FLOATS)), "version 3.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"()", "( )", "(1, 1)", "(1,1,1,)", "(1, 1, 1, 1)"})
    void acceptsAnyRankHoldingOneValue(String shape) throws Exception {
        byte[] file = HandWrittenNpy.padded(1, HandWrittenNpy.dict("<i4", shape), "2a000000");
        NpyArray array = Npy.read("one.npy", file);
        assertEquals(1, array.size());
        assertEquals(42.0, array.value(0));
        assertEquals(shape.replaceAll("[^1]", "").length(), array.rank());
    }

    /** Single-byte types have no byte order, so every order prefix names the same type. */
    @ParameterizedTest
    @ValueSource(strings = {"|b1", "<b1", ">b1", "=b1", "|u1", "<u1", ">u1", "=u1"})
    void acceptsAnyByteOrderForSingleByteTypes(String descr) throws Exception {
        NpyArray array = Npy.read("b.npy", HandWrittenNpy.padded(1, HandWrittenNpy.dict(descr, "(2,)"), "0102"));
        NpyType expected = descr.endsWith("b1") ? NpyType.B1 : NpyType.U1;
        assertEquals(new NpyArray(expected, new long[] {2}, descr.endsWith("b1") ? new double[] {1, 1} : new double[] {1, 2}),
                array);
    }
}
