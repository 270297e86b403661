package com.customerhub.core.merge;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.BatchWriter;
import com.customerhub.core.data.DynamoErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Merges table: per merge a record and a snapshot of every item the merge touches (or the
 * fact that it did not exist), kept for {@value #RETENTION_DAYS} days so the merge can be undone exactly.
 */
@Singleton
public class MergeStore {
    static final int RETENTION_DAYS = 90;

    /** One item as it was before the merge; {@code item} null when there was none. */
    public record Snapshot(Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchWriter batches;
    private final ObjectMapper json;

    public MergeStore(DynamoDbClient dynamo, @Value("${merges.table:}") String table, BatchWriter batches, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = batches;
        this.json = json;
    }

    private static String pk(String tenant, String mergeId) {
        return tenant + "#MERGE#" + mergeId;
    }

    public void saveSnapshots(String tenant, String mergeId, List<Snapshot> snapshots, Instant now) {
        List<WriteRequest> writes = new ArrayList<>();
        AttributeValue expires = AttributeValue.fromN(Long.toString(now.plus(Duration.ofDays(RETENTION_DAYS)).getEpochSecond()));
        for (int i = 0; i < snapshots.size(); i++) {
            Snapshot snapshot = snapshots.get(i);
            Map<String, AttributeValue> item = new java.util.HashMap<>();
            item.put("pk", AttributeValue.fromS(pk(tenant, mergeId)));
            item.put("sk", AttributeValue.fromS(String.format(Locale.ROOT, "SNAP#%07d", i)));
            item.put("key", AttributeValue.fromM(snapshot.key()));
            if (snapshot.item() != null) {
                item.put("item", AttributeValue.fromM(snapshot.item()));
            }
            item.put("expiresAt", expires);
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        batches.write(table, writes);
    }

    public List<Snapshot> snapshots(String tenant, String mergeId) {
        List<Snapshot> snapshots = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoErrors.call(() -> dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :s)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(tenant, mergeId)), ":s", AttributeValue.fromS("SNAP#")))
                    .exclusiveStartKey(from)));
            page.items().forEach(item -> snapshots.add(new Snapshot(item.get("key").m(),
                    item.containsKey("item") ? item.get("item").m() : null)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return snapshots;
    }

    public void saveRecord(String tenant, MergeRecord record, String expectedStatus) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(record));
        item.put("pk", AttributeValue.fromS(pk(tenant, record.id())));
        item.put("sk", AttributeValue.fromS("RECORD"));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(record.mergedAt().plus(Duration.ofDays(RETENTION_DAYS)).getEpochSecond())));
        try {
            DynamoErrors.call(() -> dynamo.putItem(b -> {
                b.tableName(table).item(item);
                if (expectedStatus == null) {
                    b.conditionExpression("attribute_not_exists(pk)");
                } else {
                    b.conditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(expectedStatus)));
                }
            }));
        } catch (ConditionalCheckFailedException e) {
            throw new com.customerhub.core.error.ApiException(409, "Conflict", "the merge changed meanwhile; read it again");
        }
    }

    public Optional<MergeRecord> record(String tenant, String mergeId) {
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk(tenant, mergeId)), "sk", AttributeValue.fromS("RECORD")))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = AttributeValues.toObject(response.item());
        node.remove(List.of("pk", "sk", "expiresAt"));
        try {
            return Optional.of(json.treeToValue(node, MergeRecord.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored merge cannot be read", e);
        }
    }
}
