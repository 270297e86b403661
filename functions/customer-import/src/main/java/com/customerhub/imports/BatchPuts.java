package com.customerhub.imports;

import com.customerhub.core.data.Backoff;
import com.customerhub.core.data.BatchWriter;
import com.customerhub.core.data.TableNames;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Plain puts into the Customers table with BatchWriteItem, 25 items a request, the requests side
 * by side on the writer pool; {@link BatchWriter} retries throttling and unprocessed items (after
 * {@link Backoff#MAX_ATTEMPTS} the chunk fails and its re-run writes the same items again).
 */
@Singleton
class BatchPuts {
    private static final int BATCH = 25;

    private final BatchWriter batches;
    private final String table;
    private final WriterPool pool;

    BatchPuts(BatchWriter batches, TableNames tables, WriterPool pool) {
        this.batches = batches;
        this.table = tables.customers();
        this.pool = pool;
    }

    CompletableFuture<Void> put(List<Map<String, AttributeValue>> items) {
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            List<WriteRequest> batch = items.subList(from, Math.min(from + BATCH, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            requests.add(CompletableFuture.runAsync(() -> pool.write(() -> {
                batches.write(table, batch);
                return null;
            }), pool.executor()));
        }
        return CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new));
    }
}
