package com.customerhub.core.consent;

/** What a consent is for. */
public enum Purpose { MARKETING, PROFILING, SERVICE, THIRD_PARTY }
