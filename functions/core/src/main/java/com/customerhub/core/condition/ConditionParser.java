package com.customerhub.core.condition;

import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses the JSON condition language ({@code all}, {@code any}, {@code not}, comparisons) against
 * the field catalogue. Every problem is reported with the JSON path of the bad part, e.g.
 * {@code condition.all[1].op}, and all problems at once.
 */
public final class ConditionParser {
    public static final int MAX_DEPTH = 8;
    public static final int MAX_COMPARISONS = 50;
    public static final int MAX_LIST_VALUES = 100;
    public static final long MAX_DAYS = 36_500;

    private final FieldCatalogue catalogue;

    public ConditionParser(FieldCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public static ConditionParser standard() {
        return new ConditionParser(FieldCatalogue.standard());
    }

    /** The condition, or a 400 listing every bad part by its path (the root is {@code path}). */
    public Condition parse(JsonNode node, String path) {
        List<FieldError> errors = new ArrayList<>();
        Condition condition = parse(node, path, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return condition;
    }

    /** Adds the problems to {@code errors} (for callers validating more than the condition); null when any. */
    public Condition parse(JsonNode node, String path, List<FieldError> errors) {
        int before = errors.size();
        int[] comparisons = {0};
        Condition condition = node(node, path, 1, errors, comparisons);
        if (comparisons[0] > MAX_COMPARISONS) {
            errors.add(new FieldError(path, "has " + comparisons[0] + " comparisons; at most " + MAX_COMPARISONS + " are allowed"));
        }
        return errors.size() == before ? condition : null;
    }

    private Condition node(JsonNode node, String path, int depth, List<FieldError> errors, int[] comparisons) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            errors.add(new FieldError(path, "is required: an object with all, any, not or field"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be an object with all, any, not or field"));
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(new FieldError(path, "nests deeper than " + MAX_DEPTH + " levels"));
            return null;
        }
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (keys.contains("all") || keys.contains("any")) {
            String kind = keys.contains("all") ? "all" : "any";
            if (!only(keys, Set.of(kind), path, errors)) {
                return null;
            }
            JsonNode list = node.get(kind);
            if (!list.isArray() || list.isEmpty()) {
                errors.add(new FieldError(path + "." + kind, "must be a non-empty array of conditions"));
                return null;
            }
            List<Condition> children = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                children.add(node(list.get(i), path + "." + kind + "[" + i + "]", depth + 1, errors, comparisons));
            }
            return kind.equals("all") ? new Condition.All(nonNull(children)) : new Condition.Any(nonNull(children));
        }
        if (keys.contains("not")) {
            if (!only(keys, Set.of("not"), path, errors)) {
                return null;
            }
            Condition inner = node(node.get("not"), path + ".not", depth + 1, errors, comparisons);
            return inner == null ? null : new Condition.Not(inner);
        }
        if (keys.contains("field")) {
            if (!only(keys, Set.of("field", "op", "value"), path, errors)) {
                return null;
            }
            comparisons[0]++;
            return comparison(node, path, errors);
        }
        errors.add(new FieldError(path, keys.isEmpty() ? "is empty: use all, any, not or field"
                : "has none of all, any, not, field (found " + String.join(", ", keys) + ")"));
        return null;
    }

    private static boolean only(Set<String> keys, Set<String> allowed, String path, List<FieldError> errors) {
        List<String> unknown = keys.stream().filter(k -> !allowed.contains(k)).toList();
        if (unknown.isEmpty()) {
            return true;
        }
        for (String key : unknown) {
            errors.add(new FieldError(path + "." + key, "is not allowed here (this part takes only "
                    + String.join(", ", allowed.stream().sorted().toList()) + ")"));
        }
        return false;
    }

    private static List<Condition> nonNull(List<Condition> children) {
        return children.stream().filter(java.util.Objects::nonNull).toList();
    }

    private Condition comparison(JsonNode node, String path, List<FieldError> errors) {
        JsonNode fieldNode = node.get("field");
        if (!fieldNode.isTextual()) {
            errors.add(new FieldError(path + ".field", "must be a field name, e.g. stats.pendingInvoiceCount"));
            return null;
        }
        Field field = catalogue.find(fieldNode.textValue()).orElse(null);
        if (field == null) {
            errors.add(new FieldError(path + ".field", "unknown field '" + clip(fieldNode.textValue())
                    + "'; known fields: " + String.join(", ", catalogue.names())));
        }
        JsonNode opNode = node.get("op");
        Operator op = opNode == null || !opNode.isTextual() ? null : Operator.fromJson(opNode.textValue()).orElse(null);
        if (op == null) {
            errors.add(new FieldError(path + ".op", (opNode == null ? "is required" : "is not an operator")
                    + "; use one of eq, ne, gt, gte, lt, lte, in, contains, exists, olderThanDays, withinDays"));
        }
        if (field == null || op == null) {
            return null;
        }
        if (!field.type().operators().contains(op)) {
            errors.add(new FieldError(path + ".op", "'" + op.json() + "' is not valid for " + field.name()
                    + ", a " + field.type().label() + " field; valid: "
                    + field.type().operators().stream().map(Operator::json).collect(Collectors.joining(", "))));
            return null;
        }
        Object value = value(field, op, node.get("value"), path + ".value", errors);
        return value == null ? null : new Condition.Comparison(field, op, value);
    }

    private Object value(Field field, Operator op, JsonNode value, String path, List<FieldError> errors) {
        if (op == Operator.EXISTS) {
            if (value == null || value.isNull()) {
                return Boolean.TRUE;
            }
            if (!value.isBoolean()) {
                errors.add(new FieldError(path, "must be true or false for exists"));
                return null;
            }
            return value.booleanValue();
        }
        if (value == null || value.isNull()) {
            errors.add(new FieldError(path, "is required for " + op.json()));
            return null;
        }
        if (op == Operator.OLDER_THAN_DAYS || op == Operator.WITHIN_DAYS) {
            if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > MAX_DAYS) {
                errors.add(new FieldError(path, "must be a whole number of days between 0 and " + MAX_DAYS));
                return null;
            }
            return value.asLong();
        }
        if (op == Operator.IN) {
            if (!value.isArray() || value.isEmpty() || value.size() > MAX_LIST_VALUES) {
                errors.add(new FieldError(path, "must be a non-empty array of at most " + MAX_LIST_VALUES + " "
                        + elementLabel(field) + " values"));
                return null;
            }
            Set<Object> values = new LinkedHashSet<>();
            int before = errors.size();
            for (int i = 0; i < value.size(); i++) {
                Object element = scalar(field, value.get(i), path + "[" + i + "]", errors);
                if (element != null) {
                    values.add(element instanceof BigDecimal number ? number.stripTrailingZeros() : element);
                }
            }
            return errors.size() == before ? Set.copyOf(values) : null;
        }
        return scalar(field, value, path, errors);
    }

    private static String elementLabel(Field field) {
        return switch (field.type()) {
            case STRING_LIST -> "string";
            case ENUM_LIST -> "enum";
            default -> field.type().label();
        };
    }

    /** One value of the field's (element) type, converted as the evaluator compares it. */
    private Object scalar(Field field, JsonNode value, String path, List<FieldError> errors) {
        switch (field.type()) {
            case STRING, STRING_LIST -> {
                if (!value.isTextual() || value.textValue().isBlank()) {
                    errors.add(new FieldError(path, "must be a non-empty string"));
                    return null;
                }
                return value.textValue().strip().toLowerCase(Locale.ROOT);
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    errors.add(new FieldError(path, "must be a number"));
                    return null;
                }
                return value.decimalValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    errors.add(new FieldError(path, "must be true or false"));
                    return null;
                }
                return value.booleanValue();
            }
            case DATE -> {
                LocalDate date = value.isTextual() ? date(value.textValue()) : null;
                if (date == null) {
                    errors.add(new FieldError(path, "must be a date as YYYY-MM-DD"));
                }
                return date;
            }
            case INSTANT -> {
                Instant instant = value.isTextual() ? instant(value.textValue()) : null;
                if (instant == null) {
                    errors.add(new FieldError(path, "must be an ISO-8601 UTC timestamp (2026-01-31T00:00:00Z) or a date (2026-01-31)"));
                }
                return instant;
            }
            case ENUM, ENUM_LIST -> {
                String name = value.isTextual() ? value.textValue().strip().toUpperCase(Locale.ROOT) : null;
                if (name == null || !field.values().contains(name)) {
                    errors.add(new FieldError(path, "must be one of " + String.join(", ", field.values())));
                    return null;
                }
                return name;
            }
            default -> throw new IllegalStateException("unhandled type " + field.type());
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            LocalDate date = date(text);
            return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** The catalogue this parser validates against. */
    public FieldCatalogue catalogue() {
        return catalogue;
    }
}
