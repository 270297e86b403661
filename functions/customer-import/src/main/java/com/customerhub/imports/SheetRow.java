package com.customerhub.imports;

import java.util.List;

/**
 * One data row: its number in the sheet (the header is row 1), the values by template column
 * (null when blank or not in the file) and the cells as they were, for the report.
 */
public record SheetRow(long number, String[] values, List<String> cells) {
    public String value(ImportColumn column) {
        return values[column.ordinal()];
    }
}
