package dev.backstep.io;

/** Where a network's samples come from, as its file says; {@link DataSets#load} turns a spec into data sets. */
public sealed interface DataSpec permits InlineData, GeneratedData, CsvData, IdxData {
}
