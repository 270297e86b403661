package com.customerhub.core.settings;

/**
 * How many days import reports and exports are kept (a tenant setting), applied by the retention
 * sweeper. {@link #MAX_DAYS} is the outer bound: the bucket's lifecycle rules for {@code reports/}
 * and {@code exports/} (infrastructure/template.yaml) expire objects after that many days even if
 * the sweeper never runs, and it equals the jobs' own 90-day lifetime, so a file never outlives the
 * job that hands it out.
 */
public record Retention(int reportDays, int exportDays) {
    public static final Retention DEFAULT = new Retention(30, 7);
    public static final int MAX_DAYS = 90;
}
