package com.customerhub.alerts;

import com.customerhub.core.condition.Field;
import com.customerhub.core.customer.CustomerKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The profile attributes an evaluation run reads: those the rules' conditions and messages name,
 * plus what every run needs (the key, the id, {@code restricted}, the contact class an alert keeps,
 * and what a {@code Customer} cannot be built without). DynamoDB Local (and the SDK, and the
 * conversion into {@code Customer}) then handle a third of each profile instead of all of it.
 * Every name goes through a placeholder: many attribute names are DynamoDB reserved words.
 */
record ProfileProjection(String expression, Map<String, String> names) {
    private static final List<String> ALWAYS = List.of(CustomerKeys.PK, "id", "version", "createdAt", "updatedAt",
            "restricted", "contactClass");

    static ProfileProjection of(Collection<CompiledRule> rules) {
        TreeSet<String> attributes = new TreeSet<>(ALWAYS);
        rules.stream()
                .flatMap(rule -> Stream.concat(rule.condition().fields(), rule.message().fields().stream()))
                .map(Field::attributes)
                .forEach(attributes::addAll);
        Map<String, String> names = new LinkedHashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (String attribute : attributes) {
            String placeholder = "#a" + names.size();
            names.put(placeholder, attribute);
            placeholders.add(placeholder);
        }
        return new ProfileProjection(String.join(", ", placeholders), Map.copyOf(names));
    }
}
