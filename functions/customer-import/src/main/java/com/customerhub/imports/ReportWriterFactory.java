package com.customerhub.imports;

import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rejection report: the file's header row plus an error column, then each rejected row with
 * its cells as they were and why it was rejected. Streamed to a temporary file, opened only when
 * the first row is rejected.
 */
@Singleton
public class ReportWriterFactory {

    public Report open(List<String> headers) {
        return new Report(headers);
    }

    public static final class Report {
        private final List<String> headers;
        private SheetWriter writer;
        private int rows;

        Report(List<String> headers) {
            this.headers = headers;
        }

        public void reject(SheetRow row, List<RowError> errors) {
            if (writer == null) {
                List<String> withError = new ArrayList<>(headers);
                withError.add(0, "row");
                withError.add("error");
                writer = new SheetWriter("Rejected", withError, mobileColumn() + 1);
            }
            Object[] cells = new Object[headers.size() + 2];
            cells[0] = row.number();
            for (int i = 0; i < row.cells().size() && i < headers.size(); i++) {
                cells[i + 1] = row.cells().get(i).isEmpty() ? null : row.cells().get(i);
            }
            cells[cells.length - 1] = errors.stream()
                    .map(e -> e.column().isEmpty() ? e.message() : e.column() + ": " + e.message())
                    .collect(Collectors.joining("; "));
            writer.row(cells);
            rows++;
        }

        private int mobileColumn() {
            for (int i = 0; i < headers.size(); i++) {
                if (ImportColumn.ofHeader(headers.get(i)).orElse(null) == ImportColumn.MOBILE) {
                    return i;
                }
            }
            return -2;
        }

        public int rows() {
            return rows;
        }

        public Path finish() {
            return writer.finish();
        }

        public void discard() {
            if (writer != null) {
                writer.close();
                S3Files.deleteQuietly(writer.file());
            }
        }
    }
}
