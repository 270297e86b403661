package com.customerhub.core.customer;

/** A private person (B2C) or a company account (B2B). */
public enum CustomerType { B2C, B2B }
