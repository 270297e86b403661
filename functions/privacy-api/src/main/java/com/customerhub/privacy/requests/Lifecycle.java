package com.customerhub.privacy.requests;

import com.customerhub.core.error.ApiException;

import java.util.Map;
import java.util.Set;

/**
 * The request's state machine. RECEIVED → IN_PROGRESS (process) → COMPLETED (the worker);
 * RECEIVED → REJECTED (reject). Processing an IN_PROGRESS request again re-dispatches the work
 * (the worker is idempotent), so a lost or killed run can be resumed. Extending is allowed while
 * the request is open. Anything else is a 409.
 */
public final class Lifecycle {
    public enum Action { PROCESS, REJECT, EXTEND, COMPLETE }

    private static final Map<Action, Set<RequestStatus>> ALLOWED_FROM = Map.of(
            Action.PROCESS, Set.of(RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS),
            Action.REJECT, Set.of(RequestStatus.RECEIVED),
            Action.EXTEND, Set.of(RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS),
            Action.COMPLETE, Set.of(RequestStatus.IN_PROGRESS));

    private Lifecycle() {
    }

    public static boolean allowed(RequestStatus from, Action action) {
        return ALLOWED_FROM.get(action).contains(from);
    }

    public static void check(RequestStatus from, Action action) {
        if (!allowed(from, action)) {
            throw new ApiException(409, "Conflict", "a " + from + " request cannot be " + switch (action) {
                case PROCESS -> "processed";
                case REJECT -> "rejected (only a RECEIVED one can)";
                case EXTEND -> "extended";
                case COMPLETE -> "completed";
            });
        }
    }

    public static RequestStatus after(Action action) {
        return switch (action) {
            case PROCESS -> RequestStatus.IN_PROGRESS;
            case REJECT -> RequestStatus.REJECTED;
            case COMPLETE -> RequestStatus.COMPLETED;
            case EXTEND -> null;
        };
    }
}
