package com.customerhub.core.condition;

import com.customerhub.core.customer.Customer;

import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One field of the catalogue: its dotted name ({@code stats.pendingInvoiceCount}), type, allowed
 * values for enums, how to read it from a customer, and the top-level attributes of the stored
 * profile item it is read from ({@code stats}, {@code birthDate} for {@code age}), so a reader of
 * many profiles can fetch only those. The reader returns normalised values:
 * {@code BigDecimal} for numbers, {@code LocalDate}, {@code Instant}, {@code Boolean}, enum names
 * as strings, lists of strings, or null when the customer has no value.
 */
public record Field(String name, FieldType type, List<String> values, BiFunction<Customer, Clock, Object> reader,
                    List<String> attributes) {
    public Field {
        values = List.copyOf(values);
        attributes = List.copyOf(attributes);
    }

    public Object read(Customer customer, Clock clock) {
        return reader.apply(customer, clock);
    }
}
