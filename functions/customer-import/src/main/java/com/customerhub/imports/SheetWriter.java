package com.customerhub.imports;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a workbook row by row to a temporary file (fastexcel: rows are flushed to the zip stream
 * every few hundred, text goes inline rather than into a shared-strings table that would grow with
 * the file), so neither reports nor exports are ever held in memory.
 */
final class SheetWriter implements AutoCloseable {
    private static final int FLUSH_EVERY = 512;

    private final Path file;
    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private final int textColumn;
    private int nextRow;

    /** {@code textColumn}: the column formatted as text (the mobile), -1 for none. */
    SheetWriter(String sheetName, List<String> headers, int textColumn) {
        try {
            this.file = Files.createTempFile("sheet-", ".xlsx");
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            this.workbook = new Workbook(out, "customer-hub", "1.0");
            this.workbook.setCompressionLevel(1);
            this.sheet = workbook.newWorksheet(sheetName);
            this.textColumn = textColumn;
            for (int c = 0; c < headers.size(); c++) {
                sheet.inlineString(0, c, headers.get(c));
                sheet.style(0, c).bold().set();
            }
            if (textColumn >= 0) {
                sheet.style(textColumn).format("@").set();
            }
            sheet.freezePane(0, 1);
            nextRow = 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Worksheet sheet() {
        return sheet;
    }

    /** One row of text cells (null = empty); numbers and booleans go through {@link #number}. */
    void row(Object[] cells) {
        int r = nextRow++;
        for (int c = 0; c < cells.length; c++) {
            Object value = cells[c];
            if (value instanceof Number n) {
                sheet.value(r, c, n);
            } else if (value instanceof Boolean b) {
                sheet.value(r, c, b);
            } else if (value != null) {
                String text = value.toString();
                sheet.inlineString(r, c, c == textColumn ? text : Exports.neutralise(text));
            }
        }
        if (r % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    int rowsWritten() {
        return nextRow - 1;
    }

    /** Finishes the workbook and returns its file; the caller uploads and deletes it. */
    Path finish() {
        try {
            sheet.finish();
            workbook.finish();
            out.close();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // already closed by finish()
        }
    }

    Path file() {
        return file;
    }
}
