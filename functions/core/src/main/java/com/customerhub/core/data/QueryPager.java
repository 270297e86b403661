package com.customerhub.core.data;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Fills one page of a Query, skipping items the caller may not see, and returns the cursor of the
 * last item handed out. Bounded: after {@value #MAX_ROUND_TRIPS} round trips it returns what it has
 * with a cursor to continue, so one request never reads a whole tenant.
 */
public final class QueryPager {
    static final int MAX_ROUND_TRIPS = 10;

    private QueryPager() {
    }

    public static Page<Map<String, AttributeValue>> page(DynamoDbClient dynamo, QueryRequest query, int pageSize,
                                                          Map<String, AttributeValue> startKey,
                                                          Predicate<Map<String, AttributeValue>> visible,
                                                          Function<Map<String, AttributeValue>, String> cursorOf) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(pageSize);
        Map<String, AttributeValue> start = startKey;
        for (int trip = 0; trip < MAX_ROUND_TRIPS; trip++) {
            QueryRequest request = query.toBuilder()
                    .exclusiveStartKey(start)
                    .limit(Math.max(pageSize - items.size(), 10) + 1)
                    .build();
            QueryResponse response = DynamoErrors.call(() -> dynamo.query(request));
            List<Map<String, AttributeValue>> found = response.items();
            for (int i = 0; i < found.size(); i++) {
                Map<String, AttributeValue> item = found.get(i);
                if (!visible.test(item)) {
                    continue;
                }
                items.add(item);
                if (items.size() == pageSize) {
                    boolean more = i < found.size() - 1 || response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
                    return new Page<>(items, more ? cursorOf.apply(item) : null);
                }
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new Page<>(items, null);
            }
            start = response.lastEvaluatedKey();
        }
        return new Page<>(items, cursorOf.apply(start));
    }
}
