package com.customerhub.imports;

import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.Backoff;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.error.ApiException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Adds the tag counts of a chunk's bulk inserts once per tag instead of once per row (the tag
 * items are one hot partition per tenant). Each transaction of up to 99 counter updates also
 * creates a marker in the job's partition, so the re-run of a killed chunk (the same inserts, so
 * the same tags in the same order) finds the marker and adds nothing twice.
 */
@Singleton
class ChunkTagCounts {
    private final DynamoDbClient dynamo;
    private final CustomerRepository customers;
    private final JobRepository jobs;

    ChunkTagCounts(DynamoDbClient dynamo, CustomerRepository customers, JobRepository jobs) {
        this.dynamo = dynamo;
        this.customers = customers;
        this.jobs = jobs;
    }

    void add(ImportJob job, int chunk, SortedMap<String, Integer> counts) {
        List<Map.Entry<String, Integer>> all = new ArrayList<>(counts.entrySet());
        int per = BulkInserter.MAX_TRANSACTION_ITEMS - 1;
        for (int from = 0, part = 0; from < all.size(); from += per, part++) {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(jobs.once(job, "TAGS#" + chunk + "#" + part));
            for (Map.Entry<String, Integer> tag : all.subList(from, Math.min(from + per, all.size()))) {
                writes.add(customers.tagCount(job.tenantId(), tag.getKey(), tag.getValue()));
            }
            transactOnce(writes);
        }
    }

    private void transactOnce(List<TransactWriteItem> writes) {
        for (int attempt = 0; ; attempt++) {
            try {
                DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return; // the marker exists: an earlier run of this chunk added these counts
                }
                if (attempt >= Backoff.MAX_ATTEMPTS) {
                    throw e;
                }
            } catch (ApiException e) {
                if (e.status() != 503 || attempt >= Backoff.MAX_ATTEMPTS) {
                    throw e;
                }
            }
            Backoff.sleep(attempt + 1); // throttled, or a concurrent write of the same tag (a hot item)
        }
    }
}
