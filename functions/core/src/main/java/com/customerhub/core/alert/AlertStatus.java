package com.customerhub.core.alert;

/** ACTIVE until acknowledged by an agent or resolved by the evaluator; ACKNOWLEDGED alerts still show until resolved. */
public enum AlertStatus {
    ACTIVE, ACKNOWLEDGED, RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED;
    }
}
