package com.customerhub.imports;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Real .xlsx files for the tests, written and read with the same streaming library as the product. */
final class Workbooks {
    private Workbooks() {
    }

    /** A workbook whose first sheet has these headers and rows (String, Number, Boolean or null cells). */
    static byte[] xlsx(List<String> headers, List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("Customers");
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(0, c, headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object value = row.get(c);
                    if (value instanceof Number n) {
                        sheet.value(r + 1, c, n);
                    } else if (value instanceof Boolean b) {
                        sheet.value(r + 1, c, b);
                    } else if (value instanceof Formula f) {
                        sheet.formula(r + 1, c, f.expression());
                    } else if (value != null) {
                        sheet.value(r + 1, c, value.toString());
                    }
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    record Formula(String expression) {
    }

    /** The cells of the first sheet, as text, row by row. */
    static List<List<String>> read(byte[] xlsx) {
        return read(xlsx, 0);
    }

    static List<List<String>> read(byte[] xlsx, int sheetIndex) {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            try (var stream = workbook.getSheet(sheetIndex).orElseThrow().openStream()) {
                for (Row row : (Iterable<Row>) stream::iterator) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getCellCount(); c++) {
                        var cell = row.getCell(c);
                        cells.add(cell == null || cell.getRawValue() == null ? "" : cell.getText());
                    }
                    rows.add(cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The workbook with some parts replaced or added (for hostile files). */
    static byte[] withParts(byte[] xlsx, Map<String, byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile in = zip(xlsx); ZipOutputStream zip = new ZipOutputStream(out)) {
            List<String> names = new ArrayList<>();
            for (var entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                names.add(entry.getName());
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(parts.containsKey(entry.getName()) ? parts.get(entry.getName()) : in.getInputStream(entry).readAllBytes());
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                if (!names.contains(part.getKey())) {
                    zip.putNextEntry(new ZipEntry(part.getKey()));
                    zip.write(part.getValue());
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String part(byte[] xlsx, String name) {
        try (ZipFile in = zip(xlsx)) {
            ZipEntry entry = in.getEntry(name);
            if (entry == null) {
                throw new IllegalArgumentException("no part " + name);
            }
            return new String(in.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ZipFile zip(byte[] xlsx) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("wb-", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        file.toFile().deleteOnExit();
        return new ZipFile(file.toFile());
    }
}
