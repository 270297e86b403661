package com.customerhub.core.data;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The physical table names, from the environment variables the SAM template sets. */
@Singleton
public class TableNames {
    private final String customers;
    private final String guards;

    public TableNames(@Value("${customers.table}") String customers, @Value("${guards.table}") String guards) {
        this.customers = customers;
        this.guards = guards;
    }

    public String customers() {
        return customers;
    }

    /**
     * The uniqueness guards (mobile, email, external id to their customer): a table of their own so
     * a bulk import's guard transactions do not hold up its puts in DynamoDB Local (see README).
     */
    public String guards() {
        return guards;
    }
}
