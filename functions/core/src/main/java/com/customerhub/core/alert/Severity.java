package com.customerhub.core.alert;

/** How urgent an alert is, as the 360 view colours it. */
public enum Severity { INFO, WARNING, CRITICAL }
