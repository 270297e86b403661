package com.customerhub.core.data;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The physical table names, from the environment variables the SAM template sets. */
@Singleton
public class TableNames {
    private final String customers;

    public TableNames(@Value("${customers.table}") String customers) {
        this.customers = customers;
    }

    public String customers() {
        return customers;
    }
}
