package com.customerhub.core.condition;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.error.FieldError;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message with {@code {{field}}} placeholders naming catalogue fields, e.g.
 * {@code "{{stats.pendingInvoiceCount}} unpaid invoices"}. A field the customer has no value for
 * renders as an empty string; lists render comma-separated.
 */
public final class MessageTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private final String text;
    private final List<Object> parts;

    private MessageTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** The template, or null after adding an error for each unknown placeholder. */
    public static MessageTemplate parse(String text, FieldCatalogue catalogue, String path, List<FieldError> errors) {
        List<Object> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int last = 0;
        boolean ok = true;
        while (matcher.find()) {
            parts.add(text.substring(last, matcher.start()));
            String name = matcher.group(1);
            Field field = catalogue.find(name).orElse(null);
            if (field == null) {
                errors.add(new FieldError(path, "the placeholder {{" + (name.length() > 60 ? name.substring(0, 60) + "..." : name)
                        + "}} names no customer field"));
                ok = false;
            }
            parts.add(field);
            last = matcher.end();
        }
        parts.add(text.substring(last));
        return ok ? new MessageTemplate(text, parts) : null;
    }

    public String render(Customer customer, Clock clock) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Field field) {
                out.append(format(field.read(customer, clock)));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /** The catalogue fields the placeholders name. */
    public List<Field> fields() {
        return parts.stream().filter(Field.class::isInstance).map(Field.class::cast).toList();
    }

    public String text() {
        return text;
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
