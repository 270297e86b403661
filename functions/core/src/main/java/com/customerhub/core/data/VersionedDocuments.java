package com.customerhub.core.data;

import com.customerhub.core.error.ApiException;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records of one kind kept as JSON items in one partition per tenant ({@code pk = partition(tenant)},
 * {@code sk = <itemType>#<id>}), every write conditional on the version the caller read: the alert
 * rules and the segments of the AlertRulesTable. An item with {@code deletedAt} is a tombstone:
 * {@link #find} returns it, lists skip it, and a write that finds one reports 404.
 */
public final class VersionedDocuments<T extends VersionedDocuments.Document> {
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String ITEM_TYPE = "itemType";
    private static final String TOMBSTONE = "deletedAt";

    /** What a stored record must tell: its id, its version, and whether it is a tombstone. */
    public interface Document extends Versioned {
        String id();

        /** True for a tombstone (stored with {@code deletedAt}). */
        @JsonIgnore
        default boolean isDeleted() {
            return false;
        }
    }

    /** A kind of record: its class, its {@code itemType} (and sort-key prefix), its partition, its name in errors. */
    public record Kind<T>(Class<T> type, String itemType, Function<String, String> partition, String noun) {
        String sortKey(String id) {
            return itemType + "#" + id;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ObjectReader reader;
    private final Kind<T> kind;

    public VersionedDocuments(DynamoDbClient dynamo, String table, ObjectMapper json, Kind<T> kind) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
        this.reader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.kind = kind;
    }

    /** The record, a tombstone included; empty for an id that is not one of ours. */
    public Optional<T> find(String tenant, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(tenant, id))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    /**
     * Puts the record; {@code expectedVersion} 0 means it must not exist yet (409 when it does),
     * otherwise the stored version must be that one (412 with the current version, 404 when gone).
     */
    public void put(String tenant, T document, long expectedVersion) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(document));
        item.putAll(key(tenant, document.id()));
        item.put(ITEM_TYPE, AttributeValue.fromS(kind.itemType()));
        try {
            VersionedPut.put(dynamo, table, item, expectedVersion);
        } catch (ConditionalCheckFailedException e) {
            throw conflict(tenant, document.id(), expectedVersion);
        }
    }

    /** Deletes the record if it is still at {@code version}; false when it is not (changed or gone). */
    public boolean deleteAt(String tenant, String id, long version) {
        try {
            DynamoErrors.call(() -> dynamo.deleteItem(b -> b.tableName(table).key(key(tenant, id))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(version))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One page of the tenant's records (tombstones skipped), in id order (= creation order). */
    public Page<T> list(String tenant, int pageSize, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(kind.partition().apply(tenant))))
                .build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            start = key(tenant, Cursors.decodeId(cursor));
        }
        int prefix = kind.sortKey("").length();
        return QueryPager.page(dynamo, query, pageSize, start, item -> !item.containsKey(TOMBSTONE),
                item -> Cursors.encode(item.get(SK).s().substring(prefix))).map(this::fromItem);
    }

    /** The 409, 412 or 404 of a write whose condition failed. */
    public ApiException conflict(String tenant, String id, long expectedVersion) {
        if (expectedVersion == 0) {
            return new ApiException(409, "Conflict", "the id is already taken; retry");
        }
        return find(tenant, id).filter(current -> !current.isDeleted()).map(current -> ApiException.stale(current.version()))
                .orElseGet(() -> ApiException.notFound(kind.noun() + " " + id));
    }

    /** The record of a stored item (of a Query or Scan of the table). */
    public T fromItem(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(PK);
        node.remove(SK);
        node.remove(ITEM_TYPE);
        try {
            return reader.treeToValue(node, kind.type());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + kind.noun() + " cannot be read", e);
        }
    }

    private Map<String, AttributeValue> key(String tenant, String id) {
        return Map.of(PK, AttributeValue.fromS(kind.partition().apply(tenant)), SK, AttributeValue.fromS(kind.sortKey(id)));
    }
}
