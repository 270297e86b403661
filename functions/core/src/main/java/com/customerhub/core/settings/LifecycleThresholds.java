package com.customerhub.core.settings;

import com.customerhub.core.customer.CustomerStats;

/** When a customer counts as RETURNING or VIP, by number of purchases (a tenant setting). */
public record LifecycleThresholds(int returningPurchases, int vipPurchases) {
    public static final LifecycleThresholds DEFAULT = new LifecycleThresholds(2, 10);

    public CustomerStats.Lifecycle lifecycleOf(int purchases) {
        if (purchases >= vipPurchases) {
            return CustomerStats.Lifecycle.VIP;
        }
        return purchases >= returningPurchases ? CustomerStats.Lifecycle.RETURNING : CustomerStats.Lifecycle.NEW;
    }
}
