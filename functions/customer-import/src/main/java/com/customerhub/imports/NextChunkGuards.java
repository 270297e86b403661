package com.customerhub.imports;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The plan of an apply's next chunk and its bulk inserts' guards, made while the current chunk's
 * puts run, so that the guard transactions (the slow part of a chunk) no longer wait for the
 * checkpoint before them. One apply's, one chunk at a time; {@link #cancel} stops a reservation that
 * has not begun, {@link #close} waits for one under way, so a failing run leaves nothing running.
 */
final class NextChunkGuards implements AutoCloseable {
    /** A chunk's plan and the guards taken for it. */
    record Reserved(int chunk, List<RowPlanner.PlannedRow> planned, BulkInserter.Reservation reservation) {
    }

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private CompletableFuture<Reserved> next;

    /** Once {@code upcoming} is ready, runs {@code reserve} on it on {@code executor} (it may answer null: nothing reserved). */
    void start(CompletableFuture<ChunkFeed.Chunk> upcoming, Function<ChunkFeed.Chunk, Reserved> reserve, Executor executor) {
        if (next != null) {
            throw new IllegalStateException("a chunk is already being reserved");
        }
        next = upcoming.thenApplyAsync(chunk -> cancelled.get() ? null : reserve.apply(chunk), executor);
    }

    /** What was reserved for {@code chunk}, once done (null: nothing); a failure of the reservation is thrown here. */
    Reserved take(int chunk) {
        if (next == null) {
            return null;
        }
        try {
            Reserved reserved = next.join();
            return reserved != null && reserved.chunk() == chunk ? reserved : null;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            next = null;
        }
    }

    /** No reservation begins from now on (one under way goes on: {@link #close} waits for it). */
    void cancel() {
        cancelled.set(true);
    }

    @Override
    public void close() {
        cancel();
        if (next != null) {
            next.handle((done, failed) -> null).join();
            next = null;
        }
    }
}
