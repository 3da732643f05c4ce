package dev.backstep.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a CSV file with a header row into text cells: comma-separated, fields optionally in double quotes (a quote
 * inside is written twice), spaces around a field ignored, blank lines skipped, gzipped files unpacked. Which
 * columns are numbers is decided later by {@link CsvTable#number}; errors name the file, the line and the column.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /**
     * The cells of a CSV file.
     *
     * @param lines the line number in the file (from 1, the header is usually line 1) of each row
     */
    public record CsvTable(String file, List<String> header, List<String[]> rows, int[] lines) {
        public int size() {
            return rows.size();
        }

        /** The index of the column called {@code name}, or -1. */
        public int column(String name) {
            return header.indexOf(name);
        }

        /** The cell of row {@code row} (from 0) in column {@code column} as a finite number. */
        public double number(int row, int column) throws NetworkFileException {
            String cell = rows.get(row)[column];
            if (cell.isEmpty()) {
                throw cellError(row, column, "is empty, expected a number");
            }
            char last = cell.charAt(cell.length() - 1);
            try {
                // Double.parseDouble also takes "1f", "0x1p3" and "NaN"; a CSV number ends in a digit or a point.
                if (Character.isDigit(last) || last == '.') {
                    double value = Double.parseDouble(cell);
                    if (Double.isFinite(value) && !cell.contains("x") && !cell.contains("X")) {
                        return value;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw cellError(row, column, "\"" + cell + "\" is not a number (expected e.g. 5.1 or -0.25e-3)");
        }

        /** An error naming the file, the line of row {@code row} and the column. */
        public NetworkFileException cellError(int row, int column, String problem) {
            return new NetworkFileException(file, "line " + lines[row] + ", column \"" + header.get(column) + "\"",
                    problem);
        }
    }

    /** Reads the file; the header must name every column, once. */
    public static CsvTable read(DataLocation location) throws NetworkFileException {
        String file = location.label();
        String text;
        try (InputStream in = location.open()) {
            text = NetworkReader.decode(file, in.readAllBytes());
        } catch (NoSuchFileException e) {
            throw new NetworkFileException(file, "", "no such file");
        } catch (IOException e) {
            throw new NetworkFileException(file, "", "cannot be read (" + e.getMessage() + ")");
        }
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, file, lineNumber);
            if (header == null) {
                header = checkHeader(cells, file, lineNumber);
                continue;
            }
            if (cells.size() != header.size()) {
                throw new NetworkFileException(file, "line " + lineNumber, cells.size() + " "
                        + (cells.size() == 1 ? "value" : "values") + ", expected " + header.size()
                        + " (one per column of the header: " + String.join(", ", header) + ")");
            }
            rows.add(cells.toArray(new String[0]));
            lines.add(lineNumber);
        }
        if (header == null) {
            throw new NetworkFileException(file, "", "is empty (expected a header row naming the columns, then one"
                    + " row per sample)");
        }
        if (rows.isEmpty()) {
            throw new NetworkFileException(file, "", "has a header but no rows (expected one row per sample)");
        }
        return new CsvTable(file, header, rows, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> checkHeader(List<String> cells, String file, int line) throws NetworkFileException {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c);
            if (name.isEmpty()) {
                throw new NetworkFileException(file, "line " + line, "header column " + (c + 1) + " is empty"
                        + " (expected a name for every column)");
            }
            if (!seen.add(name)) {
                throw new NetworkFileException(file, "line " + line, "header names column \"" + name + "\" twice"
                        + " (expected unique column names)");
            }
        }
        return List.copyOf(cells);
    }

    private static List<String> split(String line, String file, int lineNumber) throws NetworkFileException {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            StringBuilder cell = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                int open = i++;
                while (true) {
                    if (i >= n) {
                        throw new NetworkFileException(file, "line " + lineNumber, "the quote opened at character "
                                + (open + 1) + " is never closed (expected a closing \")");
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(ch);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new NetworkFileException(file, "line " + lineNumber, "character " + (i + 1) + " follows a"
                            + " quoted value, expected a comma");
                }
                cells.add(cell.toString());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                cells.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                return cells;
            }
            i++; // the comma
        }
    }
}
