package com.customerhub.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an UpdateItem that sets some attributes and removes others, with placeholder names for
 * every attribute (so reserved words like {@code name} or {@code status} are safe) and dotted paths
 * into maps, leaving the item's other attributes as they are.
 */
public final class ItemUpdate {
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private int counter;

    public ItemUpdate set(String attribute, AttributeValue value) {
        if (value == null) {
            return remove(attribute);
        }
        String placeholder = ":v" + counter;
        values.put(placeholder, value);
        sets.add(path(attribute) + " = " + placeholder);
        return this;
    }

    public ItemUpdate remove(String attribute) {
        removes.add(path(attribute));
        return this;
    }

    /** A placeholder per segment of a dotted path: {@code accounts.X} is the key X of the map accounts. */
    private String path(String attribute) {
        List<String> parts = new ArrayList<>();
        for (String segment : attribute.split("\\.")) {
            String name = "#a" + counter++;
            names.put(name, segment);
            parts.add(name);
        }
        return String.join(".", parts);
    }

    /** Sets each of the given fields to its value in the JSON object, or removes it when absent. */
    public ItemUpdate fields(ObjectNode json, List<String> fields) {
        for (String field : fields) {
            JsonNode value = json.get(field);
            set(field, AttributeValues.from(value));
        }
        return this;
    }

    /** The update, guarded by a condition that may use {@code #name}-free attribute paths and the given values. */
    public Update build(String table, Map<String, AttributeValue> key, String condition, Map<String, AttributeValue> conditionValues) {
        Map<String, AttributeValue> allValues = new LinkedHashMap<>(values);
        allValues.putAll(conditionValues);
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        Update.Builder update = Update.builder().tableName(table).key(key).updateExpression(expression.strip())
                .expressionAttributeNames(names)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (condition != null) {
            update.conditionExpression(condition);
        }
        if (!allValues.isEmpty()) {
            update.expressionAttributeValues(allValues);
        }
        return update.build();
    }
}
