package com.customerhub.imports;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Streams the first sheet of an inspected workbook one row at a time (fastexcel-reader: the XML is
 * pulled, never loaded whole). The first row holds the headers. Formulas give their cached value and
 * are never evaluated; numbers come back as plain digits (a phone typed as a number keeps all of
 * them); a leading apostrophe that an export put before {@code = + - @} is removed again.
 */
public final class SheetReader implements AutoCloseable {
    private static final int COLUMNS = ImportColumn.values().length;
    private static final java.util.regex.Pattern NUMERIC = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final ImportSettings limits;
    private final List<String> headers = new ArrayList<>();
    private final ImportColumn[] columnAt;
    private long dataRows;

    public SheetReader(Path file, ImportSettings limits) throws IOException {
        this.limits = limits;
        this.workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(false, false));
        this.stream = workbook.getFirstSheet().openStream();
        this.rows = stream.iterator();
        if (!rows.hasNext()) {
            close();
            throw new RejectedFile("the first sheet is empty: it needs a header row with at least the column mobile");
        }
        Row header = rows.next();
        checkShape(header);
        columnAt = new ImportColumn[header.getCellCount()];
        boolean[] seen = new boolean[ImportColumn.values().length];
        for (int i = 0; i < header.getCellCount(); i++) {
            String text = text(header.getCell(i));
            headers.add(text == null ? "" : text);
            if (text == null || text.isBlank()) {
                continue;
            }
            Optional<ImportColumn> column = ImportColumn.ofHeader(text);
            if (column.isEmpty()) {
                close();
                throw new RejectedFile("unknown column '" + clip(text) + "' in cell " + columnLetters(i) + "1; the columns are those of the template");
            }
            if (seen[column.get().ordinal()]) {
                close();
                throw new RejectedFile("the column " + column.get().field() + " appears twice");
            }
            seen[column.get().ordinal()] = true;
            columnAt[i] = column.get();
        }
        if (!seen[ImportColumn.MOBILE.ordinal()]) {
            close();
            throw new RejectedFile("the header row has no column mobile, which is mandatory");
        }
    }

    /** The header texts as they were, for the report. */
    public List<String> headers() {
        return headers;
    }

    /** Which template columns the file has (a column not in the file leaves the field untouched). */
    public boolean has(ImportColumn column) {
        return Arrays.asList(columnAt).contains(column);
    }

    /** The next non-empty data row, or null at the end. */
    public SheetRow next() {
        while (rows.hasNext()) {
            Row row = rows.next();
            checkShape(row);
            String[] values = new String[COLUMNS];
            String[] cells = new String[row.getCellCount()];
            boolean any = false;
            for (int i = 0; i < row.getCellCount(); i++) {
                String text = text(row.getCell(i));
                if (text != null && text.length() > limits.maxCellChars()) {
                    throw new RejectedFile("cell " + columnLetters(i) + row.getRowNum() + " holds more than "
                            + limits.maxCellChars() + " characters");
                }
                cells[i] = text == null ? "" : text;
                if (i < columnAt.length && columnAt[i] != null && text != null && !text.isBlank()) {
                    values[columnAt[i].ordinal()] = text.strip();
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            if (++dataRows > limits.maxRows()) {
                throw new RejectedFile("the sheet has more than " + limits.maxRows() + " data rows, the limit");
            }
            return new SheetRow(row.getRowNum(), values, Arrays.asList(cells));
        }
        return null;
    }

    private void checkShape(Row row) {
        if (row.getCellCount() > limits.maxColumns()) {
            throw new RejectedFile("row " + row.getRowNum() + " has cells beyond column " + limits.maxColumns() + ", the limit");
        }
    }

    static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        String raw = cell.getRawValue();
        switch (cell.getType()) {
            case EMPTY:
                return null;
            case NUMBER:
                return plainNumber(raw);
            case BOOLEAN:
                return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "TRUE" : "FALSE";
            case FORMULA:
                // the value Excel cached when the file was saved; nothing is evaluated here
                return raw == null ? null : unneutralise(looksNumeric(raw) ? plainNumber(raw) : raw);
            default:
                String text = cell.getText();
                return text == null ? null : unneutralise(text);
        }
    }

    private static boolean looksNumeric(String raw) {
        return NUMERIC.matcher(raw).matches();
    }

    private static String plainNumber(String raw) {
        if (raw == null) {
            return null;
        }
        if (isPlainInteger(raw)) {
            return raw; // what BigDecimal would give back, without building one per cell
        }
        try {
            return new BigDecimal(raw).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** Digits only, no leading zero (unless "0" itself): already in the plain form. */
    private static boolean isPlainInteger(String raw) {
        int length = raw.length();
        if (length == 0 || length > 18 || (raw.charAt(0) == '0' && length > 1)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Undoes the export's formula-injection guard, so an export re-imports unchanged. */
    static String unneutralise(String text) {
        if (text.length() > 1 && text.charAt(0) == '\'' && Exports.DANGEROUS_STARTS.indexOf(text.charAt(1)) >= 0) {
            return text.substring(1);
        }
        return text;
    }

    static String columnLetters(int index) {
        StringBuilder letters = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            letters.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return letters.toString();
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    @Override
    public void close() {
        stream.close();
        try {
            workbook.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
