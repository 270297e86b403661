package com.customerhub.privacy.requests;

/** RECEIVED, then IN_PROGRESS (a dpo started it) and COMPLETED, or REJECTED instead of being started. */
public enum RequestStatus {
    RECEIVED, IN_PROGRESS, COMPLETED, REJECTED;

    public boolean open() {
        return this == RECEIVED || this == IN_PROGRESS;
    }
}
