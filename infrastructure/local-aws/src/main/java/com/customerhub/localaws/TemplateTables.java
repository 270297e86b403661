package com.customerhub.localaws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

import java.util.List;
import java.util.Map;

import static com.customerhub.localaws.SamTemplate.list;
import static com.customerhub.localaws.SamTemplate.map;

/**
 * Creates the template's DynamoDB tables (keys, attributes, GSIs) in DynamoDB Local, named by
 * their logical id, so the local schema cannot drift from the deployed one.
 */
public final class TemplateTables {
    private TemplateTables() {
    }

    /** Creates every table that does not exist yet; returns the logical ids (= local names). */
    public static List<String> createAll(DynamoDbClient dynamo, SamTemplate template) {
        return createAll(dynamo, template, "");
    }

    /** The same, each table named {@code prefix + logicalId} (e.g. a second set for a benchmark's warm-up). */
    public static List<String> createAll(DynamoDbClient dynamo, SamTemplate template, String prefix) {
        Map<String, Map<String, Object>> tables = template.resourcesOfType("AWS::DynamoDB::Table");
        tables.forEach((logicalId, properties) -> {
            try {
                dynamo.createTable(toRequest(prefix + logicalId, properties));
            } catch (ResourceInUseException alreadyThere) {
                // data under .local/ survives restarts
            }
        });
        return List.copyOf(tables.keySet());
    }

    static CreateTableRequest toRequest(String tableName, Map<String, Object> properties) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                        .attributeName((String) map(a).get("AttributeName"))
                        .attributeType((String) map(a).get("AttributeType")).build()).toList())
                .keySchema(keySchema(properties.get("KeySchema")))
                .globalSecondaryIndexes(list(properties.get("GlobalSecondaryIndexes")).isEmpty() ? null
                        : list(properties.get("GlobalSecondaryIndexes")).stream().map(g -> GlobalSecondaryIndex.builder()
                        .indexName((String) map(g).get("IndexName"))
                        .keySchema(keySchema(map(g).get("KeySchema")))
                        .projection(Projection.builder()
                                .projectionType((String) map(map(g).get("Projection")).getOrDefault("ProjectionType", "ALL"))
                                .nonKeyAttributes(nonKeyAttributes(map(map(g).get("Projection")))).build())
                        .build()).toList())
                .build();
    }

    private static List<String> nonKeyAttributes(Map<String, Object> projection) {
        List<Object> names = list(projection.get("NonKeyAttributes"));
        return names.isEmpty() ? null : names.stream().map(String::valueOf).toList();
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream().map(k -> KeySchemaElement.builder()
                .attributeName((String) map(k).get("AttributeName"))
                .keyType((String) map(k).get("KeyType")).build()).toList();
    }
}
