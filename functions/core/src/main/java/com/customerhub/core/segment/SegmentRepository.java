package com.customerhub.core.segment;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.VersionedPut;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.segment.RulesTableKeys.*;

/** Segments in the AlertRulesTable; writes are conditional on the version read. */
@Singleton
public class SegmentRepository {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ObjectReader reader;

    public SegmentRepository(DynamoDbClient dynamo, @Value("${alert.rules.table:}") String table, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
        this.reader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Optional<Segment> find(String tenant, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(tenant, id))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toSegment(response.item())) : Optional.empty();
    }

    /** Puts the segment; {@code expectedVersion} 0 means it must not exist yet. 412 when stale. */
    public void put(String tenant, Segment segment, long expectedVersion) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(segment));
        item.putAll(key(tenant, segment.id()));
        item.put("itemType", AttributeValue.fromS("SEGMENT"));
        try {
            VersionedPut.put(dynamo, table, item, expectedVersion);
        } catch (ConditionalCheckFailedException e) {
            throw stale(tenant, segment.id(), expectedVersion);
        }
    }

    public void delete(String tenant, String id, long expectedVersion) {
        try {
            DynamoErrors.call(() -> dynamo.deleteItem(b -> b.tableName(table).key(key(tenant, id))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))))));
        } catch (ConditionalCheckFailedException e) {
            throw stale(tenant, id, expectedVersion);
        }
    }

    public Page<Segment> list(String tenant, int pageSize, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(segments(tenant))))
                .build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String id = Cursors.decode(cursor, 1)[0];
            if (!Ids.isValid(id)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = new HashMap<>(key(tenant, id));
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> true,
                item -> Cursors.encode(item.get(SK).s().substring(SEGMENT_PREFIX.length()))).map(this::toSegment);
    }

    private ApiException stale(String tenant, String id, long expectedVersion) {
        if (expectedVersion == 0) {
            return new ApiException(409, "Conflict", "the id is already taken; retry");
        }
        return find(tenant, id).map(current -> ApiException.stale(current.version()))
                .orElseGet(() -> ApiException.notFound("segment " + id));
    }

    private Segment toSegment(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(PK);
        node.remove(SK);
        node.remove("itemType");
        try {
            return reader.treeToValue(node, Segment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored segment cannot be read", e);
        }
    }

    private static Map<String, AttributeValue> key(String tenant, String id) {
        return Map.of(PK, AttributeValue.fromS(segments(tenant)), SK, AttributeValue.fromS(SEGMENT_PREFIX + id));
    }
}
