package com.customerhub.core.condition;

import com.customerhub.core.customer.Authorized;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerStats;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields a condition may name: every field of {@link CustomerDraft} (nested records such as
 * {@code address.city} flattened with dots), every {@code stats.*} field of {@link CustomerStats},
 * {@code id}, {@code version}, {@code createdAt}, {@code updatedAt}, {@code authorized}, and the
 * derived {@code age} (whole years from {@code birthDate} at the evaluation clock's date, UTC).
 * Built from the records themselves, so a field added to the customer model is usable at once.
 */
public final class FieldCatalogue {
    private static final FieldCatalogue STANDARD = build();

    private final Map<String, Field> fields;

    private FieldCatalogue(Map<String, Field> fields) {
        this.fields = Map.copyOf(fields);
        this.names = fields.keySet().stream().sorted().toList();
    }

    private final List<String> names;

    /** Immutable and shared: the catalogue only depends on the customer records' shape. */
    public static FieldCatalogue standard() {
        return STANDARD;
    }

    public Optional<Field> find(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public List<String> names() {
        return names;
    }

    private static FieldCatalogue build() {
        Map<String, Field> fields = new LinkedHashMap<>();
        put(fields, new Field("id", FieldType.STRING, List.of(), (c, clock) -> c.id(), List.of("id")));
        put(fields, new Field("version", FieldType.NUMBER, List.of(), (c, clock) -> BigDecimal.valueOf(c.version()), List.of("version")));
        put(fields, new Field("createdAt", FieldType.INSTANT, List.of(), (c, clock) -> c.createdAt(), List.of("createdAt")));
        put(fields, new Field("updatedAt", FieldType.INSTANT, List.of(), (c, clock) -> c.updatedAt(), List.of("updatedAt")));
        put(fields, new Field("authorized", FieldType.BOOLEAN, List.of(), (c, clock) -> c.authorized(), Authorized.ATTRIBUTES));
        addRecord(fields, "", null, CustomerDraft.class, Customer::fields);
        addRecord(fields, "stats.", "stats", CustomerStats.class, Customer::stats);
        put(fields, new Field("age", FieldType.NUMBER, List.of(), FieldCatalogue::age, List.of("birthDate")));
        return new FieldCatalogue(fields);
    }

    private static Object age(Customer customer, Clock clock) {
        LocalDate birth = customer.fields() == null ? null : customer.fields().birthDate();
        if (birth == null) {
            return null;
        }
        return BigDecimal.valueOf(Period.between(birth, LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))).getYears());
    }

    private static void put(Map<String, Field> fields, Field field) {
        fields.put(field.name(), field);
    }

    /** {@code attribute}: the stored top-level attribute holding this record (null: the record is stored flat). */
    private static void addRecord(Map<String, Field> fields, String prefix, String attribute, Class<?> type,
                                  Function<Customer, Object> parent) {
        for (RecordComponent component : type.getRecordComponents()) {
            Method accessor = component.getAccessor();
            Function<Customer, Object> read = customer -> {
                Object owner = parent.apply(customer);
                return owner == null ? null : invoke(accessor, owner);
            };
            String name = prefix + component.getName();
            String stored = attribute == null ? component.getName() : attribute;
            Class<?> javaType = component.getType();
            if (javaType.isRecord()) {
                addRecord(fields, name + ".", stored, javaType, read);
                continue;
            }
            typeOf(javaType, component.getGenericType()).ifPresent(fieldType ->
                    put(fields, new Field(name, fieldType, enumValues(javaType, component.getGenericType()),
                            (customer, clock) -> normalise(read.apply(customer)), List.of(stored))));
        }
    }

    private static Optional<FieldType> typeOf(Class<?> type, Type generic) {
        if (type == String.class) {
            return Optional.of(FieldType.STRING);
        }
        if (type == int.class || type == long.class || Number.class.isAssignableFrom(type)) {
            return Optional.of(FieldType.NUMBER);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Optional.of(FieldType.BOOLEAN);
        }
        if (type == LocalDate.class) {
            return Optional.of(FieldType.DATE);
        }
        if (type == Instant.class) {
            return Optional.of(FieldType.INSTANT);
        }
        if (type.isEnum()) {
            return Optional.of(FieldType.ENUM);
        }
        if (Collection.class.isAssignableFrom(type) && generic instanceof ParameterizedType p) {
            Type element = p.getActualTypeArguments()[0];
            if (element == String.class) {
                return Optional.of(FieldType.STRING_LIST);
            }
            if (element instanceof Class<?> c && c.isEnum()) {
                return Optional.of(FieldType.ENUM_LIST);
            }
        }
        return Optional.empty(); // a shape the language cannot compare is left out of the catalogue
    }

    private static List<String> enumValues(Class<?> type, Type generic) {
        Class<?> enumType = type.isEnum() ? type
                : generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isEnum() ? c
                : null;
        if (enumType == null) {
            return List.of();
        }
        return Arrays.stream(enumType.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
    }

    static Object normalise(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Collection<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element != null) {
                    out.add(element instanceof Enum<?> e ? e.name() : element.toString());
                }
            }
            return out;
        }
        return value;
    }

    private static Object invoke(Method accessor, Object owner) {
        try {
            return accessor.invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor.getName(), e);
        }
    }
}
