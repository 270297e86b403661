package com.customerhub.core.condition;

import java.util.EnumSet;
import java.util.Set;

import static com.customerhub.core.condition.Operator.*;

/** The types of the field catalogue and the operators each one accepts. */
public enum FieldType {
    STRING("string", EnumSet.of(EQ, NE, IN, CONTAINS, EXISTS)),
    NUMBER("number", EnumSet.of(EQ, NE, GT, GTE, LT, LTE, IN, EXISTS)),
    BOOLEAN("boolean", EnumSet.of(EQ, NE, EXISTS)),
    DATE("date", EnumSet.of(EQ, NE, GT, GTE, LT, LTE, EXISTS, OLDER_THAN_DAYS, WITHIN_DAYS)),
    INSTANT("instant", EnumSet.of(EQ, NE, GT, GTE, LT, LTE, EXISTS, OLDER_THAN_DAYS, WITHIN_DAYS)),
    ENUM("enum", EnumSet.of(EQ, NE, IN, EXISTS)),
    STRING_LIST("list of strings", EnumSet.of(CONTAINS, IN, EXISTS)),
    ENUM_LIST("list of enums", EnumSet.of(CONTAINS, IN, EXISTS));

    private final String label;
    private final Set<Operator> operators;

    FieldType(String label, Set<Operator> operators) {
        this.label = label;
        this.operators = operators;
    }

    public String label() {
        return label;
    }

    public Set<Operator> operators() {
        return operators;
    }

    public boolean isList() {
        return this == STRING_LIST || this == ENUM_LIST;
    }
}
