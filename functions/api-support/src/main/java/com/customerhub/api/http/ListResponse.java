package com.customerhub.api.http;

import com.customerhub.core.data.Page;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The list shape of API.md: {@code {"items":[...],"nextCursor":"..."|null}}. */
public record ListResponse<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    public static <T> ListResponse<T> of(Page<T> page) {
        return new ListResponse<>(page.items(), page.nextCursor());
    }
}
