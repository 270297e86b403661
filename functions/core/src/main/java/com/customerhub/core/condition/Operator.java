package com.customerhub.core.condition;

import java.util.Optional;

/** The comparison operators of the condition language, by the name clients write. */
public enum Operator {
    EQ("eq"), NE("ne"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), IN("in"), CONTAINS("contains"),
    EXISTS("exists"), OLDER_THAN_DAYS("olderThanDays"), WITHIN_DAYS("withinDays");

    private final String json;

    Operator(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<Operator> fromJson(String name) {
        for (Operator op : values()) {
            if (op.json.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
