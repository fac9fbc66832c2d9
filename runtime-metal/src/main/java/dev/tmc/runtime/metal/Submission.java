// One committed command buffer: the pipeline call that encoded it, completed by Metal's callback.
// Outputs that it writes wait on it when read; the call's inputs and arena go back when it is done.
package dev.tmc.runtime.metal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

final class Submission {
    private final MetalBridge.Commands commands;
    private final String what;
    /** Completed by Metal's completion callback: this command buffer's own outcome. */
    private final CompletableFuture<Void> gpu = new CompletableFuture<>();
    /** This command buffer's outcome and that of every call that wrote its inputs. */
    private final CompletableFuture<Void> done;
    /** The completion's hold plus one per waiter inside waitUntilCompleted; at zero the handle goes. */
    private final AtomicInteger holds = new AtomicInteger(1);

    /**
     * @param what     e.g. {@code pipeline RmsNorm}: what a failure names
     * @param upstream the submissions still writing this call's inputs: a failure there fails this
     */
    Submission(MetalBridge.Commands commands, String what, List<Submission> upstream) {
        this.commands = commands;
        this.what = what;
        CompletableFuture<?>[] all = new CompletableFuture<?>[upstream.size() + 1];
        all[0] = gpu;
        for (int i = 0; i < upstream.size(); i++) {
            all[i + 1] = upstream.get(i).done;
        }
        this.done = all.length == 1 ? gpu : CompletableFuture.allOf(all);
    }

    /** Commits the command buffer; the callback completes this submission. */
    void commit() {
        commands.commit(this::completed);
    }

    private void completed(Optional<String> error) {
        try {
            if (error.isPresent()) {
                gpu.completeExceptionally(new MetalException(what + " failed on the GPU: " + error.get()));
            } else {
                gpu.complete(null);
            }
        } finally {
            letGo();
        }
    }

    /** Completes normally when the GPU is done, exceptionally (a MetalException) when it failed. */
    CompletableFuture<Void> done() {
        return done;
    }

    boolean isDone() {
        return done.isDone();
    }

    /** Blocks until the GPU is done; MetalException with Metal's message when it failed. */
    void await() {
        if (!done.isDone() && tryHold()) {
            try {
                commands.waitUntilCompleted(); // blocks in Metal; the callback may come a moment later
            } catch (MetalException failed) {
                // The callback reports the same failure through done.
            } finally {
                letGo();
            }
        }
        try {
            done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            // A new exception, so the trace shows the reader that waited, with Metal's message.
            throw new MetalException(cause.getMessage(), cause);
        }
    }

    private boolean tryHold() {
        while (true) {
            int h = holds.get();
            if (h == 0) {
                return false;
            }
            if (holds.compareAndSet(h, h + 1)) {
                return true;
            }
        }
    }

    private void letGo() {
        if (holds.decrementAndGet() == 0) {
            commands.release();
        }
    }
}
