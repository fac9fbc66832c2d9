package dev.tmc.runtime.cuda;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GraphReplay's decisions against a driver that writes down what it is asked (no GPU needed). */
class GraphReplayTest {
    /** The driver's log: "run a", "begin", "end g1", "launch g1", "destroy g1"; runs while capturing are "record a". */
    private final List<String> log = new ArrayList<>();
    private boolean capturing;
    private int graphs;
    private boolean refuseCapture;

    private final GraphReplay.Graphs driver = new GraphReplay.Graphs() {
        @Override
        public void captureBegin() {
            if (refuseCapture) {
                throw new IllegalStateException("cuStreamBeginCapture: refused");
            }
            capturing = true;
            log.add("begin");
        }

        @Override
        public long captureEnd() {
            capturing = false;
            graphs++;
            log.add("end g" + graphs);
            return graphs;
        }

        @Override
        public void launch(long graph) {
            log.add("launch g" + graph);
        }

        @Override
        public void destroy(long graph) {
            log.add("destroy g" + graph);
        }
    };

    /** A call of two steps named by {@code name}, described by {@code words}. */
    private Launches call(String name, long... words) {
        Launches l = new Launches();
        l.step(() -> log.add((capturing ? "record " : "run ") + name + "1"), words);
        l.step(() -> log.add((capturing ? "record " : "run ") + name + "2"), 7);
        return l;
    }

    @Test
    void theSecondEqualCallRecordsAGraphAndLaterOnesReplayIt() {
        GraphReplay replay = new GraphReplay(driver, true);
        replay.enqueue(call("a", 1, 2));
        replay.enqueue(call("a", 1, 2));
        replay.enqueue(call("a", 1, 2));
        assertEquals(List.of("run a1", "run a2", "begin", "record a1", "record a2", "end g1", "launch g1",
                "launch g1"), log);
        assertEquals(2, replay.replays());
    }

    @Test
    void callsAlternatingBetweenBuffersReplayAGraphEach() {
        GraphReplay replay = new GraphReplay(driver, true);
        replay.enqueue(call("a", 1, 2));
        replay.enqueue(call("a", 1, 2)); // g1
        replay.enqueue(call("b", 1, 3)); // other pointers: not the graph's
        replay.enqueue(call("a", 1, 2)); // g1 again
        replay.enqueue(call("b", 1, 3)); // the last call that ran step by step: g2
        replay.enqueue(call("a", 1, 2));
        replay.enqueue(call("b", 1, 3));
        assertEquals(List.of("run a1", "run a2", "begin", "record a1", "record a2", "end g1", "launch g1",
                "run b1", "run b2", "launch g1", "begin", "record b1", "record b2", "end g2", "launch g2",
                "launch g1", "launch g2"), log);
    }

    @Test
    void theLeastRecentlyUsedGraphGoesWhenTheCacheIsFull() {
        GraphReplay replay = new GraphReplay(driver, true);
        for (int k = 0; k <= GraphReplay.GRAPHS; k++) {
            replay.enqueue(call("k" + k, 1, k));
            replay.enqueue(call("k" + k, 1, k)); // graph g(k+1)
        }
        assertEquals(List.of("end g5", "destroy g1", "launch g5"), log.subList(log.size() - 3, log.size()));
        log.clear();
        replay.enqueue(call("k0", 1, 0)); // its graph was destroyed: runs step by step
        replay.enqueue(call("k1", 1, 1)); // g2 is kept
        assertEquals(List.of("run k01", "run k02", "launch g2"), log);
    }

    @Test
    void wordsDecideEvenWhenThePrefixMatches() {
        GraphReplay replay = new GraphReplay(driver, true);
        replay.enqueue(call("a", 1, 2));
        replay.enqueue(call("a", 1, 2));
        Launches longer = call("c", 1, 2);
        longer.step(() -> log.add("run c3"), 9);
        replay.enqueue(longer);
        assertEquals("run c3", log.get(log.size() - 1));
        assertEquals(1, replay.replays());
    }

    @Test
    void oneStepCallsAndDisabledReplayAlwaysRunStepByStep() {
        GraphReplay off = new GraphReplay(driver, false);
        for (int i = 0; i < 3; i++) {
            off.enqueue(call("a", 1, 2));
        }
        GraphReplay on = new GraphReplay(driver, true);
        for (int i = 0; i < 3; i++) {
            Launches one = new Launches();
            one.step(() -> log.add("run single"), 5);
            on.enqueue(one);
        }
        assertEquals(List.of("run a1", "run a2", "run a1", "run a2", "run a1", "run a2", "run single", "run single",
                "run single"), log);
    }

    @Test
    void whereTheDriverWillNotRecordTheCallsRunStepByStepFromThenOn() {
        refuseCapture = true;
        GraphReplay replay = new GraphReplay(driver, true);
        for (int i = 0; i < 3; i++) {
            replay.enqueue(call("a", 1, 2));
        }
        assertEquals(List.of("run a1", "run a2", "run a1", "run a2", "run a1", "run a2"), log);
        assertEquals(0, replay.replays());
    }

    @Test
    void aStepThatFailsWhileRecordingEndsTheCaptureAndTheCallRunsAsBefore() {
        GraphReplay replay = new GraphReplay(driver, true);
        int[] calls = {0};
        for (int i = 0; i < 2; i++) {
            Launches l = new Launches();
            l.step(() -> {
                calls[0]++;
                if (capturing) {
                    throw new IllegalStateException("not capturable");
                }
                log.add("run x");
            }, 1);
            l.step(() -> log.add("run y"), 2);
            replay.enqueue(l);
        }
        assertEquals(List.of("run x", "run y", "begin", "end g1", "destroy g1", "run x", "run y"), log);
        assertEquals(3, calls[0]);
    }
}
