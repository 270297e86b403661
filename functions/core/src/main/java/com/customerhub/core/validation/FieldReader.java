package com.customerhub.core.validation;

import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object and collects every problem instead of stopping at the
 * first, so a client learns about all bad fields in one answer. Strings are trimmed; an empty
 * string counts as absent.
 */
public final class FieldReader {
    private final ObjectNode node;
    private final String prefix;
    private final List<FieldError> errors;
    // a list, not a set: a body has a few dozen fields at most, and this runs for every imported row
    private final List<String> known = new ArrayList<>(32);

    public FieldReader(ObjectNode node) {
        this(node, "", new ArrayList<>());
    }

    private FieldReader(ObjectNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** A reader over a nested object that reports into the same error list. */
    public FieldReader nested(String name) {
        known.add(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            error(name, "must be an object");
            return null;
        }
        return new FieldReader((ObjectNode) value, path(name) + ".", errors);
    }

    /** Readers over each object of an array field, reporting into the same error list. */
    public List<FieldReader> objectList(String name, int maxItems) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            error(name, "must be an array of objects");
            return null;
        }
        if (value.size() > maxItems) {
            error(name, "must have at most " + maxItems + " items");
            return null;
        }
        List<FieldReader> readers = new ArrayList<>();
        int index = 0;
        for (JsonNode item : value) {
            String itemName = name + "[" + index++ + "]";
            if (!item.isObject()) {
                error(itemName, "must be an object");
                continue;
            }
            readers.add(new FieldReader((ObjectNode) item, path(itemName) + ".", errors));
        }
        return readers;
    }

    /** Fields the server sets; accepted (so a client may send back what it read) and ignored. */
    public void ignore(String... names) {
        java.util.Collections.addAll(known, names);
    }

    public String string(String name, int maxLength) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        String text = value.textValue().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters");
            return null;
        }
        if (hasControlCharacters(text, name)) {
            return null;
        }
        return text;
    }

    public String required(String name, int maxLength) {
        boolean hadError = errorCount();
        String value = string(name, maxLength);
        if (value == null && hadError == errorCount()) {
            error(name, "is required");
        }
        return value;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = string(name, 64);
        return text == null ? null : toEnum(name, text, type);
    }

    public Integer integer(String name, int min, int max) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(name, "must be a whole number between " + min + " and " + max);
            return null;
        }
        int number = value.intValue();
        if (number < min || number > max) {
            error(name, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    /** A non-negative amount with at most two decimals (money). */
    public java.math.BigDecimal money(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        java.math.BigDecimal amount;
        try {
            amount = value.isNumber() ? value.decimalValue() : value.isTextual() ? new java.math.BigDecimal(value.textValue().strip()) : null;
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null || amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(java.math.BigDecimal.valueOf(1_000_000_000)) > 0) {
            error(name, "must be an amount between 0 and 1000000000 with at most two decimals");
            return null;
        }
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** An ISO-8601 UTC timestamp. */
    public java.time.Instant instant(String name) {
        String text = string(name, 40);
        if (text == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 UTC timestamp, e.g. 2026-01-31T09:30:00Z");
            return null;
        }
    }

    public Boolean bool(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            error(name, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    public LocalDate date(String name) {
        String text = string(name, 10);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            error(name, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    public List<String> stringList(String name, int maxItems, int maxLength) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            error(name, "must be an array of strings");
            return null;
        }
        if (value.size() > maxItems) {
            error(name, "must have at most " + maxItems + " items");
            return null;
        }
        Set<String> items = new LinkedHashSet<>();
        int index = 0;
        for (JsonNode item : value) {
            String itemName = name + "[" + index++ + "]";
            if (!item.isTextual()) {
                error(itemName, "must be a string");
                continue;
            }
            String text = item.textValue().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.length() > maxLength) {
                error(itemName, "must be at most " + maxLength + " characters");
            } else if (!hasControlCharacters(text, itemName)) {
                items.add(text);
            }
        }
        return List.copyOf(items);
    }

    public <E extends Enum<E>> List<E> enumList(String name, Class<E> type) {
        List<String> texts = stringList(name, type.getEnumConstants().length * 2, 64);
        if (texts == null) {
            return null;
        }
        Set<E> values = new LinkedHashSet<>();
        for (String text : texts) {
            E value = toEnum(name, text, type);
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    public void error(String name, String message) {
        errors.add(new FieldError(path(name), message));
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** Throws a 400 listing every problem found, unknown fields included. */
    public void throwIfInvalid() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(name, "is not a known field");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** Unknown-field check for a nested reader; the top-level reader throws. */
    public void checkUnknown() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(name, "is not a known field");
            }
        }
    }

    private boolean errorCount() {
        return errors.isEmpty();
    }

    private JsonNode present(String name) {
        known.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private <E extends Enum<E>> E toEnum(String name, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(name, "must be one of " + List.of(type.getEnumConstants()));
            return null;
        }
    }

    private boolean hasControlCharacters(String text, String name) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                error(name, "must not contain control characters");
                return true;
            }
        }
        return false;
    }

    private String path(String name) {
        return prefix + name;
    }
}
