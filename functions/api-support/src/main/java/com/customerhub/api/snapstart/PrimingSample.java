package com.customerhub.api.snapstart;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerStats;
import com.customerhub.core.customer.CustomerType;

import java.time.Instant;

/** What the warm-up paths read and write: a customer id under a tenant that cannot exist, never stored. */
public final class PrimingSample {
    public static final String NO_TENANT = "prime-0000";
    public static final String ID = "01HPR1MEPR1MEPR1MEPR1ME000";

    private PrimingSample() {
    }

    public static Customer customer(Instant now) {
        return new Customer(ID, new CustomerDraft(CustomerType.B2C, "Prime", null, null, null,
                null, null, "+390000000000", null, null, null, null, null, null, null, 5, null, null, null, null, null,
                null, null, null, null, null), CustomerStats.empty(), null, 1, now, now);
    }
}
