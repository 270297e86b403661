package com.customerhub.core.authorization;

/** What a representative may do for the customer. */
public enum Scope { READ, UPDATE, CONTRACT, PRIVACY }
