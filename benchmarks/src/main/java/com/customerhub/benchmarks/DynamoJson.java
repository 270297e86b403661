package com.customerhub.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Items in DynamoDB's wire JSON ({@code {"S": "x"}}, {@code {"M": {...}}}, ...) back into the SDK's {@link AttributeValue}s. */
final class DynamoJson {
    private DynamoJson() {
    }

    static Map<String, AttributeValue> item(JsonNode item) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        item.fields().forEachRemaining(field -> attributes.put(field.getKey(), value(field.getValue())));
        return attributes;
    }

    static AttributeValue value(JsonNode typed) {
        var entry = typed.fields().next();
        JsonNode v = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream().map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(value(element)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(item(v));
            default -> throw new IllegalArgumentException("unknown attribute type " + entry.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
