package com.customerhub.core.data;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

/**
 * PutItem with optimistic locking: {@code expectedVersion} 0 means the item must not exist yet,
 * otherwise its stored {@code version} must still be the expected one.
 */
public final class VersionedPut {
    private VersionedPut() {
    }

    /** @throws ConditionalCheckFailedException when the item exists (version 0) or has another version */
    public static void put(DynamoDbClient dynamo, String table, Map<String, AttributeValue> item, long expectedVersion) {
        DynamoErrors.call(() -> dynamo.putItem(b -> {
            b.tableName(table).item(item);
            if (expectedVersion == 0) {
                b.conditionExpression("attribute_not_exists(pk)");
            } else {
                b.conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))));
            }
        }));
    }
}
