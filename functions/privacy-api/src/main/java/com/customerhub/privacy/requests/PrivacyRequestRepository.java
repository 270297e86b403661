package com.customerhub.privacy.requests;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.PartitionReader;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Privacy requests in their own table (PrivacyRequestsTable): they change state (so they cannot
 * live in the append-only consent ledger) and must outlive the customer they concern (so not in
 * the customer's collection, which an erasure removes). One partition per tenant,
 * {@code pk = tenant#PRIVACY_REQUESTS}, {@code sk = id}: ULIDs sort by receipt, so the list is one
 * Query newest first; requests are few (a handful a day), far below a partition's limits.
 * Every write is conditional on the version read, so concurrent changes never overwrite each other.
 */
@Singleton
public class PrivacyRequestRepository {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;

    public PrivacyRequestRepository(DynamoDbClient dynamo, @Value("${privacy.requests.table:}") String table, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
    }

    static String partition(String tenant) {
        return tenant + "#PRIVACY_REQUESTS";
    }

    public Optional<PrivacyRequest> find(String tenant, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table()).consistentRead(true).key(key(tenant, id))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toRequest(response.item())) : Optional.empty();
    }

    /** Saves a new request (version 1) or the next version of one; a 409 when someone changed it meanwhile. */
    public PrivacyRequest save(String tenant, PrivacyRequest request) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(AttributeValues.fromObject(json.valueToTree(request)));
        item.putAll(key(tenant, request.id()));
        try {
            DynamoErrors.call(() -> dynamo.putItem(b -> {
                b.tableName(table()).item(item);
                if (request.version() == 1) {
                    b.conditionExpression("attribute_not_exists(pk)");
                } else {
                    b.conditionExpression("version = :v").expressionAttributeValues(
                            Map.of(":v", AttributeValue.fromN(Long.toString(request.version() - 1))));
                }
            }));
        } catch (ConditionalCheckFailedException e) {
            throw new ApiException(409, "Conflict", "the privacy request was changed meanwhile; read it again");
        }
        return request;
    }

    /** Newest first, filtered. */
    public Page<PrivacyRequest> list(String tenant, Predicate<PrivacyRequest> keep, int pageSize, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table()).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(tenant))))
                .scanIndexForward(false).build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            start = key(tenant, Cursors.decodeId(cursor));
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> keep.test(toRequest(item)),
                item -> Cursors.encode(item.get("sk").s())).map(this::toRequest);
    }

    /** Every request of one customer (few), for erasure and access documents. */
    public List<PrivacyRequest> ofCustomer(String tenant, String customerId) {
        return PartitionReader.items(dynamo, table(), partition(tenant)).stream().map(this::toRequest)
                .filter(r -> customerId.equals(r.customerId())).toList();
    }

    private PrivacyRequest toRequest(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(List.of("pk", "sk"));
        try {
            return json.treeToValue(node, PrivacyRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored privacy request cannot be read", e);
        }
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("privacy.requests.table (PRIVACY_REQUESTS_TABLE) is not set");
        }
        return table;
    }

    private static Map<String, AttributeValue> key(String tenant, String id) {
        return Map.of("pk", AttributeValue.fromS(partition(tenant)), "sk", AttributeValue.fromS(id));
    }
}
