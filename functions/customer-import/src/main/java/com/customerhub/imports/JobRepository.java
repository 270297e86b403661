package com.customerhub.imports;

import com.customerhub.core.data.Backoff;
import com.customerhub.core.export.ExportJob;
import com.customerhub.core.export.ExportRequests;

import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.SortKeys;
import com.customerhub.core.error.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Import and export jobs in their own table. Every key starts with the tenant. The job is one item
 * ({@code sk = JOB}) holding the record as JSON, with {@code revision} for optimistic locking and
 * {@code expiresAt} for TTL; imports are also listed newest first through the ByCreated index.
 */
@Singleton
public class JobRepository {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String JOB = "JOB";
    static final Duration RETENTION = Duration.ofDays(90);

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final Clock clock;

    public JobRepository(DynamoDbClient dynamo, ImportSettings settings, ObjectMapper json, Clock clock) {
        this.dynamo = dynamo;
        this.table = settings.table();
        this.json = json;
        this.clock = clock;
    }

    /** Thrown when another runner changed the job since it was read. */
    public static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("the job changed concurrently", null, false, false);
        }
    }

    static String importKey(String tenant, String id) {
        return tenant + "#IMPORT#" + id;
    }

    static String exportKey(String tenant, String id) {
        return ExportRequests.key(tenant, id);
    }

    /** Creates the job unless one with this id exists; false means a duplicate event. */
    public boolean create(ImportJob job) {
        Map<String, AttributeValue> item = item(importKey(job.tenantId(), job.id()), job, job.status(), 0);
        item.put("gsi1pk", AttributeValue.fromS(job.tenantId() + "#IMPORTS"));
        item.put("gsi1sk", AttributeValue.fromS(SortKeys.instant(job.createdAt()) + "#" + job.id()));
        try {
            Backoff.retry(() -> DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"))));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    public Optional<ImportJob> findImport(String tenant, String id) {
        return get(importKey(tenant, id)).map(doc -> read(doc, ImportJob.class));
    }

    public Optional<ExportJob> findExport(String tenant, String id) {
        return get(exportKey(tenant, id)).map(doc -> read(doc, ExportJob.class));
    }

    /** Writes the job if nobody changed it since it was read; returns it with the new revision. */
    public ImportJob save(ImportJob job) {
        ImportJob next = job.stored(job.revision() + 1, now());
        Map<String, AttributeValue> item = item(importKey(job.tenantId(), job.id()), next, next.status(), next.revision());
        item.put("gsi1pk", AttributeValue.fromS(job.tenantId() + "#IMPORTS"));
        item.put("gsi1sk", AttributeValue.fromS(SortKeys.instant(job.createdAt()) + "#" + job.id()));
        conditionalPut(item, job.revision());
        return next;
    }

    public ExportJob save(ExportJob job) {
        ExportJob next = job.stored(job.revision() + 1, now());
        conditionalPut(item(exportKey(job.tenantId(), job.id()), next, next.status(), next.revision()), job.revision());
        return next;
    }

    /**
     * A marker in the job's partition that only the first of several identical transactions can
     * create: with it, a step repeated by a resumed apply (e.g. a chunk's tag counts) happens once.
     * It expires with the job.
     */
    public TransactWriteItem once(ImportJob job, String step) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of(PK, AttributeValue.fromS(importKey(job.tenantId(), job.id())), SK, AttributeValue.fromS("ONCE#" + step),
                        "expiresAt", AttributeValue.fromN(Long.toString(now().plus(RETENTION).getEpochSecond()))))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Imports of the tenant, newest first. */
    public Page<ImportJob> list(String tenant, int pageSize, String cursor) {
        String partition = tenant + "#IMPORTS";
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("ByCreated")
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                .scanIndexForward(false).build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String[] parts = Cursors.decode(cursor, 2);
            if (!com.customerhub.core.validation.Ids.isValid(parts[1])) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = Map.of("gsi1pk", AttributeValue.fromS(partition), "gsi1sk", AttributeValue.fromS(parts[0]),
                    PK, AttributeValue.fromS(importKey(tenant, parts[1])), SK, AttributeValue.fromS(JOB));
        }
        Map<String, AttributeValue> from = start;
        return Backoff.retry(() -> QueryPager.page(dynamo, query, pageSize, from, item -> true,
                        item -> Cursors.encode(item.get("gsi1sk").s(), read(item.get("doc").s(), ImportJob.class).id()))
                .map(item -> read(item.get("doc").s(), ImportJob.class)));
    }

    private void conditionalPut(Map<String, AttributeValue> item, long expectedRevision) {
        try {
            Backoff.retry(() -> DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("revision = :r")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromN(Long.toString(expectedRevision)))))));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentChange();
        }
    }

    private Optional<String> get(String pk) {
        var response = Backoff.retry(() -> DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(JOB))))));
        return response.hasItem() && response.item().containsKey("doc") ? Optional.of(response.item().get("doc").s()) : Optional.empty();
    }

    private Map<String, AttributeValue> item(String pk, Object record, String status, long revision) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(pk));
        item.put(SK, AttributeValue.fromS(JOB));
        item.put("status", AttributeValue.fromS(status));
        item.put("revision", AttributeValue.fromN(Long.toString(revision)));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now().plus(RETENTION).getEpochSecond())));
        try {
            item.put("doc", AttributeValue.fromS(json.writeValueAsString(record)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return item;
    }

    private <T> T read(String doc, Class<T> type) {
        try {
            return json.readValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job cannot be read", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
