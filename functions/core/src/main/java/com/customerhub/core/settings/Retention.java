package com.customerhub.core.settings;

/** How many days import reports and exports are kept (a tenant setting). */
public record Retention(int reportDays, int exportDays) {
    public static final Retention DEFAULT = new Retention(30, 7);
}
