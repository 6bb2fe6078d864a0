package dev.driftline.drift.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads training data and windows from CSV (with a header row) or JSON Lines (one object per line). Every problem
 * is reported with file, line and column. Parquet is recognised but not read yet: the message says so.
 */
public final class TableReader {
    /** Fails on anything after a line's value (e.g. the trailing comma of a JSON array pasted line by line). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TableReader() {
    }

    public static Table read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.exists(file)) {
            throw new InputFormatException(file.toString(), 0, null, "no such file");
        }
        if (name.endsWith(".csv")) {
            return readCsv(file);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return readJsonLines(file);
        }
        if (name.endsWith(".parquet")) {
            throw new InputFormatException(file.toString(), 0, null,
                    "Parquet input is not supported yet; convert to CSV or JSON Lines");
        }
        throw new InputFormatException(file.toString(), 0, null, "unknown file type; use .csv, .jsonl or .ndjson");
    }

    static Table readCsv(Path file) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<String> header;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(r)) {
            if (!it.hasNext()) {
                throw new InputFormatException(file.toString(), 1, null, "empty file: a header row is required");
            }
            header = List.of(it.next());
            requireUniqueNames(file, header);
            while (it.hasNext()) {
                long line = it.getCurrentLocation().getLineNr();
                String[] cells = it.next();
                if (cells.length == 1 && cells[0].isEmpty()) {
                    continue; // blank line
                }
                if (cells.length != header.size()) {
                    throw new InputFormatException(file.toString(), line, null, "expected " + header.size()
                            + " fields as in the header, found " + cells.length);
                }
                Object[] row = new Object[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    row[i] = cells[i].isEmpty() ? null : cells[i];
                }
                rows.add(row);
                lines.add(line);
            }
        } catch (InputFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    null, "malformed CSV: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new InputFormatException(file + ": malformed CSV: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), 0, null, "no such file");
        } catch (IOException e) {
            throw new InputFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new Table(file.toString(), header, rows, lines);
    }

    static Table readJsonLines(Path file) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new InputFormatException(file.toString(), line, null, "not valid JSON at column "
                            + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": "
                            + e.getOriginalMessage());
                }
                if (node == null || !node.isObject()) {
                    throw new InputFormatException(file.toString(), line, null, "expected a JSON object per line");
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    columns.putIfAbsent(f.getKey(), columns.size());
                    row.put(f.getKey(), scalar(f.getValue()));
                }
                objects.add(row);
                lines.add(line);
            }
        } catch (IOException e) {
            throw new InputFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>(columns.keySet());
        List<Object[]> rows = new ArrayList<>(objects.size());
        for (Map<String, Object> o : objects) {
            Object[] row = new Object[names.size()];
            o.forEach((k, v) -> row[columns.get(k)] = v);
            rows.add(row);
        }
        return new Table(file.toString(), names, rows, lines);
    }

    /** JSON scalars as Java values; nested values stay as JSON nodes so they are counted as type mismatches. */
    private static Object scalar(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case NULL, MISSING -> null;
            case NUMBER -> v.numberValue();
            case BOOLEAN -> v.booleanValue();
            case STRING -> v.textValue();
            default -> v;
        };
    }

    private static void requireUniqueNames(Path file, List<String> header) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String h : header) {
            if (h.isBlank()) {
                throw new InputFormatException(file.toString(), 1, null, "empty column name in the header");
            }
            if (!seen.add(h)) {
                throw new InputFormatException(file.toString(), 1, h, "duplicate column name");
            }
        }
    }
}
