package com.customerhub.core.condition;

import com.customerhub.core.customer.Customer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A parsed, validated condition over a customer. Built only by {@link ConditionParser}, so every
 * comparison names a catalogue field, an operator valid for its type and a value of that type.
 *
 * <p>Missing values are explicit: a comparison with a field the customer has no value for (null,
 * or an empty list) is false, except {@code ne} (true: "not equal" is {@code not eq}) and
 * {@code exists false}. Strings compare without regard to case. Dates are compared by UTC calendar
 * day: {@code olderThanDays n} is "before today minus n days", {@code withinDays n} is "from today
 * minus n days up to today". Instants use exact 24-hour days counted back from the clock's instant.
 */
public sealed interface Condition {

    boolean test(Customer customer, Clock clock);

    /** The catalogue fields this condition reads. */
    Stream<Field> fields();

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public Stream<Field> fields() {
            return conditions.stream().flatMap(Condition::fields);
        }

        @Override
        public boolean test(Customer customer, Clock clock) {
            for (Condition condition : conditions) {
                if (!condition.test(customer, clock)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public Stream<Field> fields() {
            return conditions.stream().flatMap(Condition::fields);
        }

        @Override
        public boolean test(Customer customer, Clock clock) {
            for (Condition condition : conditions) {
                if (condition.test(customer, clock)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public Stream<Field> fields() {
            return condition.fields();
        }

        @Override
        public boolean test(Customer customer, Clock clock) {
            return !condition.test(customer, clock);
        }
    }

    /**
     * One comparison. {@code value} is already converted: BigDecimal, LocalDate, Instant, Boolean,
     * a lower-cased String (strings), an enum name, a {@code Set} of those for {@code in}, or a
     * {@code Long} of days.
     */
    record Comparison(Field field, Operator op, Object value) implements Condition {
        @Override
        public Stream<Field> fields() {
            return Stream.of(field);
        }

        @Override
        public boolean test(Customer customer, Clock clock) {
            Object actual = field.read(customer, clock);
            boolean missing = actual == null || actual instanceof List<?> list && list.isEmpty();
            if (op == Operator.EXISTS) {
                return missing != (Boolean) value;
            }
            if (op == Operator.NE) {
                return missing || !equal(actual);
            }
            if (missing) {
                return false;
            }
            return switch (op) {
                case EQ -> equal(actual);
                case GT -> compare(actual) > 0;
                case GTE -> compare(actual) >= 0;
                case LT -> compare(actual) < 0;
                case LTE -> compare(actual) <= 0;
                case IN -> in(actual);
                case CONTAINS -> contains(actual);
                case OLDER_THAN_DAYS -> olderThan(actual, (Long) value, clock);
                case WITHIN_DAYS -> within(actual, (Long) value, clock);
                default -> throw new IllegalStateException("unhandled operator " + op);
            };
        }

        private boolean equal(Object actual) {
            if (actual instanceof String s && field.type() == FieldType.STRING) {
                return s.toLowerCase(Locale.ROOT).equals(value);
            }
            if (actual instanceof BigDecimal number) {
                return number.compareTo((BigDecimal) value) == 0;
            }
            return actual.equals(value);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private int compare(Object actual) {
            return ((Comparable) actual).compareTo(value);
        }

        private boolean in(Object actual) {
            Set<?> allowed = (Set<?>) value;
            if (actual instanceof List<?> list) {
                // a list field is "in" the values when any of its elements is
                return list.stream().anyMatch(element -> allowed.contains(keyOf(element)));
            }
            return allowed.contains(keyOf(actual));
        }

        private Object keyOf(Object element) {
            if (element instanceof BigDecimal number) {
                return number.stripTrailingZeros();
            }
            if (element instanceof String s && (field.type() == FieldType.STRING || field.type() == FieldType.STRING_LIST)) {
                return s.toLowerCase(Locale.ROOT);
            }
            return element;
        }

        private boolean contains(Object actual) {
            if (actual instanceof List<?> list) {
                return list.stream().anyMatch(element -> keyOf(element).equals(value));
            }
            return actual.toString().toLowerCase(Locale.ROOT).contains((String) value);
        }

        private static boolean olderThan(Object actual, long days, Clock clock) {
            if (actual instanceof LocalDate date) {
                return date.isBefore(today(clock).minusDays(days));
            }
            return ((Instant) actual).isBefore(clock.instant().minus(Duration.ofDays(days)));
        }

        private static boolean within(Object actual, long days, Clock clock) {
            if (actual instanceof LocalDate date) {
                LocalDate today = today(clock);
                return !date.isBefore(today.minusDays(days)) && !date.isAfter(today);
            }
            Instant now = clock.instant();
            Instant instant = (Instant) actual;
            return !instant.isBefore(now.minus(Duration.ofDays(days))) && !instant.isAfter(now);
        }

        private static LocalDate today(Clock clock) {
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        }
    }
}
