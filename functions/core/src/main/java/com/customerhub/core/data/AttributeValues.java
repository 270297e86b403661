package com.customerhub.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and DynamoDB items, so records are mapped once, by Jackson, and
 * stored as native maps, lists, strings and numbers (readable with the AWS CLI). Nulls are left out.
 */
public final class AttributeValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    public static Map<String, AttributeValue> fromObject(ObjectNode node) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            AttributeValue value = from(field.getValue());
            if (value != null) {
                item.put(field.getKey(), value);
            }
        }
        return item;
    }

    public static AttributeValue from(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return AttributeValue.fromS(node.textValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.decimalValue().toPlainString());
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                AttributeValue value = from(element);
                if (value != null) {
                    list.add(value);
                }
            }
            return AttributeValue.fromL(list);
        }
        if (node.isObject()) {
            return AttributeValue.fromM(fromObject((ObjectNode) node));
        }
        return AttributeValue.fromS(node.asText());
    }

    public static ObjectNode toObject(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, to(value)));
        return node;
    }

    public static JsonNode to(AttributeValue value) {
        if (value.s() != null) {
            return NODES.textNode(value.s());
        }
        if (value.n() != null) {
            BigDecimal number = new BigDecimal(value.n());
            return number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                    ? NODES.numberNode(number.longValueExact())
                    : NODES.numberNode(number);
        }
        if (value.bool() != null) {
            return NODES.booleanNode(value.bool());
        }
        if (value.hasL()) {
            ArrayNode array = NODES.arrayNode();
            value.l().forEach(element -> array.add(to(element)));
            return array;
        }
        if (value.hasM()) {
            return toObject(value.m());
        }
        if (value.hasSs()) {
            ArrayNode array = NODES.arrayNode();
            value.ss().forEach(array::add);
            return array;
        }
        return NODES.nullNode();
    }
}
