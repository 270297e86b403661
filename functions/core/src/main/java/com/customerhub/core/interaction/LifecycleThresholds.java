package com.customerhub.core.interaction;

import com.customerhub.core.customer.CustomerStats;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * When a customer counts as RETURNING or VIP, by number of purchases (configuration:
 * {@code customers.lifecycle.returning-purchases}, {@code customers.lifecycle.vip-purchases}).
 */
@Singleton
public class LifecycleThresholds {
    private final int returning;
    private final int vip;

    public LifecycleThresholds(@Value("${customers.lifecycle.returning-purchases:2}") int returning,
                               @Value("${customers.lifecycle.vip-purchases:10}") int vip) {
        this.returning = returning;
        this.vip = vip;
    }

    public CustomerStats.Lifecycle lifecycleOf(int purchases) {
        if (purchases >= vip) {
            return CustomerStats.Lifecycle.VIP;
        }
        return purchases >= returning ? CustomerStats.Lifecycle.RETURNING : CustomerStats.Lifecycle.NEW;
    }
}
