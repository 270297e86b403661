package com.customerhub.core.customer;

import java.util.function.Function;

/** The fields unique per tenant among live customers, each kept unique by a guard item. */
public enum UniqueKey {
    MOBILE("mobile", CustomerDraft::mobile),
    EMAIL("email", CustomerDraft::email),
    EXTERNAL_ID("externalId", CustomerDraft::externalId);

    private final String field;
    private final Function<CustomerDraft, String> reader;

    UniqueKey(String field, Function<CustomerDraft, String> reader) {
        this.field = field;
        this.reader = reader;
    }

    public String field() {
        return field;
    }

    public String valueOf(CustomerDraft draft) {
        return draft == null ? null : reader.apply(draft);
    }
}
