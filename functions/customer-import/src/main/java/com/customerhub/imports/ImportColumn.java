package com.customerhub.imports;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of the import template and of exports (API.md, "Excel import and export"), in the
 * order the template shows them. Headers match case-insensitively.
 */
public enum ImportColumn {
    MOBILE("mobile", Kind.TEXT, true, List.of(), "E.164 with the country prefix, e.g. +393331234567 (kept as text)"),
    NAME("name", Kind.TEXT, false, List.of(), "defaults to the mobile when empty"),
    EMAIL("email", Kind.TEXT, false, List.of(), "unique per tenant"),
    CUSTOMER_TYPE("customerType", Kind.TEXT, false, List.of("B2C", "B2B"), "B2C (default) or B2B"),
    FIRST_NAME("firstName", Kind.TEXT, false, List.of(), ""),
    LAST_NAME("lastName", Kind.TEXT, false, List.of(), ""),
    COMPANY("company", Kind.TEXT, false, List.of(), ""),
    SECTOR("sector", Kind.TEXT, false, List.of(), ""),
    JOB_TITLE("jobTitle", Kind.TEXT, false, List.of(), ""),
    PRIORITY("priority", Kind.INTEGER, false, List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), "1..9, default 5"),
    DEFAULT_SKILLSET("defaultSkillset", Kind.TEXT, false, List.of(), ""),
    NOTES("notes", Kind.TEXT, false, List.of(), "up to 4000 characters"),
    EXTERNAL_ID("externalId", Kind.TEXT, false, List.of(), "id in your system; rows match existing customers by it, else by mobile"),
    KEEP_HISTORY("keepHistory", Kind.BOOLEAN, false, List.of("TRUE", "FALSE"), "TRUE or FALSE"),
    TAGS("tags", Kind.LIST, false, List.of(), "comma-separated"),
    PREFERRED_CHANNELS("preferredChannels", Kind.LIST, false, List.of("EMAIL", "SMS", "PHONE", "WHATSAPP", "POST"),
            "comma-separated: EMAIL, SMS, PHONE, WHATSAPP, POST"),
    RESPONSIBLE_USER("responsibleUser", Kind.TEXT, false, List.of(), ""),
    CONTACT_CLASS("contactClass", Kind.TEXT, false, List.of(), "");

    /** How a cell becomes a JSON value for the validator. */
    public enum Kind { TEXT, INTEGER, BOOLEAN, LIST }

    private final String field;
    private final Kind kind;
    private final boolean mandatory;
    private final List<String> choices;
    private final String hint;

    ImportColumn(String field, Kind kind, boolean mandatory, List<String> choices, String hint) {
        this.field = field;
        this.kind = kind;
        this.mandatory = mandatory;
        this.choices = choices;
        this.hint = hint;
    }

    public String field() { return field; }
    public Kind kind() { return kind; }
    public boolean mandatory() { return mandatory; }
    public List<String> choices() { return choices; }
    public String hint() { return hint; }

    /** The header as the template writes it: mandatory columns carry a star. */
    public String header() {
        return mandatory ? field + " *" : field;
    }

    /** The column a header names, ignoring case, spaces and the mandatory star. */
    public static Optional<ImportColumn> ofHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String wanted = header.replace("*", "").strip().toLowerCase(Locale.ROOT);
        for (ImportColumn column : values()) {
            if (column.field.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
