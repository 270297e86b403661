package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.identity.Identity;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongFunction;

/**
 * Writes one planned chunk of an apply: its inserts in bulk ({@link BulkInserter}), its updates and
 * the inserts the bulk path hands back one by one through the customer service, all at once on the
 * writer pool; then the tag counts of the bulk inserts, once. Every write is idempotent for a
 * re-run of the chunk with the same write time: bulk inserts rewrite the same items under the same
 * ids, rows written one by one are found unchanged.
 */
@Singleton
class ChunkWriter {
    /**
     * What the chunk did, its errors in row order, the customers the bulk path inserted (their
     * events are the caller's), and whether any row was inserted or updated one by one (such a write
     * can free or take a guard another chunk's row looks up; a bulk insert cannot).
     */
    record Result(Counts counts, List<RowError> errors, List<Customer> inserted, boolean rowByRow) {
    }

    private final BulkInserter bulk;
    private final RowWriter rows;
    private final ChunkTagCounts tags;
    private final NewCustomerIds ids;
    private final WriterPool pool;

    ChunkWriter(BulkInserter bulk, RowWriter rows, ChunkTagCounts tags, NewCustomerIds ids, WriterPool pool) {
        this.bulk = bulk;
        this.rows = rows;
        this.tags = tags;
        this.ids = ids;
        this.pool = pool;
    }

    /** The ids this apply gives a chunk's inserts written at {@code at}. */
    LongFunction<String> idsOf(ImportJob job, Instant at) {
        return row -> ids.of(job.id(), row, at);
    }

    /** Whether the chunk's rows all go the bulk path (inserts without a parent) or write nothing (rejected, unchanged). */
    static boolean bulkOnly(List<RowPlanner.PlannedRow> planned) {
        return planned.stream().allMatch(row -> bulkInsert(row) || row.action() == RowPlanner.Action.REJECT
                || row.action() == RowPlanner.Action.UNCHANGED);
    }

    private static boolean bulkInsert(RowPlanner.PlannedRow row) {
        return row.action() == RowPlanner.Action.INSERT && row.checked().draft().parentId() == null;
    }

    /** Takes the guards of the chunk's bulk inserts on {@code executor}, before any of its writes (see {@link BulkInserter#reserve}). */
    BulkInserter.Reservation reserve(ImportJob job, Identity importer, List<RowPlanner.PlannedRow> planned, Instant at,
                                     java.util.concurrent.Executor executor) {
        return bulk.reserve(job.tenantId(), importer, planned.stream().filter(ChunkWriter::bulkInsert).toList(), idsOf(job, at), at,
                executor);
    }

    /**
     * Writes the chunk; {@code guardsTaken} runs once its bulk inserts hold their guards, before their
     * puts. {@code reserved}: the guards {@link #reserve} took for this plan (null: none yet).
     */
    Result write(ImportJob job, int chunk, Identity importer, List<RowPlanner.PlannedRow> planned, Instant at,
                 BulkInserter.Reservation reserved, Runnable guardsTaken) {
        String tenant = job.tenantId();
        List<RowPlanner.PlannedRow> inserts = new ArrayList<>();
        List<CompletableFuture<BulkInserter.Written>> single = new ArrayList<>();
        for (RowPlanner.PlannedRow row : planned) {
            if (bulkInsert(row)) {
                inserts.add(row);
            } else {
                single.add(CompletableFuture.supplyAsync(() -> BulkInserter.Written.byRow(rows.write(tenant, importer, row)),
                        pool.executor()));
            }
        }
        List<BulkInserter.Written> written = new ArrayList<>();
        if (reserved != null) {
            guardsTaken.run();
            written.addAll(bulk.store(tenant, importer, reserved));
        } else {
            written.addAll(bulk.insert(tenant, importer, inserts, idsOf(job, at), at, guardsTaken));
        }
        single.forEach(f -> written.add(join(f)));

        Counts counts = Counts.ZERO;
        boolean rowByRow = false;
        Map<Long, List<RowError>> errorsByRow = new TreeMap<>();
        List<Customer> customers = new ArrayList<>();
        TreeMap<String, Integer> tagCounts = new TreeMap<>();
        for (BulkInserter.Written w : written) {
            counts = counts.plus(w.outcome().counts());
            rowByRow |= w.inserted() == null && (w.outcome().counts().inserted() > 0 || w.outcome().counts().updated() > 0);
            for (RowError error : w.outcome().errors()) {
                errorsByRow.computeIfAbsent(error.row(), r -> new ArrayList<>()).add(error);
            }
            if (w.inserted() != null) {
                customers.add(w.inserted());
                w.tags().forEach(tag -> tagCounts.merge(tag, 1, Integer::sum));
            }
        }
        tags.add(job, chunk, tagCounts);
        List<RowError> errors = new ArrayList<>();
        errorsByRow.values().forEach(list -> ImportProcessor.addErrors(errors, list));
        return new Result(counts, errors, customers, rowByRow);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
