package com.customerhub.core.data;

import com.customerhub.core.error.ApiException;

/** A validated {@code pageSize} (10..100, default 25) and the cursor a client sent back. */
public record PageRequest(int pageSize, String cursor) {
    public static final int MIN = 10;
    public static final int MAX = 100;
    public static final int DEFAULT = 25;

    public static PageRequest of(String pageSize, String cursor) {
        int size = DEFAULT;
        if (pageSize != null && !pageSize.isBlank()) {
            try {
                size = Integer.parseInt(pageSize.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("pageSize", "must be a whole number between " + MIN + " and " + MAX);
            }
            if (size < MIN || size > MAX) {
                throw ApiException.badRequest("pageSize", "must be between " + MIN + " and " + MAX);
            }
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : cursor.strip());
    }
}
