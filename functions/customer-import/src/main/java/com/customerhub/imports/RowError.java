package com.customerhub.imports;

/** Why a row was rejected: the sheet row (1 = headers), the column, and a message without the value. */
public record RowError(long row, String column, String message) {
}
