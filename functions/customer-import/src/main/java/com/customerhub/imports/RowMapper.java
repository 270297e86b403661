package com.customerhub.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a sheet row into the JSON the customer validator reads. Columns the file has are
 * authoritative: a blank cell clears the field on update (null in the merge patch); columns the
 * file lacks leave the stored value alone.
 */
public final class RowMapper {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Set<ImportColumn> present;

    public RowMapper(Set<ImportColumn> present) {
        this.present = present.isEmpty() ? EnumSet.noneOf(ImportColumn.class) : EnumSet.copyOf(present);
    }

    /** The body of a create: only non-blank cells. */
    public ObjectNode forCreate(SheetRow row) {
        ObjectNode node = NODES.objectNode();
        for (ImportColumn column : present) {
            String value = row.value(column);
            if (value != null) {
                node.set(column.field(), convert(column, value));
            }
        }
        return node;
    }

    /** A JSON merge patch over the stored customer: blank cells of present columns become null. */
    public ObjectNode forPatch(SheetRow row) {
        ObjectNode node = NODES.objectNode();
        for (ImportColumn column : present) {
            String value = row.value(column);
            node.set(column.field(), value == null ? NODES.nullNode() : convert(column, value));
        }
        return node;
    }

    static com.fasterxml.jackson.databind.JsonNode convert(ImportColumn column, String value) {
        switch (column.kind()) {
            case INTEGER:
                if (isSmallInteger(value)) {
                    return NODES.numberNode(Integer.parseInt(value));
                }
                return NODES.textNode(value); // the validator says what is wrong with it
            case BOOLEAN:
                String b = value.toLowerCase(Locale.ROOT);
                if (b.equals("true") || b.equals("1") || b.equals("yes")) {
                    return NODES.booleanNode(true);
                }
                if (b.equals("false") || b.equals("0") || b.equals("no")) {
                    return NODES.booleanNode(false);
                }
                return NODES.textNode(value);
            case LIST:
                // comma-separated, cut with indexOf: String.split's array and list were a fifth of the
                // validation thread's samples in a million-row preview
                ArrayNode list = NODES.arrayNode();
                int start = 0;
                while (start <= value.length()) {
                    int comma = value.indexOf(',', start);
                    int end = comma < 0 ? value.length() : comma;
                    String item = value.substring(start, end).strip();
                    if (!item.isEmpty()) {
                        list.add(column == ImportColumn.PREFERRED_CHANNELS ? item.toUpperCase(Locale.ROOT) : item);
                    }
                    start = end + 1;
                }
                return list;
            default:
                return column == ImportColumn.CUSTOMER_TYPE ? NODES.textNode(value.toUpperCase(Locale.ROOT)) : NODES.textNode(value);
        }
    }

    private static boolean isSmallInteger(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        if (value.length() == start || value.length() - start > 9) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The cell text an export writes for a stored value (the inverse of {@link #convert}). */
    static String cellText(ObjectMapper json, ImportColumn column, com.fasterxml.jackson.databind.JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(item -> joined.append(joined.length() == 0 ? "" : ", ").append(item.asText()));
            return joined.length() == 0 ? null : joined.toString();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "TRUE" : "FALSE";
        }
        return value.asText();
    }
}
