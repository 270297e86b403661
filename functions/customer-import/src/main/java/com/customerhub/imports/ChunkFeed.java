package com.customerhub.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The rows of an apply chunk by chunk, each read and checked (validation, then in-file duplicates
 * in row order) and, when it is to be written, looked up, on a thread of its own: the apply
 * prepares chunk k+1 while chunk k writes. The lookups wait for a gate, the moment chunk k has
 * taken its guards: DynamoDB Local runs transactions under an exclusive table lock, so reads made
 * during them would only wait, while beside the batch puts they share the table.
 * <p>
 * This is sound because the valid rows of two chunks never share a mobile, email or external id
 * (the second row is rejected as an in-file duplicate): chunk k's bulk inserts change nothing that
 * chunk k+1 reads. Rows written one by one (updates, inserts after a conflict) can release or take
 * guards and change profiles; after such a chunk the apply reads the next chunk's lookups again.
 * One chunk is in preparation at a time; {@link #close} waits for it so the reader is not closed under it.
 */
final class ChunkFeed implements AutoCloseable {
    /** A chunk's checked rows (none at the end of the sheet) and, if asked for, its lookups for the write time {@code at}. */
    record Chunk(List<RowPlanner.CheckedRow> rows, RowPlanner.Lookups lookups, Instant at) {
    }

    private final SheetReader reader;
    private final RowMapper mapper;
    private final RowPlanner planner;
    private final RowPlanner.FileKeys keys;
    private final String tenant;
    private final boolean tenantEmpty;
    private final int size;
    private final Function<Instant, LongFunction<String>> idsAt;
    private final ExecutorService ahead;
    private CompletableFuture<Chunk> next;
    private CompletableFuture<?> gate;
    private long readNanos;
    private long lookupNanos;

    ChunkFeed(SheetReader reader, RowMapper mapper, RowPlanner planner, RowPlanner.FileKeys keys, String tenant, boolean tenantEmpty,
              int size, Function<Instant, LongFunction<String>> idsAt, ExecutorService ahead) {
        this.reader = reader;
        this.mapper = mapper;
        this.planner = planner;
        this.keys = keys;
        this.tenant = tenant;
        this.tenantEmpty = tenantEmpty;
        this.size = size;
        this.idsAt = idsAt;
        this.ahead = ahead;
    }

    /**
     * Starts preparing the next chunk: its lookups for inserts written at {@code at} (null: none,
     * the chunk was written by an earlier run) once {@code gate} completes.
     */
    void prepare(Instant at, CompletableFuture<?> gate) {
        if (next != null) {
            throw new IllegalStateException("a chunk is already being prepared");
        }
        this.gate = gate;
        next = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            List<RowPlanner.CheckedRow> rows = new ArrayList<>(size);
            for (SheetRow row = reader.next(); row != null; row = rows.size() < size ? reader.next() : null) {
                rows.add(planner.check(mapper, row, keys));
            }
            readNanos += System.nanoTime() - start;
            if (at == null || rows.isEmpty()) {
                return new Chunk(rows, null, at);
            }
            gate.join();
            start = System.nanoTime();
            RowPlanner.Lookups lookups = planner.lookup(tenant, rows, tenantEmpty, idsAt.apply(at), ahead);
            lookupNanos += System.nanoTime() - start;
            return new Chunk(rows, lookups, at);
        }, ahead);
    }

    /** The chunk in preparation, without taking it (for work to start as soon as it is ready). */
    CompletableFuture<Chunk> upcoming() {
        if (next == null) {
            throw new IllegalStateException("no chunk is being prepared");
        }
        return next;
    }

    /** The chunk in preparation, when it is ready. */
    Chunk take() {
        try {
            return next.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            next = null;
        }
    }

    /** Time spent so far reading and checking rows, and looking them up (read after {@link #take}). */
    long readMillis() {
        return readNanos / 1_000_000;
    }

    long lookupMillis() {
        return lookupNanos / 1_000_000;
    }

    @Override
    public void close() {
        if (next != null) {
            gate.complete(null); // the writes that were to open it failed
            try {
                next.join();
            } catch (RuntimeException ignored) {
                // the apply is failing already; only the reader must be free before it closes
            }
            next = null;
        }
    }
}
