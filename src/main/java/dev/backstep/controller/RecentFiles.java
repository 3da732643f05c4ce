package dev.backstep.controller;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** The last networks opened or saved, most recent first, remembered between runs in the user's preferences. */
final class RecentFiles {
    static final int MAX = 8;
    private static final String KEY = "recent.";

    private final Preferences preferences;
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    RecentFiles(Preferences preferences) {
        this.preferences = preferences;
        for (int i = 0; i < MAX; i++) {
            String value = preferences.get(KEY + i, null);
            if (value == null) {
                break;
            }
            try {
                Path path = Path.of(value);
                if (Files.exists(path)) {
                    files.add(path);
                }
            } catch (InvalidPathException e) {
                // a stale or foreign entry: skip it
            }
        }
    }

    ObservableList<Path> files() {
        return files;
    }

    void add(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        while (files.size() > MAX) {
            files.remove(files.size() - 1);
        }
        for (int i = 0; i < MAX; i++) {
            if (i < files.size()) {
                preferences.put(KEY + i, files.get(i).toString());
            } else {
                preferences.remove(KEY + i);
            }
        }
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            // remembering recent files is a convenience; failing to persist them is not worth an error dialog
        }
    }
}
