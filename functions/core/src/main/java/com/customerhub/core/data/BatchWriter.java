package com.customerhub.core.data;

import com.customerhub.core.error.ApiException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BatchWriteItem in chunks of 25 that retries unprocessed items and throttled requests (a 503
 * after the SDK's own retries) with {@link Backoff} until all are written, so throttling slows a
 * batch down but never drops an item.
 */
@Singleton
public class BatchWriter {
    private static final int CHUNK = 25;

    private final DynamoDbClient dynamo;

    public BatchWriter(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public void write(String table, List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += CHUNK) {
            List<WriteRequest> pending = new ArrayList<>(requests.subList(from, Math.min(from + CHUNK, requests.size())));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == Backoff.MAX_ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " items stayed unprocessed after " + Backoff.MAX_ATTEMPTS + " attempts");
                }
                if (attempt > 0) {
                    Backoff.sleep(attempt);
                }
                Map<String, List<WriteRequest>> batch = Map.of(table, pending);
                try {
                    BatchWriteItemResponse response = DynamoErrors.call(() -> dynamo.batchWriteItem(b -> b.requestItems(batch)));
                    pending = new ArrayList<>(response.unprocessedItems().getOrDefault(table, List.of()));
                } catch (ApiException throttled) {
                    if (throttled.status() != 503) {
                        throw throttled;
                    }
                }
            }
        }
    }
}
