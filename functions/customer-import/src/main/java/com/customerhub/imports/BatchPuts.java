package com.customerhub.imports;

import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Plain puts into the Customers table with BatchWriteItem, 25 items a request on the writer pool.
 * Throttling and unprocessed items are retried with backoff: slower, never dropped (after
 * {@link Backoff#MAX_ATTEMPTS} the chunk fails and its re-run writes the same items again).
 */
@Singleton
class BatchPuts {
    private static final int BATCH = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final WriterPool pool;

    BatchPuts(DynamoDbClient dynamo, TableNames tables, WriterPool pool) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.pool = pool;
    }

    CompletableFuture<Void> put(List<Map<String, AttributeValue>> items) {
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            List<WriteRequest> batch = items.subList(from, Math.min(from + BATCH, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            batches.add(CompletableFuture.runAsync(() -> write(batch), pool.executor()));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new));
    }

    private void write(List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > Backoff.MAX_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " items stayed unprocessed after " + attempt + " attempts");
            }
            if (attempt > 0) {
                Backoff.sleep(attempt);
            }
            Map<String, List<WriteRequest>> request = Map.of(table, pending);
            try {
                pending = DynamoErrors.call(() -> dynamo.batchWriteItem(b -> b.requestItems(request)))
                        .unprocessedItems().getOrDefault(table, List.of());
            } catch (ApiException throttled) {
                if (throttled.status() != 503) {
                    throw throttled;
                }
            }
        }
    }
}
